"""A laptop: debug on, an insecure key, everything embedded (SQLite, cache, console mail).

Supporters' data is encrypted here as in production: unless the environment names the keys,
they are made on first run and kept in `.keys/local-keys.env` (ignored by git, readable by
this user only), which is said where on the console.
"""

import os
import secrets
import sys

from cryptography.fernet import Fernet

from .base import *  # noqa: F403

DEBUG = True
SECRET_KEY = "dev-only-not-secret"
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}

# WhiteNoise reads STATIC_ROOT only after collectstatic, which dev never runs.
STATIC_ROOT = None

# A webhook receiver on this laptop (http://127.0.0.1:…) may be tried out.
WEBHOOKS_ALLOW_LOOPBACK = True


def _local_keys(path):
    """The keys in `path`, made and written there (mode 0600) if it does not exist yet."""
    try:
        path.parent.mkdir(mode=0o700, exist_ok=True)
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        pass
    else:
        with os.fdopen(descriptor, "w") as keys:
            keys.write(
                "# Made by portal/settings/dev.py for this checkout only. Losing it makes the\n"
                "# signatures stored here unreadable. Never use these keys in production.\n"
                f"PORTAL_ENCRYPTION_KEYS={Fernet.generate_key().decode()}\n"
                f"PORTAL_HASH_KEY={secrets.token_urlsafe(32)}\n"
            )
        print(f"Made the encryption keys of this checkout: {path}", file=sys.stderr)  # noqa: T201
    lines = path.read_text().splitlines()
    return dict(line.split("=", 1) for line in lines if "=" in line and not line.startswith("#"))


if not (PORTAL_ENCRYPTION_KEYS and PORTAL_HASH_KEY):  # noqa: F405
    _keys = _local_keys(BASE_DIR / ".keys" / "local-keys.env")  # noqa: F405
    PORTAL_ENCRYPTION_KEYS = PORTAL_ENCRYPTION_KEYS or _keys["PORTAL_ENCRYPTION_KEYS"].split(",")  # noqa: F405
    PORTAL_HASH_KEY = PORTAL_HASH_KEY or _keys["PORTAL_HASH_KEY"]  # noqa: F405
