"""The Redis cache (django-redis): one client per server, kept for reuse, and Chinese text round
trips. Django's own backend built a new client on every call, which cost about half of a cached
page's time."""

import os

from django_redis.cache import RedisCache

from tests.services import needs_redis


@needs_redis
def test_every_call_uses_the_same_client_and_round_trips():
    # Database 5 of the local Redis: ours to write to.
    cache = RedisCache("redis://127.0.0.1:6379/5", {})
    key = f"test-redis-cache-{os.getpid()}"

    cache.set(key, "香港", 30)

    assert cache.get(key) == "香港"
    assert cache.client.get_client(write=False) is cache.client.get_client(write=True)
    cache.delete(key)
    assert cache.get(key) is None
