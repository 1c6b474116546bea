"""Personal data of supporters: erased when a campaign's retention period ends, or on request.

Erasing keeps the signature (so counts stay right) and forgets who made it: every answer is
blanked and the normalised address dropped. Signatures never confirmed (double opt-in) are not
counted, so they are deleted outright once their link has expired.

Erasing a supporter also deletes the outbox's emails to or about them (campaigns.outbox.retention).
"""

import datetime

from django.utils import timezone

from campaigns.models import CampaignPage, CampaignSubmission
from campaigns.outbox.retention import delete_emails_mentioning
from campaigns.signing.confirmation import max_age
from campaigns.signing.supporters import normalise_email, supporter_key


def delete_unconfirmed(now=None):
    """Delete signatures whose confirmation link has expired. Returns how many."""
    now = now or timezone.now()
    expired = CampaignSubmission.objects.unconfirmed().filter(submit_time__lt=now - max_age())
    deleted, _by_model = expired.delete()
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
    normalised = normalise_email(address)
    if normalised is None:
        return 0
    now = now or timezone.now()
    # Stored as a keyed hash of the normalised address, never the address itself.
    submissions = list(CampaignSubmission.objects.filter(supporter_key=supporter_key(address)))
    # The address as they typed it on each signature: what the emails carry.
    spellings = {address.strip().lower()} | {
        value.strip().lower()
        for submission in submissions
        for value in submission.form_data.values()
        if isinstance(value, str) and normalise_email(value) == normalised
    }
    for submission in submissions:
        submission.anonymise(now)
    delete_emails_mentioning(spellings)
    return len(submissions)
