"""The production web server (portal/server.py) as a process of its own, for tests that need a
real server on loopback."""

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.parse
from pathlib import Path

from django.db import connection

BASE_DIR = Path(__file__).resolve().parent.parent


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def database_url():
    """The test database, which processes reach through committed rows."""
    db = connection.settings_dict
    if db["ENGINE"] == "django.db.backends.sqlite3":
        return f"sqlite:///{Path(db['NAME']).resolve()}"
    credentials = urllib.parse.quote(db["USER"] or "", safe="")
    if db["PASSWORD"]:
        credentials += ":" + urllib.parse.quote(db["PASSWORD"], safe="")
    host, port = db["HOST"] or "127.0.0.1", db["PORT"] or 5432
    return f"postgres://{credentials}@{host}:{port}/{db['NAME']}"


START_SECONDS = 60


@contextlib.contextmanager
def web_server(**environ):
    """`python -m portal.server` with one worker on a free port: (port, process). Stopped with
    SIGTERM however the block ends."""
    port = free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.test",
        "DATABASE_URL": database_url(),
        "BIND": f"127.0.0.1:{port}",
        "WEB_CONCURRENCY": "1",
        "WEB_ACCESS_LOG": "true",
        **environ,
    }
    env.pop("REDIS_URL", None)
    process = subprocess.Popen(
        [sys.executable, "-m", "portal.server"],
        cwd=BASE_DIR,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        # Up to a minute: on a loaded machine the server's start (Django's set-up, two
        # processes) can take longer than the ten seconds this once allowed, and a test then
        # met "connection refused" instead of a server.
        deadline = time.monotonic() + START_SECONDS
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
                break
            except OSError:
                assert process.poll() is None, process.stdout.read()
                assert time.monotonic() < deadline, (
                    f"the server did not start in {START_SECONDS} s"
                )
                time.sleep(0.1)
        yield port, process
    finally:
        if process.poll() is None:
            process.terminate()
            process.wait(timeout=40)
