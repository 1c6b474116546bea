"""Whole-page caching for anonymous readers, purged through Wagtail's frontend cache.

A page that opts in (CachedPageMixin) is stored in Django's cache (Redis in production) the first
time an anonymous reader asks for it; everyone after that gets the stored bytes without a query.
Nothing personal can be in them: the page is stored only for a request without a session cookie,
only if the response sets no cookie and is not private, and the action form carries no CSRF
token (see caching/csrf.py for how its posts are checked instead).

The middleware sits near the top of MIDDLEWARE, so a stored page is answered before sessions,
languages, CSRF, authentication and the rest run: a hit costs a cache read, less than Django's
own stack. What those middlewares add to a page (Content-Language, CSP, X-Frame-Options, Vary)
is stored with it, taken from the response as it leaves them.

Each process also keeps the pages it served in its own memory for PAGE_CACHE_LOCAL_SECONDS (2):
a popular page is then answered without even a round trip to Redis, which costs more than the
rest of a hit. A purge clears the purging process's copy at once; other processes' copies are
at most that many seconds behind.

Entries are keyed by host and path, and removed by `PageCacheBackend`, a backend of Wagtail's
frontend cache, so the same purge that clears a CDN clears this cache: on publish and unpublish
(Wagtail's own signal handlers, plus the pages that show the published one: caching.receivers),
when counts change (campaigns.team.tally) and when an action closes (the entry expires at that
moment).
"""

import time
from urllib.parse import urlsplit

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from wagtail.contrib.frontend_cache.backends import BaseBackend

# Tracking parameters change nothing on the page: such URLs share the cached copy.
IGNORED_PARAMETERS = ("utm_", "source", "fbclid", "gclid")
# Per response, not per page: the server adds them again.
UNSTORED_HEADERS = {"date", "server", "content-length"}


class LocalPageCache:
    """This process's recent pages: (host, path) -> (until, stored). Reads and writes of a dict
    are atomic, so threads share it without a lock; a full dict is simply emptied. (Not Django's
    local-memory cache: it pickles every entry, which costs more than the rest of a hit.)"""

    MAX_ENTRIES = 1000

    def __init__(self):
        self.entries = {}

    def get(self, key):
        entry = self.entries.get(key)
        if entry is not None and entry[0] > time.monotonic():
            return entry[1]
        return None

    def set(self, key, stored):
        seconds = settings.PAGE_CACHE_LOCAL_SECONDS
        if seconds > 0:
            if len(self.entries) >= self.MAX_ENTRIES:
                self.entries.clear()
            self.entries[key] = (time.monotonic() + seconds, stored)

    def delete_many(self, paths):
        """Every host's copy of these paths."""
        paths = set(paths)
        for key in [key for key in list(self.entries) if key[1] in paths]:
            self.entries.pop(key, None)

    def clear(self):
        self.entries.clear()


local_pages = LocalPageCache()


# The hosts pages were stored for: a purge names a path (Wagtail builds its URL from the Site),
# and removes the page stored for each of them.
HOSTS_KEY = "page-hosts"


def cache_key(host, path):
    """By host as well as path: a page holds absolute links (og:url, canonical, hreflang) to the
    host it was asked for, and must not be served to readers of another."""
    return f"page:{host}:{path}"


def remember_host(host):
    """Add a host to the shared list. On every store (a miss, so rare): the list must survive
    the cache being emptied."""
    hosts = cache.get(HOSTS_KEY) or set()
    if host not in hosts:
        cache.set(HOSTS_KEY, {*hosts, host}, None)


def request_host(request):
    """The Host header as sent, unchecked: a key for the lookup only. A page is stored only
    once Django has served it, which it does for an allowed host alone, so a host that is not
    allowed finds nothing and gets Django's 400. (Checking it costs as much again as a hit.)"""
    return request.META.get("HTTP_HOST") or request.META.get("SERVER_NAME")


def timeout_setting():
    return settings.PAGE_CACHE_SECONDS


def cacheable_request(request):
    return (
        request.method in ("GET", "HEAD")
        and timeout_setting() > 0
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "HTTP_AUTHORIZATION" not in request.META
        and all(name.startswith(IGNORED_PARAMETERS) for name in request.GET)
    )


class PageCacheMiddleware:
    """Serves stored pages, and stores the pages that ask for it (CachedPageMixin). Placed
    after SecurityMiddleware, which adds its headers to every response, and WhiteNoise, which
    answers for static files; before everything else, which a stored page does not need."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        host = request_host(request)
        if host is None or not cacheable_request(request):
            return self.get_response(request)
        key = (host, request.path)
        stored = local_pages.get(key)
        if stored is None:
            stored = cache.get(cache_key(*key))
            if stored is not None:
                local_pages.set(key, stored)
        if stored is not None:
            return rebuild(stored)
        response = self.get_response(request)
        timeout = getattr(response, "page_cache_timeout", None)
        if timeout and storable(response):
            remember_host(host)
            cache.set(cache_key(*key), freeze(response), timeout)
        return response


def storable(response):
    cache_control = response.get("Cache-Control", "")
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and "private" not in cache_control
        and "no-store" not in cache_control
    )


def freeze(response):
    headers = {
        name: value for name, value in response.items() if name.lower() not in UNSTORED_HEADERS
    }
    return {"content": response.content, "headers": headers}


def rebuild(stored):
    response = HttpResponse(stored["content"])
    for name, value in stored["headers"].items():
        response[name] = value
    return response


class CachedPageMixin:
    """For Page models: anonymous GETs are cached until `cache_until` in the context (if
    earlier than the usual timeout), e.g. the moment an action closes."""

    def serve(self, request, *args, **kwargs):
        return self.cache_response(request, super().serve(request, *args, **kwargs))

    def get_pages_showing_this(self):
        """Other pages that show something of this one (its title in a list, its count, its
        link in a language switcher), purged with it (caching.purge)."""
        return []

    def cache_response(self, request, response):
        """Mark a response of this page for the cache, or as private."""
        if not cacheable_request(request) or getattr(request, "is_preview", False):
            patch_cache_control(response, private=True)
            return response
        timeout = timeout_setting()
        until = (getattr(response, "context_data", None) or {}).get("cache_until")
        if until is not None:
            timeout = min(timeout, max(0, int((until - timezone.now()).total_seconds())))
        if timeout > 0:
            response.page_cache_timeout = timeout
            # A CDN may keep it as long as we do, and is purged with us; browsers ask again.
            patch_cache_control(response, public=True, max_age=0, s_maxage=timeout)
        return response


class PageCacheBackend(BaseBackend):
    """Wagtail frontend cache backend that removes pages from our own cache."""

    def purge(self, url):
        self.purge_batch([url])

    def purge_batch(self, urls):
        paths = {urlsplit(url).path for url in urls}
        local_pages.delete_many(paths)
        hosts = cache.get(HOSTS_KEY) or ()
        cache.delete_many([cache_key(host, path) for host in hosts for path in paths])
