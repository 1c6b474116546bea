"""What the scheduler does for webhooks: prune the log, drop rotated secrets, take up the
attempts of a worker that died."""

import datetime
import io

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from webhooks.models import EventType, Status, WebhookDelivery
from webhooks.retention import delete_old_deliveries, reclaim_abandoned

pytestmark = pytest.mark.django_db


def delivery(endpoint, **fields):
    return WebhookDelivery.objects.create(
        endpoint=endpoint, event_type=EventType.SIGNATURE_ERASED, signature_id=1, **fields
    )


def test_delivered_rows_go_after_the_retention_period_failed_and_pending_stay(endpoint, settings):
    settings.WEBHOOKS_LOG_DAYS = 30
    now = timezone.now()
    old = delivery(endpoint, status=Status.DELIVERED, delivered_at=now - datetime.timedelta(31))
    recent = delivery(endpoint, status=Status.DELIVERED, delivered_at=now - datetime.timedelta(29))
    failed = delivery(endpoint, status=Status.FAILED)
    pending = delivery(endpoint)
    assert delete_old_deliveries(now) == 1
    assert set(WebhookDelivery.objects.values_list("pk", flat=True)) == {
        recent.pk,
        failed.pk,
        pending.pk,
    }
    assert not WebhookDelivery.objects.filter(pk=old.pk).exists()


def test_a_message_whose_worker_died_is_sent_by_the_next(
    client, campaign, valid_post, endpoint, http_receiver, webhook_worker
):
    client.post(campaign.url, valid_post)
    # As a worker killed mid-attempt leaves it: taken, never finished.
    DBTaskResult.objects.filter(backend_name="webhooks").update(
        status=TaskResultStatus.RUNNING, started_at=timezone.now()
    )
    webhook_worker()
    assert http_receiver.requests == []
    assert reclaim_abandoned() == 0  # not yet: it may still be running

    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=3)):
        call_command("run_scheduled_publishing", stdout=io.StringIO())
        webhook_worker()
    assert len(http_receiver.requests) == 1
    assert WebhookDelivery.objects.get().status == Status.DELIVERED


def test_a_redirect_is_not_followed(
    client, campaign, valid_post, endpoint, http_receiver, webhook_worker
):
    http_receiver.answers = [302]
    client.post(campaign.url, valid_post)
    webhook_worker()
    assert len(http_receiver.requests) == 1
    sent = WebhookDelivery.objects.get()
    assert (sent.status, sent.last_status_code) == (Status.PENDING, 302)
