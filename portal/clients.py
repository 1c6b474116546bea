"""Who is asking: the client's address, worked out in one place for rate limits and django-axes.

Behind proxies, TRUSTED_PROXIES says how many of them append to X-Forwarded-For; the client is
the address the first of them saw, that many entries from the right. Entries further left were
written by the client itself and prove nothing. Without TRUSTED_PROXIES the header is ignored.

django-xff and django-ipware were tried for this: both believe a header that a client sent
directly when no proxy is configured (django-xff takes its first entry at depth 0; ipware its
only entry at proxy_count=0), which is the one case where it must be ignored.
"""

from django.conf import settings


def client_address(request):
    hops = settings.TRUSTED_PROXIES
    if hops:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        forwarded = [address.strip() for address in forwarded if address.strip()]
        if len(forwarded) >= hops:
            return forwarded[-hops]
    return request.META.get("REMOTE_ADDR", "")
