"""Django's Redis cache, with one redis-py client per connection pool instead of one per operation.

Django builds a new `redis.Redis` for every get/set; its constructor copies
the whole table of response callbacks, which cost ~0,3 ms per operation, a
tenth of a dashboard served from the cache (docs/performance.md). redis-py
clients are thread-safe (connections come from the pool), so one per pool
is enough.
"""

from django.core.cache.backends.redis import RedisCache, RedisCacheClient


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
