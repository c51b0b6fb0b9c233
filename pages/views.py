from django.shortcuts import get_object_or_404, render

from pdsite.pagecache import cached_page

from . import caching
from .models import Page


def page(request, url, canonical=None):
    """A staff-written programme page. ``canonical`` names the preferred address of a page that
    is served at two addresses (the overview lives at / and /educate/professional-development).

    Its HTML is cached for anonymous visitors until any page is saved (``pages.caching``)."""

    def build():
        page = get_object_or_404(Page.objects.published(), url=url)
        context = {"page": page}
        if canonical:
            context["canonical_path"] = canonical
        return render(request, "pages/page.html", context)

    return cached_page(request, ("page", caching.version(), url, canonical), build)


def catch_all(request, path):
    return page(request, "/" + path.rstrip("/"))
