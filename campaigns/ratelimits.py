"""Rate limits on signing, per client address and per campaign, in Django's cache.

Fixed windows counted with `cache.add` and `cache.incr`, which are atomic in Redis (production)
and within a process in the local-memory cache (a laptop). django-ratelimit does the same but
refuses, by a system check error, both the local-memory cache and Django's own Redis backend.
"""

import time

from django.conf import settings
from django.core.cache import cache

# (scope, limit, window in seconds); scope is "ip" or "campaign". Burst, then sustained.
DEFAULT_LIMITS = (
    ("ip", 5, 60),
    ("ip", 30, 3600),
    ("campaign", 1200, 60),
    ("campaign", 36000, 3600),
)


def limits():
    return getattr(settings, "SIGNING_RATE_LIMITS", DEFAULT_LIMITS) or ()


def client_address(request):
    """The client's address. Behind proxies, TRUSTED_PROXIES says how many hops of
    X-Forwarded-For to trust; without it the header is ignored (anyone can send it)."""
    hops = getattr(settings, "TRUSTED_PROXIES", 0)
    forwarded = [
        a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if a.strip()
    ]
    if hops and len(forwarded) >= hops:
        return forwarded[-hops]
    return request.META.get("REMOTE_ADDR", "")


def over_limit(request, campaign_key):
    """Count this attempt in every window; True if any window is now over its limit."""
    now = int(time.time())
    over = False
    for scope, limit, window in limits():
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
