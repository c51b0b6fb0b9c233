"""A version token kept in the cache, part of the keys of cached data that must never go stale.

Bumping it makes every key built with the old token unreachable at once (the old entries expire
on their own). ``bump`` sets a new token now and again once the transaction commits: a request
between the two could have cached the old rows under the first new token."""

import uuid

from django.core.cache import cache
from django.db import transaction


class CacheVersion:
    """``timeout``: how long an unchanged token is kept (None: for ever). Any timeout is safe,
    as a lost token is made anew at random: the pages built under the old one just miss."""

    def __init__(self, key, timeout=None):
        self.key = key
        self.timeout = timeout

    def get(self):
        """The current token (made on first use)."""
        return current([self])[self.key]

    def _new(self):
        cache.set(self.key, _new_token(), timeout=self.timeout)

    def bump(self, **_signal_kwargs):
        self._new()
        transaction.on_commit(self._new)


def _new_token():
    return uuid.uuid4().hex[:12]


def current(versions):
    """{key: token} of these ``CacheVersion``s, in one round trip, and one more to make the
    missing ones. Those are set, not added: a token another process made in between is
    replaced, which only makes the pages built under it miss (what is cached under a token
    is always read after the token was read or made)."""
    found = cache.get_many([v.key for v in versions]) if versions else {}
    missing = {}
    for v in versions:
        if v.key not in found:
            missing.setdefault(v.timeout, {})[v.key] = found[v.key] = _new_token()
    for timeout, tokens in missing.items():
        cache.set_many(tokens, timeout=timeout)
    return {v.key: found[v.key] for v in versions}


def still_current(stamp):
    """Whether every (key, token) of ``stamp`` is still current (one round trip, none if empty)."""
    return not stamp or cache.get_many([key for key, _ in stamp]) == dict(stamp)
