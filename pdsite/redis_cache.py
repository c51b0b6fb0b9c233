"""The site's Redis cache: Django's, made to reuse its clients and to fail soft.

**Reusing clients.** Django's ``RedisCacheClient.get_client`` builds a new ``redis.Redis`` for
every cache operation, and building one sets up its response callbacks each time: as long as
the network round trip itself (benchmarks/README.md). A ``redis.Redis`` is thread-safe and takes
its connections from the pool, so one per pool is enough.

**Failing soft.** The cache only ever holds what can be made again (pages, version tokens,
Markdown, counters), so a Redis outage must not take the site down with it. While Redis cannot
be reached, a read is a miss and a write is dropped; ``add`` adds nothing and ``incr`` finds no
key (as if the key had expired, which callers already handle). After an error, Redis is left
alone for ``RETRY_AFTER`` seconds, so that a dead server costs one timeout, not one per call.

A write dropped during an outage may have been a version token's bump (a sign-up bumps the
workshops' version): pages cached before the outage would then be served with the old seats
once Redis is back. So the first call that reaches Redis again, in a process that dropped a
write, first deletes the site's keys (those under ``KEY_PREFIX``): every page is built afresh."""

import logging
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)


class ReusingRedisCacheClient(RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class ReusingRedisCache(RedisCache):
    """Django's ``RedisCache`` with one client per pool (fails loudly: for tools)."""

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusingRedisCacheClient


class FailSoftRedisCache(ReusingRedisCache):
    """The site's cache: an unreachable Redis is an empty cache that keeps nothing."""

    RETRY_AFTER = 5.0  # seconds without trying Redis after an error

    def __init__(self, server, params):
        super().__init__(server, params)
        self._down_until = 0.0
        self._dropped_writes = False

    def _call(self, fallback, write, operation, *args, **kwargs):
        if time.monotonic() < self._down_until:
            self._dropped_writes |= write
            return fallback
        try:
            if self._dropped_writes:
                self._forget_all()
            return operation(*args, **kwargs)
        except RedisError as error:
            self._dropped_writes |= write
            self._down_until = time.monotonic() + self.RETRY_AFTER
            logger.warning(
                "cache: Redis unavailable (%s); going on without it for %s s",
                error,
                self.RETRY_AFTER,
            )
            return fallback

    def _forget_all(self):
        """Delete every key of this site (under ``KEY_PREFIX``) after writes were dropped."""
        client = self._cache.get_client(write=True)
        keys = list(client.scan_iter(match=f"{self.key_prefix}:*", count=1000))
        for start in range(0, len(keys), 1000):
            client.unlink(*keys[start : start + 1000])
        self._dropped_writes = False
        logger.warning("cache: back after dropped writes; %s keys deleted", len(keys))

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(False, True, super().add, key, value, timeout, version)

    def get(self, key, default=None, version=None):
        return self._call(default, False, super().get, key, default, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        self._call(None, True, super().set, key, value, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(False, True, super().touch, key, timeout, version)

    def delete(self, key, version=None):
        return self._call(False, True, super().delete, key, version)

    def get_many(self, keys, version=None):
        return self._call({}, False, super().get_many, keys, version)

    def has_key(self, key, version=None):
        return self._call(False, False, super().has_key, key, version)

    def incr(self, key, delta=1, version=None):
        value = self._call(None, True, super().incr, key, delta, version)
        if value is None:
            raise ValueError(f"Key '{key}' not found (the cache is unavailable)")
        return value

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(list(data), True, super().set_many, data, timeout, version)

    def delete_many(self, keys, version=None):
        self._call(None, True, super().delete_many, keys, version)

    def clear(self):
        self._call(None, True, super().clear)
