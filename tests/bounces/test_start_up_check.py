"""`manage.py check` says when no email service can report bounces."""

from tests.test_settings import PRODUCTION_ENV, manage


def test_a_production_without_the_webhook_secret_is_told_so():
    env = {key: value for key, value in PRODUCTION_ENV.items() if key != "ANYMAIL_WEBHOOK_SECRET"}
    without = manage("check", env=env)
    with_it = manage("check", env=PRODUCTION_ENV)
    assert without.returncode == 0 and with_it.returncode == 0
    assert "bounces.I001" in without.stdout + without.stderr
    assert "bounces.I001" not in with_it.stdout + with_it.stderr
