import pytest

from tests.peers import http_receiver  # noqa: F401 (a fixture)


@pytest.fixture
def webhook_worker(db, monkeypatch):
    """Run the webhooks worker until nothing is ready, as `make run` and production do."""
    from django.core.management import call_command

    # The worker drops stale connections between tasks; in a test, the connection holds the
    # test's transaction and must stay open.
    monkeypatch.setattr(
        "django_tasks_db.management.commands.db_worker.close_old_connections", lambda: None
    )

    def run():
        call_command(
            "db_worker",
            "--batch",
            "--backend=webhooks",
            "--queue-name=*",
            "--no-startup-delay",
            "--no-reload",
            verbosity=0,
        )

    return run


@pytest.fixture
def endpoint(db, http_receiver):  # noqa: F811
    """An endpoint at the loopback receiver, for every event."""
    from webhooks.models import EventType, WebhookEndpoint

    return WebhookEndpoint.objects.create(
        url=f"{http_receiver.url}/hook",
        description="CRM",
        events=list(EventType.values),
    )
