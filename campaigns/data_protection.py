"""Personal data of supporters: erased when a campaign's retention period ends, or on request.

Erasing keeps the signature (so counts stay right) and forgets who made it: every answer is
blanked and the normalised address dropped. Signatures never confirmed (double opt-in) are not
counted, so they are deleted outright once their link has expired.

The mail outbox holds a copy of what each email said (a supporter's answers, their address), so
sent emails are deleted too, SENT_EMAIL_DAYS after sending; failed ones are kept as long, from
their last attempt, for someone to look at.
"""

import datetime
import json

from django.conf import settings
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from .models import CampaignPage, CampaignSubmission
from .supporters import normalise_email


def delete_unconfirmed(now=None):
    """Delete signatures whose confirmation link has expired. Returns how many."""
    from .confirmation import days

    now = now or timezone.now()
    expired = CampaignSubmission.objects.unconfirmed().filter(
        submit_time__lt=now - datetime.timedelta(days=days())
    )
    deleted, _by_model = expired.delete()
    return deleted


def forget_sent_emails(now=None):
    """Delete the outbox's finished emails (sent, or failed for good) once SENT_EMAIL_DAYS have
    passed since. Returns how many."""
    now = now or timezone.now()
    finished = DBTaskResult.objects.filter(
        backend_name="outbox",
        status__in=[TaskResultStatus.SUCCESSFUL, TaskResultStatus.FAILED],
        finished_at__lt=now - datetime.timedelta(days=settings.SENT_EMAIL_DAYS),
    )
    deleted, _by_model = finished.delete()
    return deleted


def anonymise_expired(now=None):
    """Anonymise signatures older than their campaign's retention period. Returns how many."""
    now = now or timezone.now()
    done = 0
    periods = (
        CampaignPage.objects.filter(retention_days__isnull=False)
        .values_list("translation_key", "retention_days")
        .distinct()
    )
    for campaign_key, days in periods:
        due = CampaignSubmission.objects.filter(
            campaign_key=campaign_key,
            anonymised_at__isnull=True,
            submit_time__lt=now - datetime.timedelta(days=days),
        )
        for submission in due.iterator():
            submission.anonymise(now)
            done += 1
    return done


def erase_supporter(address, now=None):
    """Anonymise every signature made with this address (however spelled), and delete the
    outbox's emails to or about them, sent or not. Returns how many signatures."""
    key = normalise_email(address)
    if key is None:
        return 0
    now = now or timezone.now()
    submissions = list(CampaignSubmission.objects.filter(supporter_key=key))
    # The address as they typed it on each signature: what the emails carry.
    spellings = {address.strip().lower()} | {
        value.strip().lower()
        for submission in submissions
        for value in submission.form_data.values()
        if isinstance(value, str) and normalise_email(value) == key
    }
    for submission in submissions:
        submission.anonymise(now)
    forget_emails_mentioning(spellings)
    return len(submissions)


def forget_emails_mentioning(spellings):
    """Delete the outbox tasks whose emails' recipients, subjects or texts contain one of these
    strings (lower case). A task holds the emails of one signature or one delivery, all of
    them about its supporters. The outbox is kept short by forget_sent_emails, so reading it is
    cheap."""
    emails = DBTaskResult.objects.filter(backend_name="outbox").values_list("pk", "args_kwargs")
    mentioning = []
    for pk, args_kwargs in emails.iterator(chunk_size=2000):
        text = json.dumps(args_kwargs, ensure_ascii=False).lower()
        if any(spelling in text for spelling in spellings):
            mentioning.append(pk)
    DBTaskResult.objects.filter(pk__in=mentioning).delete()
