"""Production: everything secret or site-specific comes from the environment.

Required: SECRET_KEY, ALLOWED_HOSTS, DATABASE_URL, PORTAL_ENCRYPTION_KEYS, PORTAL_HASH_KEY.
Optional: REDIS_URL, EMAIL_*, CSRF_TRUSTED_ORIGINS, WAGTAILADMIN_BASE_URL. See the settings
table in README.md.
"""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403

_missing = [n for n in ("SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL") if not os.environ.get(n)]
if _missing:
    raise ImproperlyConfigured(
        f"Production needs the {', '.join(_missing)} environment "
        f"variable{'s' if len(_missing) > 1 else ''}."
    )

# Supporters' data is encrypted at rest (portal.encryption): without the keys, nothing starts.
if not PORTAL_ENCRYPTION_KEYS or not PORTAL_HASH_KEY:  # noqa: F405
    raise ImproperlyConfigured(
        "Production needs PORTAL_ENCRYPTION_KEYS (Fernet keys, comma-separated; make one with "
        "python -c 'from cryptography.fernet import Fernet; "
        "print(Fernet.generate_key().decode())') and PORTAL_HASH_KEY (at least 32 random "
        "characters; make one with "
        "python -c 'import secrets; print(secrets.token_urlsafe(32))'). Keep them apart from "
        "the database's backups."
    )
try:
    from cryptography.fernet import Fernet

    for _key in PORTAL_ENCRYPTION_KEYS:  # noqa: F405
        Fernet(_key)
except ValueError:
    raise ImproperlyConfigured(
        "PORTAL_ENCRYPTION_KEYS must be Fernet keys (32 bytes in URL-safe base64), "
        "comma-separated."
    ) from None
if len(PORTAL_HASH_KEY) < 32:  # noqa: F405
    raise ImproperlyConfigured("PORTAL_HASH_KEY must be at least 32 characters long.")

if not RECAPTCHA_ENABLED and os.environ.get("RECAPTCHA_ENABLED", "").lower() != "false":  # noqa: F405
    raise ImproperlyConfigured(
        "Production needs RECAPTCHA_PUBLIC_KEY and RECAPTCHA_PRIVATE_KEY, "
        "or RECAPTCHA_ENABLED=false to run without reCAPTCHA."
    )

# Persistent connections (checked before reuse, base.py) spare each request a new connection.
DATABASES["default"]["CONN_MAX_AGE"] = int(os.environ.get("DB_CONN_MAX_AGE", "60"))  # noqa: F405
CSRF_TRUSTED_ORIGINS = [o for o in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",") if o]

# Whether a request came over HTTPS: behind TRUSTED_PROXIES, the proxy says so in
# X-Forwarded-Proto (it must set the header itself, not pass on a client's); without a proxy the
# header is a client's word and is ignored, and the server must terminate TLS itself.
if TRUSTED_PROXIES:  # noqa: F405
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = os.environ.get("SECURE_SSL_REDIRECT", "true").lower() == "true"
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# Static files: WhiteNoise serves the hashed names CompressedManifestStaticFilesStorage writes
# (base.STORAGES) with "max-age=315360000, public, immutable"; a file under its plain name
# keeps WhiteNoise's 60 seconds, since its content changes on the next release.
