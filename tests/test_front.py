"""The web server's front (portal/asgi.py), in the real server (portal/server.py) on loopback:
slow bodies hold no thread, oversized ones are refused unread, stored pages are answered before
Django, per host and scheme, and large responses arrive whole."""

import asyncio
import hashlib
import http.client
import socket
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlencode

import pytest
from bs4 import BeautifulSoup

from tests import servers
from tests.server_urls import DJANGO_MARK, stream_line

# Short limits, so the tests need not wait ten seconds for a deadline.
BODY_TIMEOUT = 3
MAX_BODY = 1_000_000


@pytest.fixture
def front(transactional_db, campaign):
    """The server as production runs it, two threads, with the test server settings."""

    def start(**environ):
        return servers.web_server(
            **{
                "DJANGO_SETTINGS_MODULE": "tests.server_settings",
                "WEB_ACCESS_LOG": "false",
                "WEB_THREADS": "2",
                "FRONT_BODY_TIMEOUT": str(BODY_TIMEOUT),
                "FRONT_MAX_BODY_BYTES": str(MAX_BODY),
                **environ,
            }
        )

    return start


def request(port, method, path, body=None, headers=None, timeout=10):
    client = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        client.request(method, path, body=body, headers=headers or {})
        response = client.getresponse()
        return response, response.read()
    finally:
        client.close()


def raw_exchange(port, data, timeout=5):
    """Send bytes as they are, then read until the server closes or goes quiet."""
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as sock:
        sock.sendall(data)
        received = b""
        sock.settimeout(1)
        with_deadline = time.monotonic() + timeout
        while time.monotonic() < with_deadline:
            try:
                chunk = sock.recv(65536)
            except TimeoutError:
                break
            if not chunk:
                break
            received += chunk
        return received


class SlowBody(threading.Thread):
    """A client that sends a POST's headers, then its body a byte a second."""

    def __init__(self, port, path):
        super().__init__(daemon=True)
        self.port, self.path = port, path
        self.answer, self.answered_at = b"", None
        self.sending = threading.Event()

    def run(self):
        with socket.create_connection(("127.0.0.1", self.port), timeout=30) as sock:
            sock.sendall(
                f"POST {self.path} HTTP/1.1\r\nHost: localhost\r\n"
                "Content-Type: application/x-www-form-urlencoded\r\n"
                "Content-Length: 100\r\n\r\n".encode()
            )
            sock.settimeout(1)
            for _ in range(100):
                try:
                    sock.send(b"a")
                except OSError:
                    break
                self.sending.set()
                try:
                    chunk = sock.recv(65536)
                except TimeoutError:
                    continue
                if chunk:
                    self.answer += chunk
                    self.answered_at = time.monotonic()
                break


@pytest.mark.slow
def test_slow_bodies_hold_no_thread_and_are_cut_off(front, campaign, valid_post):
    with front() as (port, _process):
        assert request(port, "GET", campaign.url)[0].status == 200  # warm: templates compiled
        slow = [SlowBody(port, campaign.url) for _ in range(20)]  # ten times the threads
        for client in slow:
            client.start()
        for client in slow:
            assert client.sending.wait(5)
        time.sleep(0.5)

        started = time.monotonic()
        page, html = request(port, "GET", campaign.url)
        read_in = time.monotonic() - started
        started = time.monotonic()
        signed, _ = request(
            port,
            "POST",
            campaign.url,
            body=urlencode(valid_post),
            headers={
                "Content-Type": "application/x-www-form-urlencoded",
                "Origin": "http://localhost",
                "Host": "localhost",
            },
        )
        signed_in = time.monotonic() - started
        still_sending = sum(client.answered_at is None for client in slow)

        for client in slow:
            client.join(BODY_TIMEOUT + 5)

    # Rendered by Django in one of its two threads while twenty clients were sending.
    assert page.status == 200 and b'name="first_name"' in html
    assert signed.status in (200, 302, 303), signed.status
    assert read_in < 1.5 and signed_in < 1.5, (read_in, signed_in)
    assert still_sending == 20
    # Past the deadline, each slow client is told so and cut off.
    for client in slow:
        assert client.answer.startswith(b"HTTP/1.1 408"), client.answer[:100]
        assert b"connection: close" in client.answer.lower()
        assert client.answered_at - started < BODY_TIMEOUT + 2


def test_an_oversized_body_is_refused_without_being_read(front, campaign):
    with front() as (port, _process):
        started = time.monotonic()
        declared = raw_exchange(
            port,
            f"POST {campaign.url} HTTP/1.1\r\nHost: localhost\r\n"
            f"Content-Length: {MAX_BODY + 1}\r\n\r\n".encode(),  # and not a byte of it
        )
        declared_in = time.monotonic() - started
        chunk = b"x" * 100_000
        chunks = f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n"
        chunked = raw_exchange(
            port,
            f"POST {campaign.url} HTTP/1.1\r\nHost: localhost\r\n"
            "Transfer-Encoding: chunked\r\n\r\n".encode()
            + chunks * 11,  # over MAX_BODY, no end
        )
        allowed, echoed = request(port, "POST", "/test/echo/", body=b"y" * MAX_BODY)

    # At once, not after the body deadline: nothing was waited for.
    assert declared.startswith(b"HTTP/1.1 413"), declared[:100]
    assert declared_in < BODY_TIMEOUT - 1
    assert chunked.startswith(b"HTTP/1.1 413"), chunked[:100]
    assert allowed.status == 200
    assert echoed.decode() == f"{MAX_BODY} {hashlib.sha256(b'y' * MAX_BODY).hexdigest()}"


