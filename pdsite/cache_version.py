"""A version token kept in the cache, part of the keys of cached data that must never go stale.

Bumping it makes every key built with the old token unreachable at once (the old entries expire
on their own). ``bump`` sets a new token now and again once the transaction commits: a request
between the two could have cached the old rows under the first new token."""

import uuid

from django.core.cache import cache
from django.db import transaction


class CacheVersion:
    def __init__(self, key):
        self.key = key

    def get(self):
        """The current token (made on first use)."""
        token = cache.get(self.key)
        if token is None:
            token = self.first()
        return token

    def first(self):
        """Make the token if it is still missing, and return the one that is kept (another
        process may have made it first)."""
        token = uuid.uuid4().hex[:12]
        if cache.add(self.key, token, timeout=None):
            return token
        return cache.get(self.key) or "none"

    def _new(self):
        cache.set(self.key, uuid.uuid4().hex[:12], timeout=None)

    def bump(self, **_signal_kwargs):
        self._new()
        transaction.on_commit(self._new)
