"""Gunicorn boots with the production config (portal/gunicorn.conf.py) and serves a campaign."""

import http.client
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.db import connection

BASE_DIR = Path(__file__).resolve().parent.parent


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def database_url():
    """The test database, which the server process reaches through committed rows."""
    db = connection.settings_dict
    if db["ENGINE"] == "django.db.backends.sqlite3":
        return f"sqlite:///{Path(db['NAME']).resolve()}"
    return f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


@pytest.fixture
def gunicorn(transactional_db, campaign):
    port = free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.test",
        "DATABASE_URL": database_url(),
        "BIND": f"127.0.0.1:{port}",
        "WEB_CONCURRENCY": "1",
    }
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", "portal/gunicorn.conf.py", "portal.wsgi"],
        cwd=BASE_DIR,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.1).close()
                break
            except OSError:
                assert server.poll() is None, server.stdout.read()
                time.sleep(0.1)
        yield port, server
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_gunicorn_serves_a_campaign_and_logs_the_request(gunicorn, campaign):
    port, server = gunicorn

    client = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    client.request("GET", campaign.url)
    response = client.getresponse()
    body = response.read().decode()
    client.close()
    server.terminate()
    log = server.communicate(timeout=30)[0]

    assert response.status == 200
    assert response.getheader("Server") == "gunicorn"
    assert "Protect rights in Hong Kong" in body
    assert 'name="your_message"' in body
    assert f'"GET {campaign.url} HTTP/1.1" 200' in log
    assert "Using worker: gthread" in log
