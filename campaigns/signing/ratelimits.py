"""Rate limits on signing, per client address and per campaign, in Django's cache.

Fixed windows counted with `cache.add` and `cache.incr`, which are atomic in Redis (production)
and within a process in the local-memory cache (a laptop). django-ratelimit does the same but
refuses, by a system check error, both the local-memory cache and Django's own Redis backend.
"""

import time

from django.conf import settings
from django.core.cache import cache

from portal.clients import client_address


def over_limit(request, campaign_key):
    """Count this attempt in every window; True if any window is now over its limit."""
    now = int(time.time())
    over = False
    for scope, limit, window in settings.SIGNING_RATE_LIMITS:
        subject = client_address(request) if scope == "ip" else str(campaign_key)
        key = f"signing-rate:{scope}:{window}:{subject}:{now // window}"
        if cache.add(key, 1, timeout=window + 1):
            count = 1
        else:
            try:
                count = cache.incr(key)
            except ValueError:  # expired between add and incr
                cache.add(key, 1, timeout=window + 1)
                count = 1
        over = over or count > limit
    return over
