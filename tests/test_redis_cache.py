"""portal/redis_cache.py: Django's Redis cache, with one client per server kept for reuse."""

import os

from portal.redis_cache import RedisCache
from tests.services import needs_redis


@needs_redis
def test_every_call_uses_the_same_client_and_round_trips():
    # Database 5 of the local Redis: ours to write to.
    cache = RedisCache("redis://127.0.0.1:6379/5", {})
    key = f"test-redis-cache-{os.getpid()}"

    cache.set(key, "香港", 30)

    assert cache.get(key) == "香港"
    assert cache._cache.get_client(key) is cache._cache.get_client(key, write=True)
    cache.delete(key)
    assert cache.get(key) is None
