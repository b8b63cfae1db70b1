"""The Redis cache: one redis-py client per backend instance, and a Redis that does not answer is a miss.

A cache backend written on public API only: Django's `BaseCache` (the
documented base of custom backends: key making, versions, timeouts) and
redis-py's `Redis` client. Nothing of Django's own Redis backend is
overridden, so a Django upgrade cannot silently change how it behaves.

One client: Django's RedisCache builds a new `redis.Redis` for every
get/set; its constructor copies the whole table of response callbacks,
which cost ~0,3 ms per operation, a tenth of a dashboard served from the
cache (docs/performance.md). A redis-py client is thread-safe (connections
come from its pool), so one per backend instance (Django keeps one per
thread) is enough. Values are stored as Django's RedisSerializer stores them
(integers as they are, so `incr` works on them; anything else pickled), with
the same Redis commands, and so the same round trips, as Django's backend.

Down is a miss: the cache is an optimisation (figures, throttle counters),
never a condition of serving a page. An operation that fails with a Redis
error answers like an empty cache (get → default, add/set → False, incr →
None) and the backend stops asking Redis for RETRY_SECONDS, so a page does
not wait for a connection timeout on every key. Short socket timeouts come
from OPTIONS (config.settings). `available()` tells callers that need to
know (indicators.figure_cache, /healthz).
"""

import logging
import threading
import time

import redis
from django.core.cache.backends.base import DEFAULT_TIMEOUT, BaseCache
from django.core.cache.backends.redis import RedisSerializer
from redis.exceptions import RedisError

log = logging.getLogger(__name__)

RETRY_SECONDS = 5.0


class PooledRedisCache(BaseCache):
    """Django cache backend on one redis-py client; LOCATION is a redis:// URL, OPTIONS go to the client."""

    def __init__(self, server, params):
        super().__init__(params)
        self._client = redis.Redis.from_url(server, **params.get("OPTIONS", {}))
        self._serializer = RedisSerializer()
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

    def get_backend_timeout(self, timeout=DEFAULT_TIMEOUT):
        """A relative number of seconds, or None (never expires)."""
        if timeout == DEFAULT_TIMEOUT:
            timeout = self.default_timeout
        return None if timeout is None else max(0, int(timeout))

    # -- operations: a failure is a miss ---------------------------------------------------------
    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        key = self.make_and_validate_key(key, version=version)
        timeout = self.get_backend_timeout(timeout)
        data = self._serializer.dumps(value)

        def add():
            if timeout == 0:  # Django's contract: tells whether it would have been added, keeps nothing
                added = bool(self._client.set(key, data, nx=True))
                if added:
                    self._client.delete(key)
                return added
            return bool(self._client.set(key, data, ex=timeout, nx=True))
        return self._guard(add, False)

    def get(self, key, default=None, version=None):
        key = self.make_and_validate_key(key, version=version)

        def get():
            data = self._client.get(key)
            return default if data is None else self._serializer.loads(data)
        return self._guard(get, default)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        key = self.make_and_validate_key(key, version=version)
        timeout = self.get_backend_timeout(timeout)
        data = self._serializer.dumps(value)

        def set_():
            if timeout == 0:
                self._client.delete(key)
            else:
                self._client.set(key, data, ex=timeout)
            return True
        return self._guard(set_, False)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        key = self.make_and_validate_key(key, version=version)
        timeout = self.get_backend_timeout(timeout)
        if timeout is None:
            return self._guard(lambda: bool(self._client.persist(key)), False)
        return self._guard(lambda: bool(self._client.expire(key, timeout)), False)

    def delete(self, key, version=None):
        key = self.make_and_validate_key(key, version=version)
        return self._guard(lambda: bool(self._client.delete(key)), False)

    def get_many(self, keys, version=None):
        names = {self.make_and_validate_key(key, version=version): key for key in keys}
        if not names:
            return {}

        def get_many():
            found = self._client.mget(list(names))
            return {names[k]: self._serializer.loads(v) for k, v in zip(names, found, strict=True) if v is not None}
        return self._guard(get_many, {})

    def has_key(self, key, version=None):
        key = self.make_and_validate_key(key, version=version)
        return self._guard(lambda: bool(self._client.exists(key)), False)

    def incr(self, key, delta=1, version=None):
        """The new value; ValueError for a missing key (as Django); None when Redis is down."""
        key = self.make_and_validate_key(key, version=version)

        def incr():
            if not self._client.exists(key):
                raise ValueError(f"Key '{key}' not found.")
            return self._client.incr(key, delta)
        return self._guard(incr, None)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        """[] when stored; every key when Redis did not answer (Django's "keys that failed")."""
        if not data:
            return []
        timeout = self.get_backend_timeout(timeout)
        if timeout == 0:
            self.delete_many(list(data), version=version)
            return []
        safe = {self.make_and_validate_key(k, version=version): self._serializer.dumps(v) for k, v in data.items()}

        def set_many():
            pipeline = self._client.pipeline()
            pipeline.mset(safe)
            if timeout is not None:  # mset takes no expiry
                for key in safe:
                    pipeline.expire(key, timeout)
            pipeline.execute()
            return []
        return self._guard(set_many, list(data))

    def delete_many(self, keys, version=None):
        safe = [self.make_and_validate_key(key, version=version) for key in keys]
        if safe:
            self._guard(lambda: self._client.delete(*safe), None)

    def clear(self):
        return self._guard(lambda: bool(self._client.flushdb()), False)

