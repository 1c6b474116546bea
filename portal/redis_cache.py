"""Django's Redis cache backend, keeping one redis-py client per server.

Django's RedisCacheClient.get_client() builds a new `redis.Redis` for every cache call. The
connections come from a shared pool, but building the client (its table of response callbacks)
costs more CPU than the round trip to Redis: about half of a bare request's time in `make bench`,
since the page cache looks up every anonymous GET. A redis-py client is thread-safe, so one per
pool is enough.
"""

from django.core.cache.backends import redis


class ReusedClients(redis.RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(pool)
        if client is None:
            # Two threads may both build one; either is fine to keep.
            client = self._clients[pool] = self._client(connection_pool=pool)
        return client


class RedisCache(redis.RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusedClients
