from django.conf import settings

from pdsite.links import site_url


def site(request):
    """The site's name and base address, for titles, canonical links and Open Graph tags."""
    base = site_url(request)
    return {
        "SITE_NAME": settings.SITE_NAME,
        "SITE_URL": base,
        "canonical_url": base + request.path,
    }
