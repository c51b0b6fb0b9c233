"""What the public workshop pages keep in the cache, and how it is kept correct.

Cached: the browse page's counts by state and city, and whole pages for anonymous visitors
(``pdsite.pagecache``). Every key holds the workshops' *version*. Seats are columns of the
workshop row, so one version covers them too: saving or deleting a workshop or course (the
admin, ``Workshop.save()`` anywhere) bumps it through the model signals in ``workshops.apps``,
and the sign-up services bump it when they move a workshop's seat counts (an UPDATE sends no
signal). A sign-up, a published, edited or cancelled workshop is seen at the next request.
Other writes that send no signals (``bulk_create``, ``QuerySet.update``: the importer, the
duplicate action, the demo loader's workshops and sign-ups) must call ``bump_version()``
themselves. A page that changes with the clock (a workshop in it starts) expires at that
moment.
"""

from django.core.cache import cache

from pdsite.cache_version import CacheVersion

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


def page_stamp(version=None):
    """The stamp of a page built from the workshops (their seats included): ((cache key,
    token),) of the workshops' version. Pass the ``version`` the page's data was read under,
    when it was read before (then it is not read again)."""
    return ((VERSION.key, version or VERSION.get()),)
