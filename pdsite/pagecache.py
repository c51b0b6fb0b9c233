"""Whole-page HTML cache for anonymous visitors, where a page stays exactly correct.

A view calls ``cached_page(request, key_parts, render)``: ``render()`` builds the response as
usual; its HTML is kept under a key made of ``key_parts`` (the view names everything the page
depends on: a data version, seat counts, the query string) and the site's build. Only for a
visitor with no session and no pending messages (then the page is the same for everyone), only
for a 200 that sets no cookie and used no CSP nonce (a nonce must be new for each response), and
never for a page with a form's CSRF token (those views do not call this).
"""

import hashlib
from functools import cache as memoize

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse

TIMEOUT = 10 * 60
MESSAGES_COOKIE = "messages"


@memoize
def build():
    """Changes with each deploy's static files (their hashed names are in the HTML)."""
    manifest = settings.STATIC_ROOT / "staticfiles.json"
    try:
        return hashlib.sha256(manifest.read_bytes()).hexdigest()[:12]
    except OSError:
        return "dev"


def anonymous(request):
    """A visitor without a session or messages: every such visitor sees the same page."""
    return (
        request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and MESSAGES_COOKIE not in request.COOKIES
    )


def cached_page(request, key_parts, render, timeout=TIMEOUT):
    if not anonymous(request):
        return render()
    digest = hashlib.sha256(repr((build(), request.path, *key_parts)).encode()).hexdigest()
    key = f"page:{digest[:40]}"
    html = cache.get(key)
    if html is not None:
        return HttpResponse(html)
    response = render()
    if (
        response.status_code == 200
        and not response.cookies
        and not response.streaming
        and getattr(request, "_csp_nonce", None) is None
    ):
        cache.set(key, response.content, timeout=timeout)
    return response
