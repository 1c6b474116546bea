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
    "  RECAPTCHA_ENABLED=false SECURE_SSL_REDIRECT=false make serve\n"
    "All the variables are listed in README.md, under Settings."
)


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.production")
    try:
        django.setup()
    except ImproperlyConfigured as error:
        sys.exit(f"Cannot start: {error}\n{LOCAL_EXAMPLE}")


if __name__ == "__main__":
    main()
