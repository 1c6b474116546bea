"""The front: the ASGI application the production server runs (portal/server.py), in front of
Django's WSGI handler. It is not Django's ASGI handler: Django runs as it does under any threaded
WSGI server, in a pool of WEB_THREADS threads; the front does in the event loop what needs no
thread.

- Pages this process keeps (caching.pages.local_page: the same rules as the page cache, no I/O)
  are sent straight from the event loop, before Django is reached. A miss goes to Django, where
  PageCacheMiddleware reads the shared cache (Redis), stores, and keeps a copy here.
- A request's body is read here, before a thread is used, within FRONT_MAX_BODY_BYTES (413
  beyond it, unread when Content-Length says so) and a deadline that grows with what arrives, as
  Apache's mod_reqtimeout `body=10,MinRate=1000` does: FRONT_BODY_TIMEOUT seconds plus one per
  FRONT_BODY_MIN_RATE bytes received; past it the client gets 408 and the connection is closed.
  A client sending its body a byte a second then holds a coroutine, never a thread. Bodies over
  64 KiB are spooled to disk (admin uploads of images and documents).
- Django's response is collected in its thread up to 1 MiB, the thread is released, and the
  event loop sends it; a larger one (a CSV export of every signature) is sent from the thread as
  it is produced, in chunks of 64 KiB, and stops if the client leaves. The WSGI iterable is
  always closed, in its thread (Django's request_finished closes that thread's connection).
- An error outside Django's own handling (in the iterable, or here) is logged and answered 500
  with a plain body; once streaming has begun, the connection is broken instead, so that a cut
  export does not look whole.

The WSGI environ is built by asgiref's WsgiToAsgiInstance.build_environ. asgiref's WsgiToAsgi
itself is not used: it runs every request on one thread and sends from that thread.
"""

import asyncio
import io
import logging
import os
import string
from concurrent.futures import ThreadPoolExecutor
from tempfile import SpooledTemporaryFile
from urllib.parse import quote_from_bytes

from asgiref.wsgi import WsgiToAsgiInstance

from portal.wsgi import django_application, proxy_ssl_header

from django.conf import settings  # isort: skip (configured by portal.wsgi)

from caching.pages import local_page, request_scheme  # isort: skip

logger = logging.getLogger(__name__)

# A response up to this size is collected in Django's thread and sent from the event loop, so a
# slow reader does not hold the thread; a larger one is sent from the thread as it is made.
COLLECTED_BYTES = 1024 * 1024
STREAMED_CHUNK_BYTES = 64 * 1024
# Request bodies up to this size stay in memory; larger ones go to a temporary file. Small, as
# asgiref's: a thousand clients that send this much and stall hold a thousand times as much.
SPOOLED_BYTES = 64 * 1024
# What a query string keeps as it is when its other bytes are escaped: every printable ASCII.
QUERY_SAFE = string.punctuation


def plain_response(status, text, close=False):
    headers = [(b"content-type", b"text/plain; charset=utf-8")]
    if close:
        headers.append((b"connection", b"close"))
    return (
        {"type": "http.response.start", "status": status, "headers": headers},
        {"type": "http.response.body", "body": text.encode()},
    )


# Technical answers from the front itself, before Django: plain and in English, like a proxy's.
TOO_LARGE = plain_response(413, "Request body too large.\n", close=True)
TOO_SLOW = plain_response(408, "Request body not received in time.\n", close=True)
BAD_REQUEST = plain_response(400, "Bad request.\n", close=True)
SERVER_ERROR = plain_response(500, "Internal server error.\n")
EMPTY_BODY = {"type": "http.response.body", "body": b""}


async def answer(send, response):
    start, body = response
    await send(start)
    await send(body)


