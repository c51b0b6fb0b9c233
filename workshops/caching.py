"""What the public workshop pages keep in the cache, and how it is kept correct.

Cached: the browse page's counts by state and city, and whole pages for anonymous visitors
(``pdsite.pagecache``). Seat counts are never cached as numbers: each workshop has a *seat
token* instead, changed by every saved or deleted sign-up (Enrollment signals, so the services,
the admin and any ``save()`` change it). A cached workshop or search page is kept under the
tokens of the workshops it shows and served only while they are unchanged, so a sign-up shows
at the next request; when one has changed, the page is built again from the database, where
the rows and their seats are read fresh.

Every key holds the workshops' *version*. Saving or deleting a workshop (the admin, services,
``Workshop.save()`` anywhere) bumps it through the model signals in ``workshops.apps``, so a
published, edited or cancelled workshop is seen at the next request. Writes that send no signals
(``bulk_create``, ``QuerySet.update``) must call ``bump_version()`` themselves; the short
timeout below bounds how stale such a miss can ever be; ``Enrollment`` has no bulk writes. A
page that changes with the clock (a workshop in it starts) expires at that moment.
"""

from django.core.cache import cache

from pdsite.cache_version import CacheVersion, current

BROWSE_TIMEOUT = 60

# Forget every cached page and count: bumped after any change to workshops.
VERSION = CacheVersion("workshops:version")
version = VERSION.get
bump_version = VERSION.bump


def cached(name, parts, build, timeout, token=None):
    """``build()``'s result, kept under ``name``, the version and ``parts`` for ``timeout`` s.
    Pass the version ``token`` when it has been read already (one round trip less)."""
    key = ":".join(["workshops", name, token or version(), *(str(part) for part in parts)])
    value = cache.get(key)
    if value is None:
        value = build()
        cache.set(key, value, timeout=timeout)
    return value


# Seat tokens: one per workshop, changed whenever one of its sign-ups is saved or deleted (the
# Enrollment signals in ``workshops.apps``; services save every change). Cached pages that
# show seats carry the tokens of the workshops they show, so a sign-up shows at the next request.
# A seat token is kept for a day (one is made for any workshop page asked for, even a missing
# one); a page built under a token that has gone just misses.
SEATS_TIMEOUT = 24 * 60 * 60


def seats_version(pk):
    return CacheVersion(f"workshops:seats:{pk}", timeout=SEATS_TIMEOUT)


def page_stamp(pks, version=None):
    """The stamp of a page showing the seats of workshops ``pks``: ((cache key, token), ...) of
    the workshops' version and their seat tokens, read in one round trip. Pass the ``version``
    the page's data was read under, when it was read before (then it is not read again)."""
    known = {VERSION.key: version} if version else {}
    versions = [seats_version(pk) for pk in pks] + ([] if version else [VERSION])
    return tuple({**known, **current(versions)}.items())


def bump_seats(workshop_id):
    """The seats of ``workshop_id`` changed (now, and again when the transaction commits)."""
    seats_version(workshop_id).bump()


def enrollment_changed(instance, **_signal_kwargs):
    bump_seats(instance.workshop_id)
