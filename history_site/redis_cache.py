"""Django's Redis cache, keeping one redis client per connection pool.

Django's RedisCacheClient builds a new ``redis.Redis`` for every cache call, and
redis-py fills ~170 response callbacks into a fresh case-insensitive dict each
time: about a quarter of a millisecond per call, two calls per signed-in page
(the session and the cached page). A client holds no per-call state of its own
(connections come from the pool, which is safe across threads and re-made after
a fork), so one per pool serves every call.
"""

from __future__ import annotations

from django.core.cache.backends.redis import RedisCache, RedisCacheClient


class ReusingRedisCacheClient(RedisCacheClient):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class ReusingRedisCache(RedisCache):
    def __init__(self, server, params) -> None:
        super().__init__(server, params)
        self._class = ReusingRedisCacheClient
