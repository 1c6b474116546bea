"""Anymail's tracking webhooks, one per email service (/anymail/<service>/tracking/), behind
HTTP basic auth (ANYMAIL_WEBHOOK_SECRET) and, for the services that sign their posts, their
signature (e.g. MAILGUN_WEBHOOK_SIGNING_KEY): see portal/settings/base.py.

Anymail on its own leaves a webhook open to anyone, with a warning, when no secret is set: here
every post is refused until one is. Only the tracking webhooks are mounted (inbound email is
not for us). A post that is refused, or that cannot be read, is answered 403 or 400 rather
than a 500: an error of ours (the database) stays a 500, which the services retry.
"""

import functools
import logging

from anymail import urls as anymail_urls
from anymail.exceptions import AnymailError, AnymailWebhookValidationFailure
from anymail.utils import get_anymail_setting
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpResponseBadRequest, HttpResponseForbidden
from django.urls import URLPattern

logger = logging.getLogger(__name__)


def secret_configured():
    """Whether a basic-auth secret is set, each a user and a password: ":" or "user:" would
    let in anyone who sends an empty password."""
    secrets = get_anymail_setting("webhook_secret", default=None) or []
    if isinstance(secrets, str):
        secrets = [secrets]
    pairs = [str(secret).partition(":") for secret in secrets]
    return bool(pairs) and all(user and colon and password for user, colon, password in pairs)


def guarded(view):
    @functools.wraps(view)  # keeps csrf_exempt and login_not_required
    def webhook(request, *args, **kwargs):
        if not secret_configured():
            logger.warning("Webhook %s refused: no ANYMAIL_WEBHOOK_SECRET", request.path)
            return HttpResponseForbidden()
        try:
            return view(request, *args, **kwargs)
        except AnymailWebhookValidationFailure:
            # Its message names what was wrong, never an address; the post itself is not logged.
            logger.warning("Webhook %s refused: wrong or missing credentials", request.path)
            return HttpResponseForbidden()
        except ImproperlyConfigured:
            # This service's signing key is not set, or it posted what another webhook takes.
            logger.warning("Webhook %s refused: not configured for it", request.path)
            return HttpResponseForbidden()
        except (AnymailError, KeyError, IndexError, ValueError, TypeError, AttributeError):
            # Authenticated, but not a payload anymail can read.
            logger.warning("Webhook %s: a payload that cannot be read", request.path)
            return HttpResponseBadRequest()

    return webhook


def tracking_urlpatterns():
    return [
        URLPattern(pattern.pattern, guarded(pattern.callback), pattern.default_args, pattern.name)
        for pattern in anymail_urls.urlpatterns
        if pattern.name and pattern.name.endswith("tracking_webhook")
    ]
