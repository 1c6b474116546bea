"""Emails whose worker died while sending them.

django-tasks-db marks a task RUNNING when a worker takes it, and nothing takes it again if that
worker is killed: the email would never be sent. A task RUNNING for longer than
OUTBOX_LEASE_SECONDS (far longer than an attempt takes: a few messages, each with EMAIL_TIMEOUT)
is made ready again, for the next worker, which sends only the emails the dead worker had not
handed over (campaigns.outbox.tasks.handed_over records each on the task as the server takes
it). They keep their Message-ID, so if the dead worker was killed in the instant between the
server taking one and recording it, the receiving server can tell the second copy for what it
is. The scheduler does this every minute.
"""

import datetime

from django.conf import settings
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from .retention import BACKEND


def reclaim_abandoned(now=None):
    """Make the outbox's abandoned tasks ready again. Returns how many."""
    now = now or timezone.now()
    cutoff = now - datetime.timedelta(seconds=settings.OUTBOX_LEASE_SECONDS)
    return DBTaskResult.objects.filter(
        backend_name=BACKEND, status=TaskResultStatus.RUNNING, started_at__lt=cutoff
    ).update(status=TaskResultStatus.READY, started_at=None)
