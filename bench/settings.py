"""`make bench`'s settings: production's, on loopback, with only what a benchmark must change.

DEBUG stays off, static files stay hashed and compressed, the mail outbox stays on. Changed: a
known key and hosts (bench only), plain HTTP, no rate limits or minimum fill time (every post
comes from one address, at machine speed), reCAPTCHA answered here instead of by Google, and
a URLconf with a bare view to measure the stack's ceiling.
"""

import os

os.environ.update(
    SECRET_KEY="bench-only-not-secret-0123456789abcdefghijklmnopqrstuvwxyz",
    ALLOWED_HOSTS="127.0.0.1,localhost,testserver",
    # Known keys (bench only): supporters' data is encrypted as in production.
    PORTAL_ENCRYPTION_KEYS="YmVuY2gtb25seS1lbmNyeXB0aW9uLWtleS0wMDAwMDE=",
    PORTAL_HASH_KEY="bench-only-hash-key-not-secret-0123456789",
    # Not Google's test keys, which a system check rejects; nothing reaches Google anyway.
    RECAPTCHA_PUBLIC_KEY="bench-public-key",
    RECAPTCHA_PRIVATE_KEY="bench-private-key",
)

from django_recaptcha import client

from portal.settings.production import *  # noqa: F403


def _accept_every_captcha(recaptcha_response, private_key, remoteip):
    return client.RecaptchaResponse(is_valid=True, extra_data={"score": 1.0}, action="sign")


# The form's field calls client.submit() at validation time, so replacing it here is enough.
client.submit = _accept_every_captcha

ROOT_URLCONF = "bench.urls"
SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
SECURE_HSTS_SECONDS = 0
# wrk signs hundreds of times a second, each from an address of its own (X-Forwarded-For behind
# TRUSTED_PROXIES=1): a real surge, which production would hold for review. The bench measures
# signatures that count, so the campaign's surge limit is lifted; tokens and the other rates stay.
SIGNING_HOLD_CAMPAIGN_PER_MINUTE = 10**9
