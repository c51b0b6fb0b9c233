"""What the public workshop pages keep in the cache, and how it is kept correct.

Cached: the finder's geo search (the ordered ids, distances and start times of the workshops a
query matches), the browse page's counts by state and city, and whole pages for anonymous
visitors (``pdsite.pagecache``). Seat counts are never cached as numbers: each workshop has a
*seat token* instead, changed by every saved or deleted sign-up (Enrollment signals, so the
services, the admin and any ``save()`` change it). A cached workshop or search page is kept
under the tokens of the workshops it shows and served only while they are unchanged, so a
sign-up shows at the next request; when one has changed, the page is built again from the
database, where the rows and their seats are read fresh.

Every key holds the workshops' *version*. Saving or deleting a workshop (the admin, services,
``Workshop.save()`` anywhere) bumps it through the model signals in ``workshops.apps``, so a
published, edited or cancelled workshop is seen at the next request. Writes that send no signals
(``bulk_create``, ``QuerySet.update``) must call ``bump_version()`` themselves; the short
timeouts below bound how stale such a miss can ever be; ``Enrollment`` has no bulk writes. A
workshop that starts while its search is cached drops out at once: the cached start times are
filtered against the clock on every read, and a cached page expires at the soonest start.
"""

from django.core.cache import cache

from pdsite.cache_version import CacheVersion

SEARCH_TIMEOUT = 5 * 60
BROWSE_TIMEOUT = 60

# Forget every cached search and count: bumped after any change to workshops.
VERSION = CacheVersion("workshops:version")
version = VERSION.get
bump_version = VERSION.bump


def cached(name, parts, build, timeout, token=None):
    """``build()``'s result, kept under ``name``, the version and ``parts`` for ``timeout`` s.
    Pass the version ``token`` when the caller has read it already (one round trip less)."""
    key = ":".join(["workshops", name, token or version(), *(str(part) for part in parts)])
    value = cache.get(key)
    if value is None:
        value = build()
        cache.set(key, value, timeout=timeout)
    return value


# Seat tokens: one per workshop, changed whenever one of its sign-ups is saved or deleted (the
# Enrollment signals in ``workshops.apps``; services save every change). Cached pages that
# show seats carry the tokens of the workshops they show, so a sign-up shows at the next request.
SEATS_KEY = "workshops:seats:{}"


def seat_tokens(pks):
    """{pk: token} for these workshops, in one round trip (tokens are made on first use)."""
    keys = {SEATS_KEY.format(pk): pk for pk in pks}
    if not keys:
        return {}
    found = cache.get_many(keys)
    tokens = {keys[key]: token for key, token in found.items()}
    for key, pk in keys.items():
        if pk not in tokens:
            tokens[pk] = CacheVersion(key).first()
    return tokens


def tokens(pk):
    """(the workshops' version, ``pk``'s seat token), in one round trip."""
    seats_key = SEATS_KEY.format(pk)
    found = cache.get_many([VERSION.key, seats_key])
    return (
        found.get(VERSION.key) or VERSION.first(),
        found.get(seats_key) or CacheVersion(seats_key).first(),
    )


def bump_seats(workshop_id):
    """The seats of ``workshop_id`` changed (now, and again when the transaction commits)."""
    CacheVersion(SEATS_KEY.format(workshop_id)).bump()


def enrollment_changed(instance, **_signal_kwargs):
    bump_seats(instance.workshop_id)


def stamp(version, seat_tokens):
    """What a cached search page was built from: ((cache key, token), ...)."""
    return ((VERSION.key, version),) + tuple(
        (SEATS_KEY.format(pk), token) for pk, token in seat_tokens.items()
    )


def still_current(stamp):
    """Whether every token of ``stamp`` is still the current one (one round trip)."""
    return cache.get_many([key for key, _ in stamp]) == dict(stamp)
