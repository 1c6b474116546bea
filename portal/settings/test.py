"""The test suite: SQLite by default, PostgreSQL when DATABASE_URL names it (CI runs both)."""

import os

from .base import *  # noqa: F403

SECRET_KEY = "test-only-not-secret"
# Fixed keys, so that a failing test's database can be read back (they are not secret).
PORTAL_ENCRYPTION_KEYS = ["dGVzdC1vbmx5LWVuY3J5cHRpb24ta2V5LTAwMDAwMDE="]
PORTAL_HASH_KEY = "test-only-hash-key-not-secret-0123456789"
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
# Tests that need a real SMTP server start one on loopback and say so; mail workers they start
# as processes name it in EMAIL_HOST.
if not os.environ.get("EMAIL_HOST"):
    EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
ARTIFACTS = BASE_DIR / "test-artifacts"  # noqa: F405 (ignored by git)
ARTIFACTS.mkdir(exist_ok=True)
MEDIA_ROOT = ARTIFACTS / "media"
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    # A file, not memory, so that tests of concurrent requests share one database.
    DATABASES["default"]["TEST"] = {"NAME": ARTIFACTS / "test.sqlite3"}  # noqa: F405
WAGTAILADMIN_BASE_URL = "http://testserver"

# WhiteNoise reads STATIC_ROOT only after collectstatic, which test never runs.
STATIC_ROOT = None

# Signing tests post many times from one address: rates are counted in their own tests
# (tests/campaigns/test_quarantine.py), which switch this on, and by the web server that
# tests/campaigns/test_faults.py starts, which is told to by its environment.
SIGNING_COUNT_RATES = os.environ.get("SIGNING_COUNT_RATES", "").lower() == "true"
RECAPTCHA_ENABLED = False
# Wagtail's test helpers log in without a request, which django-axes refuses; its own test
# switches it back on.
AXES_ENABLED = False

# Tests never reach the network: videos are "found" by a loopback finder.
WAGTAILEMBEDS_FINDERS = [{"class": "tests.embed_finder.LoopbackEmbedFinder"}]

# Pages are rendered afresh in tests; tests/test_page_cache.py switches the cache on.
PAGE_CACHE_SECONDS = 0
# Tests see the shared cache only; tests/test_page_cache.py checks the processes' own copies.
PAGE_CACHE_LOCAL_SECONDS = 0
# The tests publish thousands of pages: viewing each once after its publish (caching.renditions)
# is tested on its own (tests/test_images.py).
RENDITIONS_ON_PUBLISH = False

# Webhook tests post to a receiver on loopback (tests/peers.py); the production rule, which
# refuses it, is tested by switching this off.
WEBHOOKS_ALLOW_LOOPBACK = True
