"""Which URLs an endpoint may have, and which addresses the worker may call.

The worker runs inside the organisation's network: a URL that leads to a private, loopback or
link-local address would let whoever can set an endpoint (or whoever controls a domain's DNS)
make the portal call the database, a cloud's metadata service or an admin port, and read the
answer's status in the delivery log. So: https only; an address written in the URL is checked
when the endpoint is saved, and every address a name resolves to is checked again when each
message is sent (DNS can change in between), and the connection goes to the address that was
checked, never to a second lookup. Redirects are never followed.

WEBHOOKS_ALLOW_LOOPBACK (development and tests) lets http and https reach 127.0.0.0/8 and ::1,
and nothing else private.
"""

import ipaddress
import socket
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


class RefusedAddress(Exception):
    """The URL leads somewhere the portal must not call."""


NAT64 = ipaddress.ip_network("64:ff9b::/96")


def embedded_ipv4(ip):
    """The IPv4 address an IPv6 one carries to a gateway that reaches it (mapped, NAT64, 6to4,
    Teredo): a private IPv4 address reached that way is as private."""
    if ip.ipv4_mapped:
        return ip.ipv4_mapped
    if ip in NAT64:
        return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    if ip.sixtofour:
        return ip.sixtofour
    if ip.teredo:
        return ip.teredo[1]
    return None


def allowed_ip(ip):
    if isinstance(ip, ipaddress.IPv6Address) and (carried := embedded_ipv4(ip)):
        ip = carried
    if ip.is_loopback:
        return settings.WEBHOOKS_ALLOW_LOOPBACK
    return ip.is_global and not ip.is_multicast


def literal_ip(host):
    try:
        return ipaddress.ip_address(host.split("%", 1)[0])
    except ValueError:
        return None


def is_loopback_name(host):
    host = host.lower().rstrip(".")
    return host == "localhost" or host.endswith(".localhost")


def validate_endpoint_url(url):
    """For the admin's form: a clear message for a URL no message will ever be sent to."""
    try:
        parts = urlsplit(url)
        host = parts.hostname or ""
        parts.port  # noqa: B018 (raises ValueError for a port out of range)
    except ValueError:
        raise ValidationError(_("Enter a valid URL."), code="invalid") from None
    if parts.scheme not in ("http", "https") or not host:
        raise ValidationError(_("Enter a URL starting with https://"), code="scheme")
    if parts.username or parts.password:
        raise ValidationError(
            _("Leave the user name and password out of the URL: every message is signed."),
            code="credentials",
        )
    ip = literal_ip(host)
    loopback = (ip is not None and ip.is_loopback) or is_loopback_name(host)
    if parts.scheme == "http" and not (loopback and settings.WEBHOOKS_ALLOW_LOOPBACK):
        raise ValidationError(
            _("Enter a URL starting with https://: supporters' details must not travel in clear."),
            code="scheme",
        )
    if (ip is not None and not allowed_ip(ip)) or (
        loopback and not settings.WEBHOOKS_ALLOW_LOOPBACK
    ):
        raise ValidationError(
            _("This address is private to a network: enter the public address of the receiver."),
            code="private",
        )


def vetted_address(host, port):
    """The address to connect to for `host`: every address it resolves to must be allowed,
    or RefusedAddress (a name that resolves to one public and one private address is refused:
    which one a connection would use is not ours to choose)."""
    try:
        found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as error:
        raise OSError(f"cannot resolve ({type(error).__name__})") from None
    addresses = [info[4][0] for info in found]
    if not addresses:
        raise OSError("no address")
    for address in addresses:
        ip = literal_ip(address)
        if ip is None or not allowed_ip(ip):
            raise RefusedAddress
    return addresses[0]
