"""The production web server (portal/server.py) boots as configured and serves a campaign."""

import http.client
import os
import subprocess
import sys
from pathlib import Path

import pytest

from portal import server
from tests import servers

BASE_DIR = Path(__file__).resolve().parent.parent


@pytest.fixture
def web_server(transactional_db, campaign):
    with servers.web_server() as (port, process):
        yield port, process


def test_the_web_server_serves_a_campaign_and_logs_the_request(web_server, campaign):
    port, process = web_server

    client = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    client.request("GET", campaign.url)
    response = client.getresponse()
    body = response.read().decode()
    client.close()
    process.terminate()
    log = process.communicate(timeout=40)[0]

    assert response.status == 200
    assert "Protect rights in Hong Kong" in body
    assert 'name="your_message"' in body
    assert f'"GET {campaign.url} HTTP/1.1" 200' in log
    # SIGTERM stops the workers gracefully: nothing is killed or left behind.
    assert process.returncode == 0, log


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({}, {"address": server.ALL_INTERFACES, "port": 8000}),
        ({"PORT": "5000"}, {"address": server.ALL_INTERFACES, "port": 5000}),
        ({"BIND": "127.0.0.1:9000", "PORT": "5000"}, {"address": "127.0.0.1", "port": 9000}),
        ({"BIND": "[::1]:9000"}, {"address": "::1", "port": 9000}),
        ({"BIND": "unix:/run/portal.sock"}, {"uds": Path("/run/portal.sock")}),
    ],
)
def test_the_web_server_listens_where_the_environment_says(monkeypatch, environ, expected):
    for name in ("BIND", "PORT"):
        monkeypatch.delenv(name, raising=False)
    for name, value in environ.items():
        monkeypatch.setenv(name, value)

    assert server.listen() == expected


def test_workers_threads_and_access_log_come_from_the_environment(monkeypatch):
    monkeypatch.setenv("WEB_CONCURRENCY", "3")
    monkeypatch.setenv("WEB_THREADS", "6")
    monkeypatch.delenv("WEB_ACCESS_LOG", raising=False)
    monkeypatch.delenv("SERVE_INTERFACE", raising=False)

    configured = server.server()

    # The front (portal/asgi.py) on uvloop runs Django in WEB_THREADS threads of its own.
    assert configured.target == "portal.asgi:application"
    assert (configured.interface, configured.loop) == ("asgi", "uvloop")
    assert (configured.workers, server.threads()) == (3, 6)
    assert configured.log_access is False
    # Slow clients: headers within 10 s, and room for thousands of connections per worker.
    assert configured.http1_settings.header_read_timeout == 10_000
    assert configured.backpressure >= 2048 and configured.backlog >= 2048


def test_a_raw_wsgi_app_gets_granians_own_threads(monkeypatch):
    monkeypatch.setenv("WEB_THREADS", "6")
    monkeypatch.setenv("SERVE_APP", "bench.raw:application")
    monkeypatch.setenv("SERVE_INTERFACE", "wsgi")

    configured = server.server()

    assert (configured.target, configured.interface) == ("bench.raw:application", "wsgi")
    assert configured.blocking_threads == 6


def check_environment(**environ):
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("REDIS_URL", "WEB_CONCURRENCY", "DJANGO_SETTINGS_MODULE")
    }
    env.update(
        {
            "SECRET_KEY": "check-environment-test-key-0123456789abcdefghijklmnopqrstuvwxyz",
            "ALLOWED_HOSTS": "127.0.0.1",
            "DATABASE_URL": "sqlite:///unused.sqlite3",
            "RECAPTCHA_ENABLED": "false",
            "PORTAL_ENCRYPTION_KEYS": "Y2hlY2stZW52aXJvbm1lbnQtdGVzdC1rZXktMDAwMDE=",
            "PORTAL_HASH_KEY": "check-environment-test-hash-key-0123456789",
            **environ,
        }
    )
    return subprocess.run(
        [sys.executable, "-m", "portal.check_environment"],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
    )


def test_make_serve_warns_when_web_processes_would_not_share_their_cache():
    unshared = check_environment(WEB_CONCURRENCY="2")
    shared = check_environment(WEB_CONCURRENCY="2", REDIS_URL="redis://127.0.0.1:6379/5")
    single = check_environment(WEB_CONCURRENCY="1")

    assert unshared.returncode == shared.returncode == single.returncode == 0
    assert "no REDIS_URL" in unshared.stderr and "2 web processes" in unshared.stderr
    assert shared.stderr == single.stderr == ""


def test_make_serve_names_what_is_missing():
    result = check_environment(SECRET_KEY="")

    assert result.returncode == 1
    assert "SECRET_KEY" in result.stderr and "make serve" in result.stderr


def test_make_serve_names_missing_encryption_keys_and_how_to_make_them():
    result = check_environment(PORTAL_ENCRYPTION_KEYS="")

    assert result.returncode == 1
    assert "PORTAL_ENCRYPTION_KEYS" in result.stderr and "Fernet.generate_key()" in result.stderr
