"""Whole-page HTML cache for anonymous visitors, where a page stays exactly correct.

A view names everything its page depends on in ``key_parts`` (data versions, seat tokens, the
query string). Because every part that can change is in the key, an entry never goes stale: it
just stops being asked for. That is what makes a second level safe: each gunicorn worker keeps
the pages it served in its own memory (the ``pages`` cache, a bounded ``LocMemCache``), in front
of the shared cache (Redis in production). A hit costs the round trip that reads the versions,
and nothing else: no query, no second round trip, no template.

An entry may also carry:
- ``valid_until``: the moment the page changes on its own (a workshop starts, so it leaves a
  search and its page closes sign-up). The entry is not served from then on.
- ``stamp``: the version tokens it was built from, ((cache key, token), ...), for tokens that
  cannot be in the key because they are only known once the entry is found (the seat tokens of
  the workshops a search page lists). The entry is served only while all of them are current,
  checked in one round trip (``pdsite.cache_version.still_current``).

Only for a visitor with no session and no pending messages (then the page is the same for
everyone), only for a 200 that sets no cookie and used no CSP nonce (a nonce must be new for
each response), and never for a page with a form's CSRF token (those views do not call this).
"""

import hashlib
from functools import cache as memoize
from typing import NamedTuple

from django.conf import settings
from django.core.cache import cache, caches
from django.http import HttpResponse
from django.utils import timezone

from pdsite.cache_version import still_current

TIMEOUT = 10 * 60
MESSAGES_COOKIE = "messages"
FORMAT = 2  # of the cached entries: a new format must not read an old one


class Entry(NamedTuple):
    html: bytes
    valid_until: float | None = None  # a Unix time; None: until the key is no longer asked for
    stamp: tuple = ()


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


def page_key(request, key_parts):
    digest = hashlib.sha256(repr((FORMAT, build(), request.path, *key_parts)).encode()).hexdigest()
    return f"page:{digest[:40]}"


def get_entry(request, key_parts):
    """The cached ``Entry`` for this page, or None (not anonymous, not cached, expired, or
    built from a token that has changed since)."""
    if not anonymous(request):
        return None
    key = page_key(request, key_parts)
    local = caches["pages"]
    entry = local.get(key)
    if entry is None:
        entry = cache.get(key)
        if entry is None:
            return None
        local.set(key, entry, timeout=TIMEOUT)
    if entry.valid_until is not None and timezone.now().timestamp() >= entry.valid_until:
        return None
    return entry if still_current(entry.stamp) else None


def store(request, key_parts, response, valid_until=None, stamp=(), timeout=TIMEOUT):
    """Keep ``response``'s HTML for the next anonymous visitor, if it may be; returns it."""
    if (
        anonymous(request)
        and response.status_code == 200
        and not response.cookies
        and not response.streaming
        and getattr(request, "_csp_nonce", None) is None
        and (valid_until is None or timezone.now().timestamp() < valid_until)
    ):
        key = page_key(request, key_parts)
        entry = Entry(response.content, valid_until, tuple(stamp))
        cache.set(key, entry, timeout=timeout)
        caches["pages"].set(key, entry, timeout=timeout)
    return response


def cached_page(request, key_parts, render, timeout=TIMEOUT):
    """The cached page under ``key_parts``, else ``render()``'s response (then kept)."""
    entry = get_entry(request, key_parts)
    if entry is not None:
        return HttpResponse(entry.html)
    return store(request, key_parts, render(), timeout=timeout)
