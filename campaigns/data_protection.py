"""Personal data of supporters: erased when a campaign's retention period ends, or on request.

Erasing keeps the signature (so counts stay right) and forgets who made it: every answer is
blanked and the normalised address dropped. Signatures never confirmed (double opt-in) are not
counted, so they are deleted outright once their link has expired.
"""

import datetime

from django.utils import timezone

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
    """Anonymise every signature made with this address (however spelled). Returns how many."""
    key = normalise_email(address)
    if key is None:
        return 0
    now = now or timezone.now()
    submissions = list(CampaignSubmission.objects.filter(supporter_key=key))
    for submission in submissions:
        submission.anonymise(now)
    return len(submissions)
