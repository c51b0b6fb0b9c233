"""The site's two languages: English at today's addresses, Spanish under /es/.

The language of a page is read from its address alone
(``pdsite.middleware.AddressLanguageMiddleware``, with ``i18n_patterns(prefix_default_language=
False)`` in pdsite.urls), never from a cookie or the browser's Accept-Language, so every address
has exactly one language and the page cache can keep it."""

from django.conf import settings
from django.db import models
from django.utils import translation
from django.utils.translation import gettext_noop

SPANISH = "es"
PREFIXED = {code for code, _ in settings.LANGUAGES if code != settings.LANGUAGE_CODE}

# Django's own Spanish catalogue writes "a.m."/"p.m."; US Spanish style guides (and the site's
# formats, pdsite/formats/es) write "a. m."/"p. m." (with a no-break space, so that a phone never
# ends a line with "a."). Listed here so that `make messages` keeps
# the site's own translation of these two msgids, which wins over Django's.
gettext_noop("a.m.")
gettext_noop("p.m.")


def active_language():
    """The language of the request being served ("en" outside a request), one of
    settings.LANGUAGES."""
    try:
        return translation.get_supported_language_variant(translation.get_language() or "")
    except LookupError:
        return settings.LANGUAGE_CODE


def language_field():
    """The language a teacher used when they made a sign-up, an alert or an inquiry: their
    emails are written in it. Set from the request when the row is made (the default)."""
    return models.CharField(
        "language",
        max_length=7,
        choices=settings.LANGUAGES,
        default=active_language,
        help_text="The language of the site when this was made; emails to the person use it.",
    )


def unprefixed(path):
    """The English address of ``path`` (an address of either language)."""
    first, _, rest = path.lstrip("/").partition("/")
    if first in PREFIXED:
        return "/" + rest
    return path


def localized(path, language=None):
    """``path`` (an English address) in ``language`` (default: the active one)."""
    language = language or active_language()
    if language == settings.LANGUAGE_CODE:
        return path
    return f"/{language}{path}"
