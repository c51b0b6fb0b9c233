from django.shortcuts import get_object_or_404, render

from pdsite.cache_version import current
from pdsite.pagecache import cacheable, keep

from . import caching
from .models import Page


@cacheable
def page(request, url, canonical=None):
    """A staff-written programme page. ``canonical`` names the preferred address of a page that
    is served at two addresses (the overview lives at / and /educate/professional-development).

    Its HTML is cached for anonymous visitors until any page is saved (``pages.caching``)."""
    stamp = current([caching.VERSION]).items()  # read before the page
    page = get_object_or_404(Page.objects.published(), url=url)
    context = {"page": page.in_language()}
    if canonical:
        context["canonical_path"] = canonical
    return keep(render(request, "pages/page.html", context), stamp)


@cacheable
def catch_all(request, path):
    return page(request, "/" + path.rstrip("/"))
