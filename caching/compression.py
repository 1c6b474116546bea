"""Text compressed with gzip for readers on slow networks: a campaign page's HTML is about a
quarter of its size compressed (12.4 KB to 3.4 KB on the demo), and many supporters read on a
phone's slow or metered connection.

`CompressionMiddleware` is Django's GZipMiddleware for text only: images, fonts and files are
compressed already (and WhiteNoise sends its own precompressed static files), so squeezing them
again costs a thread's time for nothing. It sits first in MIDDLEWARE, above the page cache: pages
are stored as Django made them, and `Compressed` makes the compressed copy of a stored page once,
for the server's front (portal/asgi.py) and the WSGI application (portal/wsgi.py), which answer
kept pages before Django.

Why compression is safe here. BREACH-style attacks read a secret out of the size of a
compressed response that also reflects what the attacker sends. The public pages hold no secret:
a stored page is the same for everyone (it carries no CSRF token, no session and nothing
personal: caching/pages.py), and a reader's own form token comes from `<page>/form-token/` as
JSON of its own, which reflects nothing the reader sent. The admin's pages do hold a secret, the
CSRF token, but Django masks it afresh in every response, so its compressed size tells nothing;
Django's middleware also pads each compressed response with up to 100 random bytes ("Heal the
BREACH"), which the stored copies need not, being the same for everyone.
"""

from django.http import HttpResponse
from django.middleware.gzip import GZipMiddleware, re_accepts_gzip
from django.utils.cache import patch_vary_headers
from django.utils.text import compress_string

# Media types worth compressing: text, and the structured text types that do not say so.
COMPRESSIBLE_TYPES = (
    "text/",
    "application/json",
    "application/hal+json",
    "application/javascript",
    "application/xml",
    "application/rss+xml",
    "image/svg+xml",
)
# Django's own threshold: below it the gzip header and trailer cost more than they save.
MIN_BYTES = 200


def compressible(content_type):
    return content_type.split(";", 1)[0].strip().lower().startswith(COMPRESSIBLE_TYPES)


def accepts_gzip(accept_encoding):
    """As Django's GZipMiddleware reads Accept-Encoding, so that the front and Django answer
    the same request the same way."""
    return bool(accept_encoding) and re_accepts_gzip.search(accept_encoding) is not None


class CompressionMiddleware(GZipMiddleware):
    def process_response(self, request, response):
        if not compressible(response.get("Content-Type", "")):
            return response
        return super().process_response(request, response)


class Compressed:
    """A stored page's two forms, as Django would send them through CompressionMiddleware: the
    headers of the plain one (with `Vary: Accept-Encoding` when there is a compressed one, so a
    CDN keeps both), and the compressed body and its headers, or None if not worth it."""

    __slots__ = ("body", "headers", "plain_headers")

    def __init__(self, content, headers):
        response = HttpResponse(content)
        for name, value in headers.items():
            response[name] = value
        self.body = None
        if compressible(response.get("Content-Type", "")) and len(content) >= MIN_BYTES:
            body = compress_string(content)
            if len(body) < len(content) and not response.has_header("Content-Encoding"):
                patch_vary_headers(response, ("Accept-Encoding",))
                self.body = body
        self.plain_headers = list(response.items())
        self.headers = None
        if self.body is not None:
            compressed = dict(response.items())
            etag = compressed.get("ETag")
            if etag and etag.startswith('"'):
                compressed["ETag"] = f"W/{etag}"  # as GZipMiddleware does (RFC 9110 8.8.1)
            compressed["Content-Encoding"] = "gzip"
            self.headers = list(compressed.items())
