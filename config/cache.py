"""Django's Redis cache, with one redis-py client per pool, that answers "miss" when Redis is down.

One client per pool: Django builds a new `redis.Redis` for every get/set;
its constructor copies the whole table of response callbacks, which cost
~0,3 ms per operation, a tenth of a dashboard served from the cache
(docs/performance.md). redis-py clients are thread-safe (connections come
from the pool), so one per pool is enough.

Down is a miss: the cache is an optimisation (figures, throttle counters),
never a condition of serving a page. An operation that fails with a Redis
error answers like an empty cache (get → default, add/set → False, incr →
None) and the backend stops asking Redis for RETRY_SECONDS, so a page does
not wait for a connection timeout on every key. `available()` tells callers
that need to know (indicators.figure_cache, /healthz).
"""

import logging
import threading
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import RedisError

log = logging.getLogger(__name__)

RETRY_SECONDS = 5.0


class PooledRedisCacheClient(RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class PooledRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = PooledRedisCacheClient
        self._down_until = 0.0
        self._lock = threading.Lock()

    # -- availability -------------------------------------------------------------------------
    def available(self):
        """False while Redis is considered down (a recent operation failed)."""
        return time.monotonic() >= self._down_until

    def _guard(self, operation, default):
        if not self.available():
            return default
        try:
            return operation()
        except (RedisError, OSError):
            with self._lock:
                first = self.available()
                self._down_until = time.monotonic() + RETRY_SECONDS
            if first:
                log.warning("Redis cache does not answer; serving without the cache for %.0f s.", RETRY_SECONDS,
                            exc_info=True)
            return default

    # -- operations: a failure is a miss ---------------------------------------------------------
    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guard(lambda: super(PooledRedisCache, self).add(key, value, timeout, version), False)

    def get(self, key, default=None, version=None):
        return self._guard(lambda: super(PooledRedisCache, self).get(key, default, version), default)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guard(lambda: super(PooledRedisCache, self).set(key, value, timeout, version), False)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guard(lambda: super(PooledRedisCache, self).touch(key, timeout, version), False)

    def delete(self, key, version=None):
        return self._guard(lambda: super(PooledRedisCache, self).delete(key, version), False)

    def get_many(self, keys, version=None):
        return self._guard(lambda: super(PooledRedisCache, self).get_many(keys, version), {})

    def has_key(self, key, version=None):
        return self._guard(lambda: super(PooledRedisCache, self).has_key(key, version), False)

    def incr(self, key, delta=1, version=None):
        """The new value; ValueError for a missing key (as Django); None when Redis is down."""
        return self._guard(lambda: super(PooledRedisCache, self).incr(key, delta, version), None)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guard(lambda: super(PooledRedisCache, self).set_many(data, timeout, version), list(data))

    def delete_many(self, keys, version=None):
        return self._guard(lambda: super(PooledRedisCache, self).delete_many(keys, version), None)

    def clear(self):
        return self._guard(lambda: super(PooledRedisCache, self).clear(), False)
