"""Who is calling: a token in the OSDI-API-Token header, as the OSDI documents and Action
Network have it. A token reads (GET) or records signatures (POST) only as far as its scopes
say, and never beyond what its user may do in the admin.

Failed attempts are counted per client (a keyed hash of its address, portal.clients): after
OSDI_FAILED_TOKEN_LIMIT in OSDI_FAILED_TOKEN_WINDOW seconds the client is refused for the
rest of the window, right token or not, so tokens cannot be guessed at speed.
"""

import time
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone
from django.utils.translation import gettext as _

from osdi.models import ApiToken, token_digest
from portal.clients import client_fingerprint

HEADER = "HTTP_OSDI_API_TOKEN"
# Longer than any token we make; a longer header is not one of ours and is not hashed.
MAX_TOKEN_LENGTH = 200


class Refused(Exception):
    def __init__(self, status, message):
        super().__init__(message)
        self.status, self.message = status, message


def failures_key(request):
    window = int(time.time()) // settings.OSDI_FAILED_TOKEN_WINDOW
    return f"osdi-token-failures:{client_fingerprint(request)}:{window}"


def authenticate(request):
    """The request's active token; else Refused (401, or 429 for a client over its limit)."""
    key = failures_key(request)
    if (cache.get(key) or 0) >= settings.OSDI_FAILED_TOKEN_LIMIT:
        raise Refused(429, _("Too many attempts with a wrong token. Try again later."))
    given = request.META.get(HEADER, "").strip()
    token = None
    if given and len(given) <= MAX_TOKEN_LENGTH:
        token = (
            ApiToken.objects.active()
            .select_related("user")
            .filter(digest=token_digest(given), user__is_active=True)
            .first()
        )
    if token is None:
        if cache.add(key, 1, settings.OSDI_FAILED_TOKEN_WINDOW) is False:
            try:
                cache.incr(key)
            except ValueError:  # expired in between
                cache.add(key, 1, settings.OSDI_FAILED_TOKEN_WINDOW)
        if not given:
            raise Refused(401, _("Send your API token in the OSDI-API-Token header."))
        raise Refused(401, _("This API token is not valid, or has been revoked."))
    now = timezone.now()
    # At most one write a minute per token: a client paging through people reads many times.
    if token.last_used_at is None or now - token.last_used_at > timedelta(minutes=1):
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
    return token


def require_scope(token, method):
    if method == "POST" and not token.can_write:
        raise Refused(403, _("This API token may only read: it cannot record signatures."))
    if method == "GET" and not token.can_read:
        raise Refused(403, _("This API token may only record signatures: it cannot read."))
