"""The production web server: Granian, configured here from the environment.

`python -m portal.server` is what `make serve` runs. Read from the environment:

- PORT (default 8000), or BIND for a full address ("127.0.0.1:8000", or "unix:/path/to/socket").
- WEB_CONCURRENCY: worker processes (default: one per core, at least 2).
- WEB_THREADS: requests each worker handles at once (default 2). Rendering holds Python's lock,
  so more threads only add waiting for it: under `make bench`, 4 threads gave signatures a p99
  of 105 ms where 2 gave 81-89 ms, at the same throughput. With a distant database, where
  requests wait longer on it, more may pay.
- WEB_ACCESS_LOG: "true" to log every request here; off by default, since the proxy or CDN in
  front logs them, and a log line costs as much as serving a cached page.
- SERVE_APP: another WSGI application to serve with the same settings (`make bench` measures the
  server's own ceiling with a raw one, bench/raw.py).

Why Granian rather than gunicorn: its HTTP handling is Rust, outside Python's GIL, so a cached
page costs only our code. Under `make bench` on 2 cores it serves cached pages twice as fast as
gunicorn's threaded worker, with a p99 under 25 ms where gunicorn's was 30-50 ms.
"""

import os
from pathlib import Path

from granian import Granian
from granian.constants import Interfaces

BASE_DIR = Path(__file__).resolve().parent.parent
# By default a container's or platform's PORT, reached from outside the machine.
ALL_INTERFACES = "0.0.0.0"  # noqa: S104


def listen():
    """keyword arguments for Granian: where to listen."""
    bind = os.environ.get("BIND") or f"{ALL_INTERFACES}:{os.environ.get('PORT', '8000')}"
    if bind.startswith("unix:"):
        return {"uds": Path(bind.removeprefix("unix:"))}
    address, _, port = bind.rpartition(":")
    return {"address": address.strip("[]") or ALL_INTERFACES, "port": int(port)}


def workers():
    return int(os.environ.get("WEB_CONCURRENCY") or max(2, os.cpu_count() or 1))


def server():
    return Granian(
        os.environ.get("SERVE_APP") or "portal.wsgi:application",
        interface=Interfaces.WSGI,
        working_dir=BASE_DIR,
        **listen(),
        # Rendering is CPU-bound, so processes add throughput; threads let a worker go on while
        # one request waits on the database, Redis or a slow client.
        workers=workers(),
        blocking_threads=int(os.environ.get("WEB_THREADS") or 2),
        websockets=False,
        # A worker that dies (out of memory, a crash in C) is replaced, as gunicorn would.
        respawn_failed_workers=True,
        # On SIGTERM, requests in flight (a long export) get this long to finish.
        workers_kill_timeout=30,
        log_access=os.environ.get("WEB_ACCESS_LOG", "").lower() == "true",
        log_access_format='%(addr)s "%(method)s %(path)s %(protocol)s" %(status)d %(dt_ms).1fms',
    )


if __name__ == "__main__":
    server().serve()
