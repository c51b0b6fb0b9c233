"""Markdown for staff-written text: rendered once per distinct text, sanitised with nh3.

Staff write pages and workshop notes in Markdown. The HTML that comes out is cleaned by nh3 so
that no text can inject script, event handlers or styles. Headings get ids (for anchors), and a
link written with a ``{.btn}`` attribute list (``[Find a workshop](/x){.btn .btn-primary}``)
keeps its button classes. Blocks of cards are written as HTML that holds Markdown
(``<div class="phases" markdown>`` around ``<section markdown>`` blocks, the ``md_in_html``
extension); nh3 still cleans all of it. The result is cached under a hash of the text, so an
unchanged page is never rendered twice and an edited page is rendered afresh at once.
"""

import hashlib
import re

import markdown as md
import nh3
from django.core.cache import cache
from django.utils.safestring import mark_safe

RENDERER_VERSION = "2"

ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "code", "dd", "div", "dl", "dt", "em", "h2", "h3",
    "h4", "h5", "h6", "hr", "i", "img", "li", "ol", "p", "pre", "section", "span", "strong",
    "sub", "sup", "table", "tbody", "td", "th", "thead", "tr", "ul",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "*": {"id", "class"},
    "a": {"href", "title"},
    "img": {"src", "alt", "title", "width", "height"},
    "th": {"scope"},
    "td": {"colspan"},
}
# Only these classes survive sanitising: buttons, layout helpers, card grids (cards, phases,
# compare), the jump-links line, and the anchor links.
ALLOWED_CLASS = re.compile(
    r"^(btn|btn-(primary|secondary|outline-primary|outline-secondary|lg|sm)|lead|"
    r"row|col|col-md-\d+|card|card-body|cards|phase|phases|compare|jump-links|callout|"
    r"heading-anchor|visually-hidden|"
    r"list-unstyled|mt-\d|mb-\d|me-\d|table|table-sm)$"
)


def _keep_allowed_classes(tag, attr, value):
    if attr == "class":
        kept = [name for name in value.split() if ALLOWED_CLASS.match(name)]
        return " ".join(kept) or None
    return value


def render(text):
    """Markdown text -> sanitised HTML (a str, not yet marked safe)."""
    html = md.markdown(
        text or "",
        extensions=["attr_list", "tables", "sane_lists", "toc", "md_in_html"],
        extension_configs={"toc": {"permalink": False, "toc_depth": "2-3"}},
        output_format="html",
    )
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        attribute_filter=_keep_allowed_classes,
        url_schemes={"http", "https", "mailto", "tel"},
        link_rel="noopener noreferrer",
    )


def render_cached(text):
    """Rendered and sanitised HTML, marked safe, from the cache when this text was seen before."""
    digest = hashlib.sha256((text or "").encode()).hexdigest()
    key = f"markdown:{RENDERER_VERSION}:{digest}"
    html = cache.get(key)
    if html is None:
        html = render(text)
        cache.set(key, html, timeout=60 * 60 * 24)
    return mark_safe(html)  # noqa: S308 - sanitised by nh3 above
