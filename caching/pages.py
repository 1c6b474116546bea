"""Whole-page caching for anonymous readers, purged through Wagtail's frontend cache.

A page that opts in (CachedPageMixin) is stored in Django's cache (Redis in production) the first
time an anonymous reader asks for it; everyone after that gets the stored bytes without a query.
Nothing personal can be in them: the page is stored only for a request without a session cookie,
only if the response sets no cookie and is not private, and the action form carries no CSRF
token (see caching/csrf.py for how its posts are checked instead).

The middleware sits at the top of MIDDLEWARE (below compression only), so what it stores is the
response as it leaves Django, uncompressed, with every header every middleware added (HSTS,
CSP, Content-Language, X-Frame-Options, Vary), and a stored page is answered before any of
them runs: a hit costs a cache read.

Each process also keeps the pages it served in its own memory for PAGE_CACHE_LOCAL_SECONDS (2),
ready to send (`local_pages`). Those copies are answered before Django is reached at all, by
`local_page()`, which the web server's front (portal/asgi.py) calls in its event loop and the WSGI
application (portal/wsgi.py) before Django's handler: a popular page costs neither a thread nor
a round trip to Redis. A purge clears the purging process's copy at once; other processes'
copies are at most that many seconds behind.

Entries are keyed by scheme, host and path (a page stored for https carries the HSTS header and
https links, and a request over http must get Django's redirect instead), and removed by
`PageCacheBackend`, a backend of Wagtail's
frontend cache, so the same purge that clears a CDN clears this cache: on publish and unpublish
(Wagtail's own signal handlers, plus the pages that show the published one: caching.receivers),
when counts change (campaigns.team.tally) and when an action closes (the entry expires at that
moment).
"""

import time
from urllib.parse import parse_qsl, urlsplit

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.http.cookie import parse_cookie
from django.utils import timezone
from django.utils.cache import patch_cache_control
from wagtail.contrib.frontend_cache.backends import BaseBackend

from caching.compression import Compressed, accepts_gzip

# Tracking parameters change nothing on the page: such URLs share the cached copy.
IGNORED_PARAMETERS = ("utm_", "source", "fbclid", "gclid")
# Per response, not per page: the server adds them again.
UNSTORED_HEADERS = {"date", "server", "content-length"}
SCHEMES = ("http", "https")


class ReadyPage:
    """A stored page as a server sends it, built once per local copy rather than per hit: the
    body, and the headers encoded for ASGI (portal/asgi.py) and for WSGI (portal/wsgi.py). Its
    compressed form, for readers that accept gzip, is `compressed` (None when not worth it:
    caching.compression)."""

    __slots__ = (
        "asgi_body",
        "asgi_headers",
        "asgi_start",
        "body",
        "compressed",
        "stored",
        "wsgi_headers",
    )

    def __init__(self, stored, body=None, headers=None):
        self.stored = stored
        self.compressed = None
        if body is None:
            forms = Compressed(stored["content"], stored["headers"])
            body, headers = stored["content"], forms.plain_headers
            if forms.body is not None:
                self.compressed = ReadyPage(stored, forms.body, forms.headers)
        self.body = body
        self.wsgi_headers = [*headers, ("Content-Length", str(len(body)))]
        self.asgi_headers = [
            (name.lower().encode("latin-1"), value.encode("latin-1"))
            for name, value in self.wsgi_headers
        ]
        # The front's messages, built once: the server only reads them.
        self.asgi_start = {
            "type": "http.response.start",
            "status": 200,
            "headers": self.asgi_headers,
        }
        self.asgi_body = {"type": "http.response.body", "body": self.body}

    def for_encoding(self, accept_encoding):
        """The form to send for a request's Accept-Encoding header (None if it sent none)."""
        if self.compressed is not None and accept_encoding and accepts_gzip(accept_encoding):
            return self.compressed
        return self


class LocalPageCache:
    """This process's recent pages: (scheme, host, path) -> (until, ReadyPage). Reads and writes
    of a dict are atomic, so threads (and the front's event loop) share it without a lock; a full
    dict is simply emptied. (Not Django's local-memory cache: it pickles every entry, which costs
    more than the rest of a hit.)"""

    MAX_ENTRIES = 1000

    def __init__(self):
        self.entries = {}

    def get(self, key):
        entry = self.entries.get(key)
        # time.monotonic() only when there is an entry: a miss is a dict lookup and no more.
        if entry is not None and entry[0] > time.monotonic():
            return entry[1]
        return None

    def set(self, key, stored, timeout=None):
        """Keep a copy for PAGE_CACHE_LOCAL_SECONDS, or its `timeout` in the shared cache if
        shorter (a page whose action closes in a second)."""
        seconds = settings.PAGE_CACHE_LOCAL_SECONDS
        if timeout is not None:
            seconds = min(seconds, timeout)
        if seconds > 0:
            if len(self.entries) >= self.MAX_ENTRIES:
                self.entries.clear()
            self.entries[key] = (time.monotonic() + seconds, ReadyPage(stored))

    def delete_many(self, paths):
        """Every scheme's and host's copy of these paths."""
        paths = set(paths)
        for key in [key for key in list(self.entries) if key[2] in paths]:
            self.entries.pop(key, None)

    def clear(self):
        self.entries.clear()


