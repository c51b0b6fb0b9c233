from django import template

from pdsite import markdown

register = template.Library()


@register.filter(name="markdown")
def markdown_filter(text):
    """{{ page.body|markdown }}: sanitised HTML from staff-written Markdown (cached)."""
    return markdown.render_cached(text)
