"""`make serve`'s first step: load the production settings and say plainly what is missing.

Without it, a missing SECRET_KEY shows up as a traceback from three processes at once.
"""

import os
import sys

import django
from django.core.exceptions import ImproperlyConfigured

LOCAL_EXAMPLE = (
    "For a try on this machine:\n"
    "  SECRET_KEY=$(python3 -c 'import secrets; print(secrets.token_urlsafe(50))') \\\n"
    "  ALLOWED_HOSTS=127.0.0.1,localhost DATABASE_URL=sqlite:///db.sqlite3 \\\n"
    "  PORTAL_ENCRYPTION_KEYS=$(.venv/bin/python -c 'from cryptography.fernet import Fernet; "
    "print(Fernet.generate_key().decode())') \\\n"
    "  PORTAL_HASH_KEY=$(python3 -c 'import secrets; print(secrets.token_urlsafe(32))') \\\n"
    "  RECAPTCHA_ENABLED=false SECURE_SSL_REDIRECT=false make serve\n"
    "All the variables are listed in README.md, under Settings."
)


UNSHARED_CACHE = (
    "Warning: no REDIS_URL, so each of the {workers} web processes caches pages and routes in "
    "its own memory. A publish, a closing action or a new count then reaches only one of them; "
    "the others show the old page for up to PAGE_CACHE_SECONDS ({seconds} s). Set REDIS_URL, "
    "or WEB_CONCURRENCY=1."
)


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.production")
    try:
        django.setup()
    except ImproperlyConfigured as error:
        sys.exit(f"Cannot start: {error}\n{LOCAL_EXAMPLE}")
    if warning := unshared_cache_warning():
        print(warning, file=sys.stderr)


def unshared_cache_warning():
    from django.conf import settings

    from portal import server

    workers = server.workers()
    shared = "locmem" not in settings.CACHES["default"]["BACKEND"]
    if shared or workers < 2 or settings.PAGE_CACHE_SECONDS <= 0:
        return None
    return UNSHARED_CACHE.format(workers=workers, seconds=settings.PAGE_CACHE_SECONDS)


if __name__ == "__main__":
    main()
