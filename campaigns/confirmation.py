"""Double opt-in: a signature on a campaign that asks for it counts once its supporter follows a
signed, expiring link emailed to them.

The link opens the campaign page with a "Confirm my signature" button: confirming takes a POST,
so a mail scanner that opens every link cannot confirm for the supporter. Confirming twice
changes nothing. Unconfirmed signatures are deleted after CONFIRMATION_DAYS
(data_protection.delete_unconfirmed, run by the scheduler).
"""

import datetime
from urllib.parse import urlencode

from django.conf import settings
from django.core import signing
from django.utils import timezone

from promote.absolute_urls import absolute_url

SALT = "campaigns.confirmation"
PARAMETER = "confirm"


def days():
    return getattr(settings, "SIGNATURE_CONFIRMATION_DAYS", 7)


def token_for(submission):
    return signing.dumps([submission.pk, submission.campaign_key.hex], salt=SALT)


def link_for(page, submission, request=None):
    return f"{absolute_url(page, request)}?{urlencode({PARAMETER: token_for(submission)})}"


class LinkError(Exception):
    def __init__(self, reason):
        super().__init__(reason)
        self.reason = reason  # "expired" or "invalid"


def submission_for(token, page):
    """The signature a link confirms, or LinkError: expired, tampered with, or not this
    campaign's (a link from one campaign opened on another)."""
    from .models import CampaignSubmission

    try:
        pk, key = signing.loads(token or "", salt=SALT, max_age=datetime.timedelta(days=days()))
    except signing.SignatureExpired:
        raise LinkError("expired") from None
    except (signing.BadSignature, ValueError, TypeError):
        raise LinkError("invalid") from None
    if key != page.translation_key.hex:
        raise LinkError("invalid")
    submission = CampaignSubmission.objects.filter(
        pk=pk, campaign_key=page.translation_key
    ).first()
    if submission is None:  # deleted: unconfirmed for too long, or erased
        raise LinkError("expired")
    return submission


def confirm(submission):
    """Mark it confirmed, once: returns True only for the call that confirmed it."""
    from .models import CampaignSubmission

    # The scheduler's tally counts it within a minute: it looks for recent confirmations.
    updated = CampaignSubmission.objects.filter(
        pk=submission.pk, confirmed_at__isnull=True
    ).update(confirmed_at=timezone.now())
    return bool(updated)