def test_a_chunked_body_reaches_django_whole(front):
    body = b"supporter=" + b"z" * 300_000
    with front() as (port, _process):
        client = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        client.request("POST", "/test/echo/", body=iter([body[:1000], body[1000:]]))
        response = client.getresponse()
        echoed = response.read().decode()
        client.close()

    assert response.status == 200
    assert echoed == f"{len(body)} {hashlib.sha256(body).hexdigest()}"


def get(port, path, **headers):
    return request(port, "GET", path, headers=headers)


@pytest.fixture
def page_cache():
    return {"PAGE_CACHE_SECONDS": "60", "PAGE_CACHE_LOCAL_SECONDS": "60"}


def test_a_stored_page_is_answered_by_the_front_before_django(front, campaign, page_cache):
    with front(**page_cache) as (port, _process):
        rendered, first = get(port, campaign.url)
        stored, second = get(port, campaign.url)
        tracked, third = get(port, f"{campaign.url}?utm_source=newsletter")
        with_session, _ = get(port, campaign.url, Cookie="sessionid=abc")

    assert rendered.status == stored.status == 200
    assert rendered.getheader(DJANGO_MARK) == "yes"
    # The front sent the stored bytes: Django never saw the request.
    assert stored.getheader(DJANGO_MARK) is None and tracked.getheader(DJANGO_MARK) is None
    assert second == first == third
    for header in ("Content-Security-Policy", "X-Content-Type-Options", "Content-Language"):
        assert stored.getheader(header) == rendered.getheader(header)
    assert int(stored.getheader("Content-Length")) == len(first)
    # An editor's request goes to Django, as the page cache's rules say.
    assert with_session.getheader(DJANGO_MARK) == "yes"


def og_url(html):
    return BeautifulSoup(html, "html.parser").find("meta", property="og:url")["content"]


def test_each_host_and_scheme_keeps_its_own_copy(front, campaign, page_cache):
    variants = {
        "http://localhost/": {"Host": "localhost"},
        "http://127.0.0.1/": {"Host": "127.0.0.1"},
        "https://localhost/": {"Host": "localhost", "X-Forwarded-Proto": "https"},
    }
    with front(TRUSTED_PROXIES="1", **page_cache) as (port, _process):
        for headers in variants.values():
            get(port, campaign.url, **headers)  # rendered and stored
        answers = {
            origin: get(port, campaign.url, **headers) for origin, headers in variants.items()
        }

    for origin, (response, html) in answers.items():
        assert response.getheader(DJANGO_MARK) is None, origin  # from the front
        assert og_url(html).startswith(origin), (origin, og_url(html))


def head_exchange(port, path):
    """A HEAD and then a GET on one connection: anything between the HEAD's headers and the
    GET's status line would be a body the HEAD should not have had."""
    data = raw_exchange(
        port,
        f"HEAD {path} HTTP/1.1\r\nHost: localhost\r\n\r\n"
        f"GET /test/echo/ HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n".encode(),
    )
    head, _, rest = data.partition(b"\r\n\r\n")
    return head, rest


def test_a_head_request_gets_headers_and_no_body(front, campaign, page_cache):
    with front(**page_cache) as (port, _process):
        from_django = head_exchange(port, campaign.url)
        get(port, campaign.url)
        from_front = head_exchange(port, campaign.url)

    for head, rest in (from_django, from_front):
        assert head.startswith(b"HTTP/1.1 200"), head[:100]
        assert rest.startswith(b"HTTP/1.1 200"), rest[:100]
    assert DJANGO_MARK.lower().encode() in from_django[0].lower()
    assert DJANGO_MARK.lower().encode() not in from_front[0].lower()


def test_a_streamed_response_of_several_mib_arrives_whole(front):
    lines = 5000  # 5 MB, sent from Django's thread as it is made
    expected = hashlib.sha256(b"".join(stream_line(number) for number in range(lines)))
    with front() as (port, _process):
        response, body = get(port, f"/test/stream/{lines}/")
        small, small_body = get(port, "/test/stream/10/")  # collected, sent from the loop

    assert response.status == 200
    assert len(body) == lines * 1000
    assert hashlib.sha256(body).hexdigest() == expected.hexdigest()
    assert small.status == 200 and len(small_body) == 10_000


