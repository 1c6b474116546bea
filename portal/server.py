"""The production web server: Granian, configured here from the environment.

`python -m portal.server` is what `make serve` runs. Granian runs the portal's own ASGI front
(portal/asgi.py) on uvloop, which runs Django's WSGI handler in a pool of WEB_THREADS threads:

- a page this process keeps is answered from the event loop, without a thread or Django;
- a request body is read in the event loop, within FRONT_MAX_BODY_BYTES (413) and a deadline
  that grows with what arrives (FRONT_BODY_TIMEOUT, FRONT_BODY_MIN_RATE: 408), before a thread
  is used: clients sending a body a byte a second hold coroutines, never the threads. (Under
  Granian's WSGI interface a request gets its thread before its body has arrived: four such
  clients stalled a 2 x 2 server.)
- slow headers are Granian's: a connection that has not sent its headers within
  HEADER_READ_TIMEOUT_MS is closed;
- each worker holds up to CONNECTIONS_PER_WORKER connections, so a thousand slow clients leave
  room for everyone else.

So no proxy is needed in front for slow clients; one is still needed to terminate TLS (and to
balance load across machines). README.md, "Running in production", says what a deployment needs.

Why ASGI and uvloop: on this 2-core machine a raw application under Granian served about 65k
req/s through the WSGI interface, 52k through ASGI on uvloop and 47k on asyncio's own loop; ASGI
is the interface where the body can be read before a thread is used, and uvloop the faster loop.

Read from the environment:

- PORT (default 8000), or BIND for a full address ("127.0.0.1:8000", or "unix:/path/to/socket").
- WEB_CONCURRENCY: worker processes (default: one per core, at least 2).
- WEB_THREADS: requests each worker hands to Django at once (default 2), in the front's own
  threads; stored pages and request bodies need none. Rendering holds Python's lock,
  so more threads only add waiting for it: under `make bench`, 4 threads gave signatures a p99
  of 105 ms where 2 gave 81-89 ms, at the same throughput. With a distant database, where
  requests wait longer on it, more may pay.
- WEB_ACCESS_LOG: "true" to log every request here; off by default, since the proxy or CDN in
  front logs them, and a log line costs as much as serving a cached page.
- SERVE_APP: another application to serve with the same settings, and SERVE_INTERFACE, its
  interface: "asgi" (the default) or "wsgi", which Granian then runs with WEB_THREADS threads of
  its own (`make bench` measures the server's own ceiling with raw ones, bench/raw.py).

Why Granian rather than gunicorn: its HTTP handling is Rust, outside Python's GIL, so a cached
page costs only our code. Under `make bench` on 2 cores it serves cached pages twice as fast as
gunicorn's threaded worker, with a p99 under 25 ms where gunicorn's was 30-50 ms.
"""

import os
import resource
from pathlib import Path

from granian import Granian
from granian.constants import Interfaces, Loops
from granian.http import HTTP1Settings

BASE_DIR = Path(__file__).resolve().parent.parent
# By default a container's or platform's PORT, reached from outside the machine.
ALL_INTERFACES = "0.0.0.0"  # noqa: S104
# Connections a worker holds at once (Granian's backpressure counts connections, idle keep-alive
# ones and those still sending their headers included; beyond it, new ones wait in the backlog).
# A connection waiting on its body costs a coroutine, a few kilobytes: 1,000 slow clients and
# 1,000 slow headers on one worker leave room for everyone else.
CONNECTIONS_PER_WORKER = 4096
# Connections the kernel queues before the workers accept them: a burst of slow clients must not
# fill it. Linux caps it at net.core.somaxconn (4096 since 5.4).
BACKLOG = 4096
# A client that has not sent its request line and headers by then is disconnected.
HEADER_READ_TIMEOUT_MS = 10_000


def listen():
    """keyword arguments for Granian: where to listen."""
    bind = os.environ.get("BIND") or f"{ALL_INTERFACES}:{os.environ.get('PORT', '8000')}"
    if bind.startswith("unix:"):
        return {"uds": Path(bind.removeprefix("unix:"))}
    address, _, port = bind.rpartition(":")
    return {"address": address.strip("[]") or ALL_INTERFACES, "port": int(port)}


def workers():
    return int(os.environ.get("WEB_CONCURRENCY") or max(2, os.cpu_count() or 1))


def threads():
    return int(os.environ.get("WEB_THREADS") or 2)


def application():
    """keyword arguments for Granian: what to serve, through which interface."""
    interface = Interfaces(os.environ.get("SERVE_INTERFACE") or "asgi")
    if interface == Interfaces.WSGI:
        # Granian's own threads, which get a request before its body: for bench/raw.py.
        return {"interface": interface, "blocking_threads": threads()}
    # The front runs Django in WEB_THREADS threads of its own; Granian's ASGI interface takes
    # one blocking thread.
    return {"interface": interface, "blocking_threads": 1, "loop": Loops.uvloop}


def allow_open_files(needed):
    """Raise this process's limit on open files (a connection is one) towards `needed`, within
    what the system allows; the workers inherit it. Many systems start at 1,024."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    wanted = needed if hard == resource.RLIM_INFINITY else min(needed, hard)
    if soft != resource.RLIM_INFINITY and soft < wanted:
        resource.setrlimit(resource.RLIMIT_NOFILE, (wanted, hard))


def server():
    allow_open_files(CONNECTIONS_PER_WORKER + 1024)
    return Granian(
        os.environ.get("SERVE_APP") or "portal.asgi:application",
        **application(),
        working_dir=BASE_DIR,
        **listen(),
        # Rendering is CPU-bound, so processes add throughput; threads let a worker go on while
        # one request waits on the database or Redis.
        workers=workers(),
        websockets=False,
        backlog=BACKLOG,
        backpressure=CONNECTIONS_PER_WORKER,
        http1_settings=HTTP1Settings(header_read_timeout=HEADER_READ_TIMEOUT_MS),
        # A worker that dies (out of memory, a crash in C) is replaced, as gunicorn would.
        respawn_failed_workers=True,
        # On SIGTERM, requests in flight (a long export) get this long to finish.
        workers_kill_timeout=30,
        log_access=os.environ.get("WEB_ACCESS_LOG", "").lower() == "true",
        log_access_format='%(addr)s "%(method)s %(path)s %(protocol)s" %(status)d %(dt_ms).1fms',
    )


if __name__ == "__main__":
    server().serve()