class Front:
    def __init__(
        self,
        wsgi_application,
        threads,
        max_body,
        body_timeout,
        body_min_rate,
        max_public_body=None,
        large_body_prefixes=("/admin/",),
    ):
        self.wsgi_application = wsgi_application
        self.executor = ThreadPoolExecutor(max_workers=threads, thread_name_prefix="django")
        self.max_body = max_body
        # Only editors upload large files; anyone may post to a public page, and the disk that
        # spools bodies is not theirs to fill.
        self.max_public_body = min(max_public_body or max_body, max_body)
        self.large_body_prefixes = large_body_prefixes
        self.body_timeout = body_timeout
        self.body_min_rate = body_min_rate
        proxy_header = proxy_ssl_header()
        # "HTTP_X_FORWARDED_PROTO" as the header the scope names: b"x-forwarded-proto".
        self.proxy_header = (
            proxy_header.removeprefix("HTTP_").lower().replace("_", "-").encode("latin-1")
            if proxy_header
            else None
        )

    async def __call__(self, scope, receive, send):
        if scope["type"] == "http":
            await self.http(scope, receive, send)
        elif scope["type"] == "lifespan":
            await self.lifespan(receive, send)
        else:  # the server runs without websockets
            raise ValueError(f"unsupported scope type {scope['type']!r}")

    async def lifespan(self, receive, send):
        while True:
            message = await receive()
            if message["type"] == "lifespan.startup":
                await send({"type": "lifespan.startup.complete"})
            elif message["type"] == "lifespan.shutdown":
                self.executor.shutdown(wait=False)
                await send({"type": "lifespan.shutdown.complete"})
                return

    async def http(self, scope, receive, send):
        method = scope["method"]
        if method in ("GET", "HEAD"):
            # The hit path: one walk over the headers, one dict lookup, two sends. Every
            # microsecond here is a share of the server's ceiling (bench: "of raw").
            host = cookie = proxy_value = accept_encoding = None
            authorized = False
            for name, value in scope["headers"]:
                if name == b"host":
                    host = value.decode("latin-1")
                elif name == b"cookie":  # HTTP/2 may split it into several
                    value = value.decode("latin-1")
                    cookie = value if cookie is None else f"{cookie}; {value}"
                elif name == b"authorization":
                    authorized = True
                elif name == b"accept-encoding":
                    accept_encoding = value.decode("latin-1")
                elif name == self.proxy_header and proxy_value is None:
                    proxy_value = value.decode("latin-1")
            query_string = scope["query_string"]
            page = local_page(
                method,
                scope["path"],
                query_string.decode("latin-1") if query_string else "",
                host,
                cookie,
                authorized,
                request_scheme(scope["scheme"], proxy_value),
            )
            if page is not None:
                page = page.for_encoding(accept_encoding)
                await send(page.asgi_start)
                await send(page.asgi_body if method == "GET" else EMPTY_BODY)
                return
        read = await self.read_body(scope, receive, send)
        if read is None:
            return  # answered already (413, 408) or the client left
        body, size = read
        try:
            await self.run_django(scope, body, size, receive, send)
        finally:
            body.close()

    async def read_body(self, scope, receive, send):
        """(the request's body as a file, its size), or None once answered with 413 or 408."""
        length, chunked = None, False
        for name, value in scope["headers"]:
            if name == b"content-length":
                length = int(value)  # the server has checked it is a number
            elif name == b"transfer-encoding":
                chunked = True
        if not chunked and not length:
            return io.BytesIO(), 0
        limit = (
            self.max_body
            if scope["path"].startswith(self.large_body_prefixes)
            else self.max_public_body
        )
        if length is not None and length > limit:
            await answer(send, TOO_LARGE)  # without reading a byte of it
            return None
        body = SpooledTemporaryFile(max_size=SPOOLED_BYTES)  # noqa: SIM115 (closed by caller)
        received = 0
        loop = asyncio.get_running_loop()
        started = loop.time()
        try:
            async with asyncio.timeout(started + self.body_timeout) as deadline:
                while True:
                    message = await receive()
                    if message["type"] == "http.disconnect":
                        body.close()
                        return None
                    chunk = message.get("body", b"")
                    if chunk:
                        received += len(chunk)
                        if received > limit:  # a chunked body that said nothing
                            body.close()
                            await answer(send, TOO_LARGE)
                            return None
                        body.write(chunk)
                        deadline.reschedule(
                            started + self.body_timeout + received / self.body_min_rate
                        )
                    if not message.get("more_body", False):
                        break
        except TimeoutError:
            body.close()
            await answer(send, TOO_SLOW)
            return None
        body.seek(0)
        return body, received

    def environ(self, scope, body, size):
        # Header names with underscores are dropped, as nginx and gunicorn do: the environ maps
        # "x_forwarded_proto" and "x-forwarded-proto" to the same HTTP_X_FORWARDED_PROTO, so a
        # client could otherwise add to a header the proxy in front sets.
        headers = scope["headers"]
        if any(b"_" in name for name, _ in headers):
            scope = {**scope, "headers": [(n, v) for n, v in headers if b"_" not in n]}
        # asgiref decodes the query string as ASCII, and a client may send UTF-8 unescaped:
        # escaped, it reads the same to Django (which decodes escapes as UTF-8), and is no 400.
        query = scope["query_string"]
        if not query.isascii():
            query = quote_from_bytes(query, safe=QUERY_SAFE).encode("ascii")
            scope = {**scope, "query_string": query}
        builder = WsgiToAsgiInstance(None)
        builder.scope = scope  # build_environ reads the headers from the instance's scope
        environ = builder.build_environ(scope, body)
        # The whole body is here: Django reads CONTENT_LENGTH bytes, chunked or not.
        environ["CONTENT_LENGTH"] = str(size)
        environ.pop("HTTP_TRANSFER_ENCODING", None)
        return environ

    async def run_django(self, scope, body, size, receive, send):
        try:
            environ = self.environ(scope, body, size)
        except ValueError:  # too many duplicate headers
            await answer(send, BAD_REQUEST)
            return
        loop = asyncio.get_running_loop()
        response = Response(self.wsgi_application, environ, receive, send, loop)
        try:
            collected = await loop.run_in_executor(self.executor, response.run)
        except ClientDisconnected:
            logger.info("Client left during %s %s", scope["method"], scope["path"])
            return
        except Exception:
            logger.exception("Error serving %s %s", scope["method"], scope["path"])
            if response.streaming:
                raise  # the server breaks the connection: a cut export must not look whole
            await answer(send, SERVER_ERROR)
            return
        if collected is None:
            return  # sent from the thread
        status, headers, content = collected
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send(
            {"type": "http.response.body", "body": b"" if scope["method"] == "HEAD" else content}
        )