def asgi_call(application, method, path, headers=(), query_string=b""):
    """One request through an ASGI application in this process: the messages it sent."""
    sent = []

    async def receive():
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message):
        sent.append(message)

    scope = {
        "type": "http",
        "http_version": "1.1",
        "method": method,
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "query_string": query_string,
        "root_path": "",
        "headers": [(b"host", b"testserver"), *headers],
        "client": ("127.0.0.1", 50000),
        "server": ("127.0.0.1", 80),
    }
    # In a thread of its own: after the browser tests, Playwright's loop runs in this one.
    with ThreadPoolExecutor(max_workers=1) as thread:
        thread.submit(asyncio.run, application(scope, receive, send)).result()
    return sent


@pytest.fixture
def local_copies(settings):
    from caching.pages import local_pages

    settings.PAGE_CACHE_SECONDS = 60
    settings.PAGE_CACHE_LOCAL_SECONDS = 60
    local_pages.clear()
    yield
    local_pages.clear()


def test_the_front_itself_sends_a_stored_page_and_no_body_for_head(client, campaign, local_copies):
    # (Granian drops a HEAD response's body too; this is the front's own part.)
    from portal import asgi

    def django(environ, start_response):
        start_response("204 No Content", [])
        return []

    stored = client.get(campaign.url)  # rendered, stored, kept in this process
    front = asgi.Front(django, threads=1, max_body=10, body_timeout=1, body_min_rate=1)

    got = asgi_call(front, "GET", campaign.url)
    head = asgi_call(front, "HEAD", campaign.url)
    # HTTP/2 may split the Cookie header: the session cookie in the second still counts.
    editor = asgi_call(
        front, "GET", campaign.url, [(b"cookie", b"theme=dark"), (b"cookie", b"sessionid=x")]
    )

    assert got[0]["status"] == head[0]["status"] == 200
    assert got[1]["body"] == stored.content
    assert head[1]["body"] == b""
    assert (b"content-length", str(len(stored.content)).encode()) in head[0]["headers"]
    assert editor[0]["status"] == 204  # Django's to answer


def test_an_error_outside_django_is_a_plain_500_and_logged(caplog):
    from portal import asgi

    def broken(environ, start_response):
        start_response("200 OK", [("Content-Type", "text/plain")])
        raise RuntimeError("broken iterable")

    front = asgi.Front(broken, threads=1, max_body=10, body_timeout=1, body_min_rate=1)
    sent = asgi_call(front, "GET", "/anything/")

    assert sent[0]["status"] == 500
    assert sent[1]["body"] == b"Internal server error.\n"
    assert "broken iterable" in caplog.text and "GET /anything/" in caplog.text


def test_django_gets_the_request_as_sent(transactional_db):
    """The environ: an unescaped UTF-8 query string and headers, but none with underscores
    (which would add to the header a proxy sets)."""
    from django.http import QueryDict

    from portal import asgi

    seen = {}

    def django(environ, start_response):
        seen.update(environ)
        start_response("204 No Content", [])
        return []

    front = asgi.Front(django, threads=1, max_body=10, body_timeout=1, body_min_rate=1)
    sent = asgi_call(
        front,
        "GET",
        "/search/",
        [(b"x-forwarded-proto", b"http"), (b"x_forwarded_proto", b"https")],
        query_string="q=香港&utm_source=x".encode(),
    )

    assert sent[0]["status"] == 204
    assert QueryDict(seen["QUERY_STRING"])["q"] == "香港"
    assert seen["HTTP_X_FORWARDED_PROTO"] == "http"
    assert seen["PATH_INFO"] == "/search/" and seen["REMOTE_ADDR"] == "127.0.0.1"


@pytest.mark.slow
def test_a_client_leaving_a_long_stream_frees_its_thread(front):
    lines = 20_000_000  # 20 GB: many seconds of a thread's work, if it went on
    with front(WEB_THREADS="1") as (port, _process):
        with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
            sock.sendall(f"GET /test/stream/{lines}/ HTTP/1.1\r\nHost: localhost\r\n\r\n".encode())
            received = 0
            while received < 3_000_000:
                received += len(sock.recv(65536))
        started = time.monotonic()
        response, _ = request(port, "GET", "/test/stream/10/", timeout=20)
        waited = time.monotonic() - started

    assert response.status == 200
    assert waited < 3, waited  # the one thread was free again


def test_a_public_page_takes_a_much_smaller_body_than_the_admin(settings):
    from portal import asgi

    reached = []

    def django(environ, start_response):
        reached.append(environ["PATH_INFO"])
        start_response("204 No Content", [])
        return []

    front = asgi.Front(
        django, threads=1, max_body=1000, body_timeout=1, body_min_rate=1, max_public_body=100
    )

    def post(path, size):
        return asgi_call(front, "POST", path, [(b"content-length", str(size).encode())])

    assert post("/en/hong-kong/", 101)[0]["status"] == 413
    assert post("/admin/images/multiple/add/", 101)[0]["status"] == 204
    assert post("/admin/images/multiple/add/", 1001)[0]["status"] == 413
    assert reached == ["/admin/images/multiple/add/"]
