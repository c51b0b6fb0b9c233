"""What the public workshop pages keep in the cache, and how it is kept correct.

Cached: the finder's geo search (the ordered ids, distances and start times of the workshops a
query matches) and the browse page's counts by state and city. Never cached: seats. A search
page takes the cached ids of its ten results and reads those rows, with their seat counts, fresh
in one query by primary key, so a sign-up shows at once.

Every key holds the workshops' *version*. Saving or deleting a workshop (the admin, services,
``Workshop.save()`` anywhere) bumps it through the model signals in ``workshops.apps``, so a
published, edited or cancelled workshop is seen at the next request. Writes that send no signals
(``bulk_create``, ``QuerySet.update``) must call ``bump_version()`` themselves; the short
timeouts below bound how stale such a miss can ever be. A workshop that starts while its search
is cached drops out at once: the cached start times are filtered against the clock on every read.
"""

import uuid

from django.core.cache import cache
from django.db import transaction

VERSION_KEY = "workshops:version"
SEARCH_TIMEOUT = 5 * 60
BROWSE_TIMEOUT = 60


def version():
    """The current version token of the workshop data (made on first use)."""
    token = cache.get(VERSION_KEY)
    if token is None:
        cache.add(VERSION_KEY, uuid.uuid4().hex[:12], timeout=None)
        token = cache.get(VERSION_KEY) or "none"
    return token


def _new_version():
    cache.set(VERSION_KEY, uuid.uuid4().hex[:12], timeout=None)


def bump_version(**_signal_kwargs):
    """Forget every cached search and count: call after any change to workshops. Now, and
    again once the transaction commits (a request between the two could have cached the old
    rows under the first new version)."""
    _new_version()
    transaction.on_commit(_new_version)


def cached(name, parts, build, timeout, token=None):
    """``build()``'s result, kept under ``name``, the version and ``parts`` for ``timeout`` s.
    Pass the version ``token`` when the caller has read it already (one round trip less)."""
    key = ":".join(["workshops", name, token or version(), *(str(part) for part in parts)])
    value = cache.get(key)
    if value is None:
        value = build()
        cache.set(key, value, timeout=timeout)
    return value
