from django.conf import settings

from pdsite.links import site_url

from .i18n import active_language, localized, unprefixed


def site(request):
    """The site's name and base address, for titles, canonical links and Open Graph tags; the
    page's address in each language, for hreflang links and the language switcher."""
    base = site_url(request)
    english_path = unprefixed(request.path)
    current = active_language()
    query = request.META.get("QUERY_STRING", "")
    translations = []
    for code, name in settings.LANGUAGES:
        path = localized(english_path, code)
        translations.append(
            {
                "code": code,
                "name": name,
                "url": base + path,
                "link": f"{path}?{query}" if query else path,
                "current": code == current,
            }
        )
    return {
        "SITE_NAME": settings.SITE_NAME,
        "SITE_URL": base,
        "canonical_url": base + request.path,
        "translations": translations,
        "x_default_url": base + english_path,
    }
