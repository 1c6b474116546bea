"""Settings of the web servers that tests start as processes (tests/test_front.py): the test
settings, with what those tests vary read from the environment, a few views of their own
(tests/server_urls.py), and a mark on every response Django itself made."""

import os

from portal.settings.test import *  # noqa: F403

ROOT_URLCONF = "tests.server_urls"
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "0"))
PAGE_CACHE_LOCAL_SECONDS = int(os.environ.get("PAGE_CACHE_LOCAL_SECONDS", "0"))
if os.environ.get("TRUSTED_PROXIES"):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# First of all, above the page cache: a response that does not carry its mark never reached
# Django (the front answered it), and the mark is never stored with a page.
MIDDLEWARE = ["tests.server_urls.MarkDjangoResponses", *MIDDLEWARE]  # noqa: F405
