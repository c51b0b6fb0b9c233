from django.conf import settings


def site(request):
    """The site's name and base address, for titles, canonical links and Open Graph tags."""
    return {
        "SITE_NAME": settings.SITE_NAME,
        "SITE_URL": settings.SITE_URL,
        "canonical_url": settings.SITE_URL + request.path,
    }