local_pages = LocalPageCache()


# The hosts pages were stored for: a purge names a path (Wagtail builds its URL from the Site),
# and removes the page stored for each of them.
HOSTS_KEY = "page-hosts"


def cache_key(scheme, host, path):
    """By host as well as path: a page holds absolute links (og:url, canonical, hreflang) to the
    host it was asked for, and must not be served to readers of another. By scheme too: a page
    asked for over https carries HSTS and https links, and one asked for over http must get
    SecurityMiddleware's redirect (SECURE_SSL_REDIRECT), which is never stored."""
    return f"page:{scheme}:{host}:{path}"


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


def uncached_prefixes():
    """Static files and media are never stored here: they need not pay a cache read."""
    return tuple(filter(None, (settings.STATIC_URL, settings.MEDIA_URL)))


def cacheable(method, path, cookies, authorized, parameters):
    """The rules for answering a request from the cache, in one place for Django's request
    (`cacheable_request`) and the raw one (`local_page`): the cache on, not a static file, and
    an anonymous reader's request (`anonymous_read`)."""
    return (
        timeout_setting() > 0
        and not path.startswith(uncached_prefixes())
        and anonymous_read(method, cookies, authorized, parameters)
    )


def anonymous_read(method, cookies, authorized, parameters):
    """The rules that depend on the request alone: a GET or HEAD, no session cookie (editors),
    no Authorization, and no query parameter other than the tracking ones."""
    return (
        method in ("GET", "HEAD")
        # Settings are read through Django's lazy object, which costs: not without cookies.
        and (not cookies or settings.SESSION_COOKIE_NAME not in cookies)
        and not authorized
        and all(name.startswith(IGNORED_PARAMETERS) for name in parameters)
    )


def cacheable_request(request):
    return cacheable(
        request.method,
        request.path,
        request.COOKIES,
        "HTTP_AUTHORIZATION" in request.META,
        request.GET,
    )


def request_scheme(transport_scheme, proxy_header_value):
    """The scheme as Django's HttpRequest.scheme works it out: SECURE_PROXY_SSL_HEADER's value
    when the setting is on and the header was sent (its first value), else the transport's.
    `proxy_header_value` is that header's value, or None."""
    if proxy_header_value is not None and settings.SECURE_PROXY_SSL_HEADER:
        secure_value = settings.SECURE_PROXY_SSL_HEADER[1]
        value = proxy_header_value.split(",", 1)[0].strip()
        return "https" if value == secure_value else "http"
    return transport_scheme


def local_page(method, path, query_string, host, cookie, authorized, scheme):
    """The ReadyPage this process keeps for a request, or None, from the request's raw parts
    (the query string and the Cookie header unparsed, `authorized` for an Authorization
    header). Pure and without I/O, so a server may call it in its event loop: the shared cache
    is Django's business (PageCacheMiddleware), on a miss.

    The rules are `cacheable`'s. The dict lookup comes first, as the cheapest way to a miss. A
    page found was stored for this very scheme, host and path by PageCacheMiddleware, which
    checked the rules of the path and the setting then (`cacheable_request`); what is left to
    check is the request's own (`anonymous_read`), with the Cookie header and the query string
    parsed only if sent. (This is the hit's path in the front: under wrk, each microsecond here
    was about 2% of the cached page's rate.)"""
    if host is None:
        return None
    page = local_pages.get((scheme, host, path))
    if page is None:
        return None
    cookies = parse_cookie(cookie) if cookie else ()
    parameters = (
        [name for name, _ in parse_qsl(query_string, keep_blank_values=True)]
        if query_string
        else ()
    )
    return page if anonymous_read(method, cookies, authorized, parameters) else None


class PageCacheMiddleware:
    """Serves stored pages, and stores the pages that ask for it (CachedPageMixin). First in
    MIDDLEWARE, so that a stored page carries every header the others add (and is served as
    Django would serve it), and a hit runs none of them. A page it stores or reads is kept in
    this process too (`local_pages`), where the server's front finds it before Django."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        host = request_host(request)
        if host is None or not cacheable_request(request):
            return self.get_response(request)
        key = (request.scheme, host, request.path)
        ready = local_pages.get(key)
        stored = ready.stored if ready is not None else cache.get(cache_key(*key))
        if stored is not None:
            if ready is None:
                local_pages.set(key, stored)
            return rebuild(stored)
        response = self.get_response(request)
        timeout = getattr(response, "page_cache_timeout", None)
        if timeout and storable(response):
            remember_host(host)
            stored = freeze(response)
            cache.set(cache_key(*key), stored, timeout)
            local_pages.set(key, stored, timeout)
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
        cache.delete_many(
            [
                cache_key(scheme, host, path)
                for scheme in SCHEMES
                for host in hosts
                for path in paths
            ]
        )
