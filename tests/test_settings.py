"""Production settings come from the environment; static files are hashed and compressed."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parent.parent
PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "portal.settings.production",
    "SECRET_KEY": "a-long-random-value-for-the-test-only-0123456789abcdefghijklmnop",
    "ALLOWED_HOSTS": "act.example.org",
    "DATABASE_URL": "sqlite:///:memory:",
    "RECAPTCHA_ENABLED": "false",
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
