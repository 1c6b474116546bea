"""Sending an update to a campaign's supporters, at a set rate (REPORT_BACK_EMAILS_PER_MINUTE).

The scheduler calls `send_due` every minute (reportbacks.receivers). An update due (scheduled,
its time come) starts: its recipients are recorded, one Recipient per person (supporter_key)
with a reachable opt-in for the campaign (OptIn.objects.reachable(), scope "campaign"), the
latest opt-in's language if they signed in several. Then each run queues, across every update
being sent, at most the rate's worth of emails less those queued in the minute before, in
batches, each batch queued in the outbox in the same transaction as its rows are marked
queued: a sender run twice, or two at once (rows claimed with skip_locked where the database
has it), queues each person once. An update with no one left to queue is sent.
"""

import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from campaigns.models import OptIn, Scope

from .models import Recipient, ReportBack, Status
from .tasks import queue_batch

BATCH = 50  # emails per outbox task: a retry resends only the failed ones (HandedOver)
INSERT_BATCH = 500


def schedule(report_back, when):
    report_back.set_state(status=Status.SCHEDULED, send_at=when)


def unschedule(report_back):
    report_back.set_state(status=Status.DRAFT, send_at=None)


def recipients_of(campaign_key):
    """(supporter_key, opt_in_id, language) per person reachable about this campaign."""
    rows = (
        OptIn.objects.reachable()
        .filter(scope=Scope.CAMPAIGN, campaign_key=campaign_key)
        .order_by("signature__supporter_key", "-ticked_at", "-pk")
        .values_list("signature__supporter_key", "pk", "signature__language")
    )
    last = None
    for supporter_key, opt_in_id, language in rows.iterator(chunk_size=2000):
        if supporter_key != last:
            last = supporter_key
            yield supporter_key, opt_in_id, language


def start(report_back, now):
    """Record who is written to, and mark the update as sending (once: a row per person)."""
    with transaction.atomic():
        locked = ReportBack.objects.select_for_update().filter(
            pk=report_back.pk, status=Status.SCHEDULED
        )
        if not locked.exists():
            return
        rows = [
            Recipient(
                report_back_key=report_back.translation_key,
                supporter_key=key,
                opt_in_id=opt_in_id,
                language=language,
            )
            for key, opt_in_id, language in recipients_of(report_back.campaign_key)
        ]
        Recipient.objects.bulk_create(rows, ignore_conflicts=True, batch_size=INSERT_BATCH)
        count = Recipient.objects.filter(report_back_key=report_back.translation_key).count()
        report_back.set_state(
            status=Status.SENDING,
            started_at=now,
            recipients_count=count,
            sent_words=report_back.words_in_every_language(),
        )


def budget(now):
    """How many emails may be queued now: the rate less those queued in the last minute."""
    rate = settings.REPORT_BACK_EMAILS_PER_MINUTE
    recent = Recipient.objects.filter(
        queued_at__gt=now - datetime.timedelta(minutes=1), queued_at__lte=now
    ).count()
    return max(rate - recent, 0)


def queue_some(report_back, limit, now):
    """Queue up to `limit` of this update's emails; returns how many."""
    with transaction.atomic():
        batch = list(
            Recipient.objects.filter(
                report_back_key=report_back.translation_key,
                queued_at__isnull=True,
                skipped_at__isnull=True,
            )
            .order_by("pk")
            .select_for_update(skip_locked=True)
            .values_list("pk", flat=True)[:limit]
        )
        for start_at in range(0, len(batch), BATCH):
            queue_batch(report_back.translation_key, batch[start_at : start_at + BATCH])
        Recipient.objects.filter(pk__in=batch).update(queued_at=now)
    return len(batch)


def finish_if_done(report_back, now):
    waiting = Recipient.objects.filter(
        report_back_key=report_back.translation_key,
        queued_at__isnull=True,
        skipped_at__isnull=True,
    ).exists()
    if not waiting:
        report_back.set_state(status=Status.SENT, finished_at=now)


def sources(queryset):
    """One row per update (its translations share their state): the first written."""
    seen, found = set(), []
    for report_back in queryset.order_by("send_at", "pk"):
        if report_back.translation_key not in seen:
            seen.add(report_back.translation_key)
            found.append(report_back)
    return found


def send_due(now=None):
    """Start the updates that are due and queue what the rate allows. Returns how many
    emails were queued."""
    now = now or timezone.now()
    for report_back in sources(
        ReportBack.objects.filter(status=Status.SCHEDULED, send_at__lte=now)
    ):
        start(report_back, now)
    left, queued = budget(now), 0
    for report_back in sources(ReportBack.objects.filter(status=Status.SENDING)):
        if left > 0:
            done = queue_some(report_back, left, now)
            left, queued = left - done, queued + done
        finish_if_done(report_back, now)
    return queued
