"""Whole-page cache for anonymous visitors, where a page stays exactly correct.

A view that may be cached is marked ``@cacheable`` and marks each response it may keep with
``keep(response, stamp, valid_until)``. ``PageCacheMiddleware`` stores such a response, headers
and all, under the page's address (path and query string), and answers the next anonymous
request for that address from the cache, before the rest of the middleware and the view run. A
hit costs one cache round trip, no query, no template and no middleware below this one: about
half of a hit served by the view. Addresses of other views cost no round trip.

What keeps it exact:
- ``stamp``: every version token the page was built from, ((cache key, token), ...): the
  pages' or the workshops' version (seats included: they are workshop columns). The entry is served
  only while all of them are current, checked in one round trip
  (``pdsite.cache_version.still_current``). A view reads the tokens *before* the data they
  guard, so a change after the read changes a token.
- ``valid_until``: the moment the page changes on its own (a workshop starts, so it leaves a
  search and its page closes sign-up), and ``timeout``: the longest it may be kept. The entry
  carries the sooner of the two (``Entry.expires``) and no copy of it is served from then on:
  a worker copying it from Redis into its own memory keeps it only for what is left.
- The format of entries, the deploy's static files (their hashed names are in the HTML) and
  the page's language (set from the address by ``AddressLanguageMiddleware``, above this one)
  are part of every key: a Spanish visitor never gets the English copy, or the reverse.

Because an entry is never served once stale, each gunicorn worker also keeps the pages it
served in its own memory (the ``pages`` cache, a bounded ``LocMemCache``), in front of the
shared cache (Redis in production).

Only for a visitor with no session and no pending messages (then the page is the same for
everyone), only for a 200 that sets no cookie and used no CSP nonce (a nonce must be new for
each response), and never for a page with a form's CSRF token (those views do not call
``keep``). Security headers set by the middleware above this one (HSTS, the request id) are set
on every response, hits included; those set below it are stored with the page.
"""

import hashlib
import logging
from functools import cache as memoize
from typing import NamedTuple

from django.conf import settings
from django.core.cache import cache, caches
from django.http import HttpResponse
from django.urls import Resolver404, resolve
from django.utils import timezone, translation

from pdsite.cache_version import still_current

logger = logging.getLogger(__name__)

TIMEOUT = 10 * 60
MESSAGES_COOKIE = "messages"
FORMAT = 4  # of the cached entries: a new format must not read an old one


class Entry(NamedTuple):
    html: bytes
    headers: tuple  # ((name, value), ...) of the response as the view and middleware made it
    # A Unix time: the page's own ``valid_until`` or the end of its timeout, whichever is
    # sooner. Every copy of the entry (Redis, each worker's memory) ends then.
    expires: float
    stamp: tuple = ()

    def response(self):
        return HttpResponse(self.html, headers=dict(self.headers))


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


def page_key(request):
    address = (request.path, sorted(request.GET.lists()))
    if settings.SITE_URL_FROM_REQUEST:  # the page's links hold the host it was asked on
        address = (request.META.get("HTTP_HOST", ""), *address)
    language = translation.get_language()
    digest = hashlib.sha256(repr((FORMAT, build(), language, address)).encode()).hexdigest()
    return f"page:{digest[:40]}"


def get_entry(request):
    """The cached ``Entry`` for this address, or None (not cached, expired, or built from a
    token that has changed since)."""
    key = page_key(request)
    local = caches["pages"]
    entry = local.get(key)
    if entry is None:
        entry = cache.get(key)
        if entry is None or passed(entry.expires):
            return None
        local.set(key, entry, timeout=entry.expires - now())
    if passed(entry.expires):
        return None
    return entry if still_current(entry.stamp) else None


def now():
    return timezone.now().timestamp()


def passed(moment):
    """Whether the Unix time ``moment`` (None: never) has come."""
    return moment is not None and now() >= moment


def cacheable(view):
    """Mark a view that may ``keep`` its pages: the middleware looks its addresses up in the
    cache. Other addresses cost no cache round trip."""
    view.page_cacheable = True
    return view


def served_by_cacheable_view(request):
    try:
        match = resolve(request.path_info)
    except Resolver404:
        return False
    return getattr(match.func, "page_cacheable", False)


def keep(response, stamp=(), valid_until=None, timeout=TIMEOUT):
    """Mark ``response`` as the page every anonymous visitor to this address sees while
    ``stamp`` is current, until ``valid_until`` (a Unix time), for at most ``timeout`` s."""
    response.page_cache = (tuple(stamp), valid_until, timeout)
    return response


def store(request, response):
    """Keep a response marked by ``keep`` for the next anonymous visitor, if it may be."""
    stamp, valid_until, timeout = response.page_cache
    expires = min(now() + timeout, valid_until or float("inf"))
    if (
        anonymous(request)
        and response.status_code == 200
        and not response.cookies
        and not response.streaming
        and getattr(request, "_csp_nonce", None) is None
        and not passed(expires)
    ):
        key = page_key(request)
        entry = Entry(response.content, tuple(response.items()), expires, stamp)
        cache.set(key, entry, timeout=expires - now())
        caches["pages"].set(key, entry, timeout=expires - now())


class PageCacheMiddleware:
    """Answer anonymous requests from the page cache; store the pages views ``keep``."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if anonymous(request) and served_by_cacheable_view(request):
            try:
                entry = get_entry(request)
            except Exception:  # the cache is a shortcut: without it, the view answers
                logger.exception("page cache: lookup failed")
                entry = None
            if entry is not None:
                return entry.response()
        response = self.get_response(request)
        if hasattr(response, "page_cache"):
            try:
                store(request, response)
            except Exception:
                logger.exception("page cache: store failed")
        return response
