"""The production web server (portal/server.py) as a process of the benchmarks' own, for
`make bench` (bench/run.py) and `make lighthouse` (bench/lighthouse.py); loopback only."""

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def reachable(url, default_port):
    parts = urlsplit(url)
    try:
        socket.create_connection((parts.hostname, parts.port or default_port), timeout=1).close()
    except OSError:
        return False
    return True


def accepts(port):
    """Ready once it accepts a connection."""
    with contextlib.suppress(OSError):
        socket.create_connection(("127.0.0.1", port), timeout=0.1).close()
        return True
    return False


@contextlib.contextmanager
def web_server(env, log, ready=accepts):
    """portal/server.py in a session of its own, yielding its port once `ready(port)`; stopped
    with its workers however the block ends (Ctrl-C included)."""
    port = free_port()
    with open(log, "a") as output:
        server = subprocess.Popen(
            [sys.executable, "-m", "portal.server"],
            cwd=ROOT,
            env={**env, "BIND": f"127.0.0.1:{port}"},
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        for _ in range(300):
            if server.poll() is not None:
                raise RuntimeError(f"the web server stopped at start; see {log}")
            if ready(port):
                break
            time.sleep(0.1)
        yield port
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()
