"""Production settings come from the environment; static files are hashed and compressed."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.services import needs_redis

BASE_DIR = Path(__file__).resolve().parent.parent
PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "portal.settings.production",
    "SECRET_KEY": "a-long-random-value-for-the-test-only-0123456789abcdefghijklmnop",
    "ALLOWED_HOSTS": "act.example.org",
    "DATABASE_URL": "sqlite:///:memory:",
    "RECAPTCHA_ENABLED": "false",
    "PORTAL_ENCRYPTION_KEYS": "dGVzdC1vbmx5LWVuY3J5cHRpb24ta2V5LTAwMDAwMDE=",
    "PORTAL_HASH_KEY": "a-long-random-hash-key-for-the-test-only-0123456789",
    # The email service's bounce webhook (bounces.webhooks); without it, check says so.
    "ANYMAIL_WEBHOOK_SECRET": "esp:a-long-random-webhook-secret-for-the-test-only",
}


def manage(*args, env):
    # Not ours to pass on: the browser tests' DJANGO_ALLOW_ASYNC_UNSAFE would be a deploy warning.
    leave_out = {*PRODUCTION_ENV, "DJANGO_ALLOW_ASYNC_UNSAFE"}
    clean = {key: value for key, value in os.environ.items() if key not in leave_out}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize("missing", ["SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL"])
def test_production_refuses_to_start_without_its_environment(missing):
    env = {key: value for key, value in PRODUCTION_ENV.items() if key != missing}

    result = manage("check", env=env)

    assert result.returncode != 0
    assert f"Production needs the {missing} environment variable." in result.stderr


@pytest.mark.parametrize(
    ("changed", "message"),
    [
        ({"PORTAL_ENCRYPTION_KEYS": ""}, "Production needs PORTAL_ENCRYPTION_KEYS"),
        ({"PORTAL_HASH_KEY": ""}, "Production needs PORTAL_ENCRYPTION_KEYS"),
        ({"PORTAL_ENCRYPTION_KEYS": "not-a-key"}, "must be Fernet keys"),
        ({"PORTAL_HASH_KEY": "short"}, "PORTAL_HASH_KEY must be at least 32 characters"),
    ],
)
def test_production_refuses_to_start_without_its_encryption_keys(changed, message):
    result = manage("check", env={**PRODUCTION_ENV, **changed})

    assert result.returncode != 0
    assert message in result.stderr


def test_production_decrypts_with_every_key_and_encrypts_with_the_first():
    first, second = (
        "Zmlyc3Qta2V5LWZvci10aGUtdGVzdC1vbmx5LTAwMDE=",
        PRODUCTION_ENV["PORTAL_ENCRYPTION_KEYS"],
    )
    result = manage(
        "shell",
        "--verbosity=0",
        "-c",
        "from cryptography.fernet import Fernet; from portal import encryption as e; "
        f"old = Fernet({second!r}).encrypt(b'old').decode(); "
        f"print(e.decrypt(old), Fernet({first!r}).decrypt(e.encrypt('new').encode()).decode())",
        env={**PRODUCTION_ENV, "PORTAL_ENCRYPTION_KEYS": f"{first}, {second}"},
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["old", "new"]


def test_production_reads_its_settings_from_the_environment():
    result = manage(
        "shell",
        "--verbosity=0",
        "-c",
        "from django.conf import settings as s; "
        "print(s.DEBUG, s.ALLOWED_HOSTS, s.DATABASES['default']['ENGINE'], s.EMAIL_HOST)",
        env={**PRODUCTION_ENV, "EMAIL_HOST": "smtp.example.org"},
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "False",
        "['act.example.org']",
        "django.db.backends.sqlite3",
        "smtp.example.org",
    ]


def test_static_files_are_hashed_and_compressed_in_production(tmp_path):
    result = manage(
        "collectstatic",
        "--noinput",
        "--verbosity=0",
        env={**PRODUCTION_ENV, "STATIC_ROOT": str(tmp_path)},
    )

    assert result.returncode == 0, result.stderr
    css = sorted(path.name for path in (tmp_path / "css").glob("portal.*.css*"))
    assert any(name.endswith(".css") for name in css), css
    assert any(name.endswith(".css.gz") for name in css), css


def test_production_refuses_to_start_without_recaptcha_unless_switched_off():
    env = {key: value for key, value in PRODUCTION_ENV.items() if key != "RECAPTCHA_ENABLED"}

    refused = manage("check", env=env)
    with_keys = manage(
        "check", env={**env, "RECAPTCHA_PUBLIC_KEY": "pub", "RECAPTCHA_PRIVATE_KEY": "priv"}
    )
    switched_off = manage("check", env={**env, "RECAPTCHA_ENABLED": "false"})

    assert refused.returncode != 0
    assert "RECAPTCHA_ENABLED=false" in refused.stderr
    assert with_keys.returncode == 0, with_keys.stderr
    assert switched_off.returncode == 0, switched_off.stderr


def production_settings(*names, env):
    """The named production settings, as JSON, from a process started with `env`."""
    result = manage(
        "shell",
        "--verbosity=0",
        "-c",
        "import json; from django.conf import settings as s; "
        f"print(json.dumps({{n: getattr(s, n) for n in {list(names)!r}}}, default=str))",
        env=env,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_production_keeps_database_connections_and_shares_a_redis_cache():
    env = {
        **PRODUCTION_ENV,
        "DATABASE_URL": "postgres://portal:secret@db.internal:5432/portal",
        "REDIS_URL": "redis://cache.internal:6379/0",
        "CSRF_TRUSTED_ORIGINS": "https://act.example.org,https://www.act.example.org",
    }

    found = production_settings("DATABASES", "CACHES", "STORAGES", "CSRF_TRUSTED_ORIGINS", env=env)

    database = found["DATABASES"]["default"]
    assert database["ENGINE"] == "django.db.backends.postgresql"
    assert (database["HOST"], database["NAME"], database["USER"]) == (
        "db.internal",
        "portal",
        "portal",
    )
    assert database["CONN_MAX_AGE"] == 60
    assert database["CONN_HEALTH_CHECKS"] is True
    cache = found["CACHES"]["default"]
    assert cache["BACKEND"] == "django_redis.cache.RedisCache"
    assert cache["LOCATION"] == "redis://cache.internal:6379/0"
    assert found["STORAGES"]["staticfiles"]["BACKEND"] == (
        "whitenoise.storage.CompressedManifestStaticFilesStorage"
    )
    assert found["CSRF_TRUSTED_ORIGINS"] == [
        "https://act.example.org",
        "https://www.act.example.org",
    ]


def test_production_connection_lifetime_can_be_tuned():
    env = {**PRODUCTION_ENV, "DATABASE_URL": "postgres://p:s@db:5432/p", "DB_CONN_MAX_AGE": "0"}

    assert production_settings("DATABASES", env=env)["DATABASES"]["default"]["CONN_MAX_AGE"] == 0


@needs_redis
def test_production_cache_round_trips_through_redis():
    # Database 5 of the local Redis: ours to write to.
    env = {**PRODUCTION_ENV, "REDIS_URL": "redis://127.0.0.1:6379/5"}
    key = f"test-settings-{os.getpid()}"

    result = manage(
        "shell",
        "--verbosity=0",
        "-c",
        "from django.core.cache import cache; "
        f"cache.set({key!r}, '香港', 30); print(cache.get({key!r})); cache.delete({key!r})",
        env=env,
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "香港"


def test_hashed_static_files_are_cached_for_a_year_and_plain_names_briefly(tmp_path):
    env = {**PRODUCTION_ENV, "STATIC_ROOT": str(tmp_path), "SECURE_SSL_REDIRECT": "false"}
    assert manage("collectstatic", "--noinput", "--verbosity=0", env=env).returncode == 0
    hashed = next(path.name for path in (tmp_path / "css").glob("portal.*.css"))

    result = manage(
        "shell",
        "--verbosity=0",
        "-c",
        "from django.test import Client; c = Client(HTTP_HOST='act.example.org'); "
        f"print(c.get('/static/css/{hashed}')['Cache-Control']); "
        "print(c.get('/static/css/portal.css')['Cache-Control'])",
        env=env,
    )

    assert result.returncode == 0, result.stderr
    hashed_header, plain_header = result.stdout.strip().splitlines()
    max_age = int(hashed_header.split("max-age=")[1].split(",")[0])
    assert max_age >= 365 * 24 * 60 * 60
    assert "immutable" in hashed_header
    assert plain_header == "max-age=60, public"


def test_the_dashboard_asks_no_outside_server_for_upgrades(admin_client):
    dashboard = admin_client.get("/admin/").content.decode()

    assert 'data-controller="w-upgrade' not in dashboard
