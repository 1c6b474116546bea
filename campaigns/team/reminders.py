"""Double opt-in: one reminder to each supporter who has not confirmed their address a day
(SIGNATURE_CONFIRMATION_REMINDER_HOURS) after signing. Run by the scheduler every minute
(campaigns/management/commands/run_scheduled_publishing.py), after unconfirmed signatures past
their week are deleted (campaigns.team.data_protection.delete_unconfirmed).

Never to one who has confirmed, been held for review or erased, never twice (the signature
records the reminder in the transaction that queues it, by a conditional update, so two
schedulers at once remind once), and not once the action has closed or the page is no longer
live: the link would lead nowhere to sign. In the language they signed in, with a new link.
"""

import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from campaigns.models import CampaignSubmission
from campaigns.outbox import messages
from campaigns.signing import confirmation

# At most this many a run: a backlog (the scheduler stopped for a day) goes out over minutes.
BATCH = 500


def remind_unconfirmed(now=None):
    """Queue the reminders due. Returns how many."""
    now = now or timezone.now()
    after = datetime.timedelta(hours=settings.SIGNATURE_CONFIRMATION_REMINDER_HOURS)
    due = (
        CampaignSubmission.objects.unconfirmed()
        .filter(
            confirmation_reminded_at__isnull=True,
            anonymised_at__isnull=True,
            submit_time__lte=now - after,
            submit_time__gt=now - confirmation.max_age(),
            page__live=True,
        )
        .select_related("page")
        .order_by("submit_time")[:BATCH]
    )
    reminded = 0
    for submission in due:
        page = messages.published_page(submission.page)  # the specific page, read once a run
        if not (page.require_confirmation and page.action_is_open):
            continue
        address = messages.stored_address(page, submission.form_data)
        if address is None:
            continue
        with transaction.atomic():
            marked = CampaignSubmission.objects.filter(
                pk=submission.pk,
                confirmed_at__isnull=True,
                confirmation_reminded_at__isnull=True,
                anonymised_at__isnull=True,
            ).update(confirmation_reminded_at=now)
            if marked:
                confirmation.queue_reminder(page, submission, address, now)
                reminded += 1
    return reminded
