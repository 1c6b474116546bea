"""A laptop: debug on, an insecure key, everything embedded (SQLite, cache, console mail)."""

from .base import *  # noqa: F403

DEBUG = True
SECRET_KEY = "dev-only-not-secret"
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}

# WhiteNoise reads STATIC_ROOT only after collectstatic, which dev never runs.
STATIC_ROOT = None
