"""The site's two languages: English at today's addresses, Spanish under /es/.

The language of a page is read from its address alone (``LocaleMiddleware`` with
``i18n_patterns(prefix_default_language=False)``), never from a cookie or the browser's
Accept-Language, so every address has exactly one language and the page cache can keep it."""

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext_noop

SPANISH = "es"
PREFIXED = {code for code, _ in settings.LANGUAGES if code != settings.LANGUAGE_CODE}

# Django's own Spanish catalogue writes "a.m."/"p.m."; US Spanish style guides (and the site's
# formats, pdsite/formats/es) write "a. m."/"p. m.". Listed here so that `make messages` keeps
# the site's own translation of these two msgids, which wins over Django's.
gettext_noop("a.m.")
gettext_noop("p.m.")


def active_language():
    """The language of the request being served ("en" outside a request): stored on sign-ups,
    alerts and inquiries when they are made, so their emails are written in it."""
    return translation.get_language() or settings.LANGUAGE_CODE


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

