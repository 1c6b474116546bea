"""In-process cost of one hit of the cached campaign page, without a server or wrk:
`python -m bench.hits` (with bench/run.py's environment: a database with the demo content).

Measures the front's hit (portal/asgi.py, in an event loop, sends that do nothing), the WSGI
application's (portal/wsgi.py) and Django's handler with the page in this process's memory
(PageCacheMiddleware). Figures are microseconds per hit, the best of three runs.
"""

import asyncio
import io
import os
import sys
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
os.environ.setdefault("PAGE_CACHE_SECONDS", "60")
# Long enough that no copy expires during a run.
os.environ["PAGE_CACHE_LOCAL_SECONDS"] = "600"

from bench.run import CAMPAIGN
from portal import asgi, wsgi

HITS = 20_000
HOST = "127.0.0.1:8000"


def environ():
    return {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": CAMPAIGN,
        "QUERY_STRING": "",
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "8000",
        "HTTP_HOST": HOST,
        "HTTP_ACCEPT": "text/html",
        "HTTP_USER_AGENT": "bench",
        "wsgi.url_scheme": "http",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "wsgi.input": io.BytesIO(),
        "wsgi.errors": sys.stderr,
        "REMOTE_ADDR": "127.0.0.1",
    }


def start_response(status, headers, exc_info=None):
    start_response.status = status


def wsgi_hits(application):
    for _ in range(HITS):
        body = application(environ(), start_response)
        b"".join(body)
        getattr(body, "close", lambda: None)()
    if not start_response.status.startswith("200"):
        sys.exit(f"The page answered {start_response.status}")


SCOPE = {
    "type": "http",
    "http_version": "1.1",
    "method": "GET",
    "scheme": "http",
    "path": CAMPAIGN,
    "raw_path": CAMPAIGN.encode(),
    "query_string": b"",
    "root_path": "",
    "headers": [
        (b"host", HOST.encode()),
        (b"user-agent", b"bench"),
        (b"accept", b"text/html"),
    ],
    "client": ("127.0.0.1", 50000),
    "server": ("127.0.0.1", 8000),
}


async def asgi_hits():
    statuses = []

    async def send(message):
        if message["type"] == "http.response.start":
            statuses.append(message["status"])

    async def receive():
        return {"type": "http.request", "body": b"", "more_body": False}

    for _ in range(HITS):
        await asgi.application(dict(SCOPE), receive, send)
    if statuses != [200] * HITS:
        sys.exit(f"The front answered {set(statuses)}")


def timed(label, run):
    best = min(timeit(run) for _ in range(3))
    print(f"{label}: {best / HITS * 1e6:.1f} us per hit")


def timeit(run):
    started = time.perf_counter()
    run()
    return time.perf_counter() - started


def main():
    wsgi_hits(wsgi.django_application)  # rendered, stored, kept in this process
    timed(
        "Django's handler (PageCacheMiddleware, local copy)",
        lambda: wsgi_hits(wsgi.django_application),
    )
    timed("WSGI application (portal/wsgi.py)", lambda: wsgi_hits(wsgi.application))
    loop = asyncio.new_event_loop()
    timed("ASGI front (portal/asgi.py)", lambda: loop.run_until_complete(asgi_hits()))


if __name__ == "__main__":
    main()