class ClientDisconnected(Exception):
    pass


class Response:
    """One call of the WSGI application, in a thread of the pool."""

    def __init__(self, wsgi_application, environ, receive, send, loop):
        self.wsgi_application = wsgi_application
        self.environ = environ
        self.receive = receive
        self.send = send
        self.loop = loop
        self.status = self.headers = None
        self.streaming = self.disconnected = False
        self.head = environ["REQUEST_METHOD"] == "HEAD"

    def start_response(self, status, headers, exc_info=None):
        if exc_info and self.streaming:
            raise exc_info[1].with_traceback(exc_info[2])
        self.status = int(status[:3])
        self.headers = [
            (name.lower().encode("latin-1"), value.encode("latin-1")) for name, value in headers
        ]
        return self.write

    def write(self, data):
        raise NotImplementedError("The front does not support WSGI's write().")

    def send_from_thread(self, message):
        asyncio.run_coroutine_threadsafe(self.sent(message), self.loop).result()

    async def sent(self, message):
        # run_coroutine_threadsafe takes a coroutine; Granian's send returns another awaitable.
        await self.send(message)

    def run(self):
        """(status, headers, body) to send from the event loop, or None once sent from here.
        The iterable is closed here, in the thread that made it: Django's request_finished
        (which closes the database connection of this thread) fires then."""
        iterable = self.wsgi_application(self.environ, self.start_response)
        try:
            chunks, size = [], 0
            iterator = iter(iterable)
            for chunk in iterator:
                if chunk:
                    chunks.append(chunk)
                    size += len(chunk)
                    if size > COLLECTED_BYTES:
                        break
            else:
                if self.status is None:
                    raise RuntimeError("The WSGI application did not call start_response().")
                return self.status, self.headers, b"".join(chunks)
            self.stream(chunks, iterator)
            return None
        finally:
            close = getattr(iterable, "close", None)
            if close is not None:
                close()

    async def watch(self):
        """The body is read by now: what the server says next is that the client has gone."""
        while (await self.receive())["type"] != "http.disconnect":
            pass
        self.disconnected = True

    def stream(self, chunks, iterator):
        self.streaming = True
        # A client that leaves an export of a million rows should not keep its thread making
        # the rest: Granian's send does not say so, its receive does.
        watching = asyncio.run_coroutine_threadsafe(self.watch(), self.loop)
        try:
            self.stream_body(chunks, iterator)
        finally:
            watching.cancel()

    def stream_body(self, chunks, iterator):
        self.send_from_thread(
            {"type": "http.response.start", "status": self.status, "headers": self.headers}
        )
        size = sum(len(chunk) for chunk in chunks)
        for chunk in iterator:
            if self.disconnected:
                raise ClientDisconnected
            chunks.append(chunk)
            size += len(chunk)
            # A streamed export yields a row at a time: sent a row at a time, the loop would
            # wake up a million times.
            if size >= STREAMED_CHUNK_BYTES:
                self.send_body(b"".join(chunks), more=True)
                chunks, size = [], 0
        self.send_body(b"".join(chunks), more=False)

    def send_body(self, data, more):
        self.send_from_thread(
            {"type": "http.response.body", "body": b"" if self.head else data, "more_body": more}
        )


application = Front(
    django_application,
    threads=int(os.environ.get("WEB_THREADS") or 2),
    max_body=settings.FRONT_MAX_BODY_BYTES,
    max_public_body=settings.FRONT_MAX_PUBLIC_BODY_BYTES,
    body_timeout=settings.FRONT_BODY_TIMEOUT,
    body_min_rate=settings.FRONT_BODY_MIN_RATE,
)
