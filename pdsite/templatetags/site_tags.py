import functools
import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from pdsite import markdown

register = template.Library()


@register.filter(name="markdown")
def markdown_filter(text):
    """{{ page.body|markdown }}: sanitised HTML from staff-written Markdown (cached)."""
    return markdown.render_cached(text)


class CaptureNode(template.Node):
    def __init__(self, nodelist, name):
        self.nodelist, self.name = nodelist, name

    def render(self, context):
        # The inside is template output, already escaped by the template engine.
        context[self.name] = mark_safe(self.nodelist.render(context).strip())  # noqa: S308
        return ""


@register.tag
def capture(parser, token):
    """{% capture name %}...{% endcapture %}: render the inside once (blocks included) into the
    variable ``name``, so the page's title and description also fill its Open Graph tags."""
    bits = token.split_contents()
    if len(bits) != 2:
        raise template.TemplateSyntaxError("usage: {% capture name %}...{% endcapture %}")
    nodelist = parser.parse(("endcapture",))
    parser.delete_first_token()
    return CaptureNode(nodelist, bits[1])


# As django.utils.html.json_script: no "<", ">" or "&" in the JSON, so no "</script>" either.
_JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.filter
def json_data(value):
    """JSON for the inside of a ``<script type="application/json|ld+json" nonce=...>`` block,
    escaped as Django's ``json_script`` does: a "</script>" in the data cannot end the block."""
    text = json.dumps(value, cls=DjangoJSONEncoder).translate(_JSON_SCRIPT_ESCAPES)
    return mark_safe(text)  # noqa: S308 - every character that could end the block is escaped


@register.filter
def error_summary(form):
    """The errors of ``form`` for the one error summary (``includes/_error_summary.html``):
    (id of the input to jump to, the field's label, message), in the form's order. A form says
    where a non-field error belongs with ``error_targets = {error code: field name}``; others
    are listed first, without a link."""
    targets = getattr(form, "error_targets", {})
    items, placed = [], {}
    for error in form.non_field_errors().as_data():
        name = targets.get(error.code)
        if name:
            placed.setdefault(name, []).extend(error.messages)
        else:
            items += [("", "", message) for message in error.messages]
    for field in form:
        # A group of boxes (checkboxes, radios) has no id of its own: jump to its first box.
        target = field.id_for_label or f"{field.auto_id}_0"
        for message in [*field.errors, *placed.get(field.name, [])]:
            items.append((target, field.label, message))
    return items


@register.filter
def within(path, section):
    """Whether ``path`` is the address ``section`` or an address below it (the header marks
    the section's item as the current one)."""
    return path == section or path.startswith(section.rstrip("/") + "/")


# The header's items: (section, its address name, whether the addresses below it are in it too).
NAV_SECTIONS = [
    ("overview", "pages:overview", False),
    ("overview", "pages:overview-alias", False),
    ("k5", "pages:k5", False),
    ("finder", "workshops:finder", True),
    ("districts", "inquiries:districts", False),
]


@functools.lru_cache(maxsize=8)
def _nav_addresses(language):
    return [(section, reverse(name), below) for section, name, below in NAV_SECTIONS]


@register.simple_tag(takes_context=True)
def nav_section(context):
    """The header item this page belongs to ("overview", "k5", "finder", "districts" or ""):
    the header marks it as the current page, and its cached copy is kept per section."""
    path = context["request"].path
    for section, address, below in _nav_addresses(get_language()):
        if path == address or (below and within(path, address)):
            return section
    return ""
