"""Each web process's own memory, for what is read on every view: a round trip to Redis costs
more than the rest of serving a cached page.

Two kinds of entry live here: those keyed by the route generation (caching.routes.get_or_set and
page fragments), as current as the shared cache since every request reads the generation from
it; and a few values kept for PAGE_CACHE_LOCAL_SECONDS, at most that many seconds behind the
other processes (a campaign's count, which is recounted once a minute anyway).
"""

from django.conf import settings
from django.core.cache import caches

# settings.CACHES
ALIAS = "local"


def cache():
    return caches[ALIAS]


def get_or_set(key, compute):
    """compute()'s answer, kept in this process for PAGE_CACHE_LOCAL_SECONDS."""
    seconds = settings.PAGE_CACHE_LOCAL_SECONDS
    if seconds <= 0:
        return compute()
    return cache().get_or_set(key, compute, seconds)
