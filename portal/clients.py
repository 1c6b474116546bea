"""Who is asking: the client's address, worked out in one place for rate limits and django-axes.

Behind proxies, TRUSTED_PROXIES says how many of them append to X-Forwarded-For; the client is
the address the first of them saw, that many entries from the right. Entries further left were
written by the client itself and prove nothing. Without TRUSTED_PROXIES the header is ignored.

django-xff and django-ipware were tried for this: both believe a header that a client sent
directly when no proxy is configured (django-xff takes its first entry at depth 0; ipware its
only entry at proxy_count=0), which is the one case where it must be ignored.
"""

import datetime
import hashlib
import hmac
import ipaddress

from django.conf import settings
from django.utils.crypto import salted_hmac


def client_address(request):
    hops = settings.TRUSTED_PROXIES
    if hops:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        forwarded = [address.strip() for address in forwarded if address.strip()]
        if len(forwarded) >= hops:
            return forwarded[-hops]
    return request.META.get("REMOTE_ADDR", "")


def client_fingerprint(request):
    """The client's address as a keyed hash, rotated daily: enough to count one client's posts,
    never its address (neither in the cache nor in a stolen backup)."""
    return fingerprint(client_address(request))


def network_fingerprint(request):
    """The client's network, /24 for IPv4 and /64 for IPv6, as a keyed hash rotated daily: the
    addresses of one operator, office or household hash alike on the same day."""
    return fingerprint(network_of(client_address(request)))


def network_of(address):
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return address  # not an address (a test client's, a unix socket's): itself
    if ip.version == 6 and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    prefix = 24 if ip.version == 4 else 64
    return str(ipaddress.ip_network(f"{ip}/{prefix}", strict=False))


def fingerprint(value):
    """16 hex digits of an HMAC keyed with SECRET_KEY and today's date (UTC)."""
    day = datetime.datetime.now(datetime.UTC).date().isoformat()
    key = salted_hmac("portal.clients", day, secret=settings.SECRET_KEY).digest()
    return hmac.new(key, value.encode(), hashlib.sha256).hexdigest()[:16]
