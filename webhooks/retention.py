"""What the scheduler does for webhooks every minute: make ready again the attempts whose worker
died, forget the secrets whose day of overlap is over, and delete the log of messages delivered
more than WEBHOOKS_LOG_DAYS ago (with the worker's own task rows, as the outbox prunes its
own: campaigns.outbox.retention). Failed deliveries stay, for someone to look at and send
again; they hold ids only."""

import datetime

from django.conf import settings
from django.core.management import call_command
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from .models import Status, WebhookDelivery, WebhookEndpoint
from .sending import BACKEND

# An attempt takes WEBHOOKS_TIMEOUT seconds at most: a task running for far longer lost its
# worker (django-tasks-db never takes a RUNNING task again by itself).
LEASE = datetime.timedelta(minutes=2)


def reclaim_abandoned(now=None):
    now = now or timezone.now()
    return DBTaskResult.objects.filter(
        backend_name=BACKEND, status=TaskResultStatus.RUNNING, started_at__lt=now - LEASE
    ).update(status=TaskResultStatus.READY, started_at=None)


def drop_rotated_secrets(now=None):
    now = now or timezone.now()
    return WebhookEndpoint.objects.filter(previous_secret_until__lte=now).update(
        previous_secret=None, previous_secret_until=None
    )


def delete_old_deliveries(now=None):
    now = now or timezone.now()
    cutoff = now - datetime.timedelta(days=settings.WEBHOOKS_LOG_DAYS)
    deleted, _by_model = WebhookDelivery.objects.filter(
        status=Status.DELIVERED, delivered_at__lt=cutoff
    ).delete()
    call_command(
        "prune_db_task_results",
        f"--backend={BACKEND}",
        "--queue-name=*",
        f"--min-age-days={settings.WEBHOOKS_LOG_DAYS}",
        verbosity=0,
    )
    return deleted


def clean_up(now=None):
    """All three; returns how many tasks were taken up again."""
    reclaimed = reclaim_abandoned(now)
    drop_rotated_secrets(now)
    delete_old_deliveries(now)
    return reclaimed
