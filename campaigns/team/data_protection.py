"""Personal data of supporters: erased when a campaign's retention period ends, or on request.

Erasing keeps the signature (so counts stay right) and forgets who made it: every answer is
blanked and the normalised address dropped. Signatures never confirmed (double opt-in) are not
counted, so they are deleted outright once their link has expired.

Erasing a supporter also deletes the outbox's emails to or about them (campaigns.outbox.retention),
and takes their letter out of any email to the target not yet sent (campaigns.team.delivery).
"""

import datetime

from django.core.cache import cache
from django.db.models import Prefetch
from django.utils import timezone

from campaigns.models import CampaignPage, CampaignSubmission, DeletedCampaign
from campaigns.models.opt_ins import OptIn, Suppression
from campaigns.models.retention import RetentionStart
from campaigns.outbox import messages, tasks
from campaigns.outbox.retention import delete_emails_mentioning
from campaigns.signing.confirmation import max_age
from campaigns.signing.supporters import normalise_email, supporter_key

from .delivery import withdraw_letters


def delete_unconfirmed(now=None):
    """Delete signatures whose confirmation link has expired. Returns how many."""
    now = now or timezone.now()
    expired = CampaignSubmission.objects.unconfirmed().filter(submit_time__lt=now - max_age())
    deleted, _by_model = expired.delete()
    return deleted


def anonymise_expired(now=None):
    """Anonymise the signatures whose campaign's retention period has ended (counted from its
    closing, or from each signature: campaigns.models.retention). Returns how many."""
    now = now or timezone.now()
    done = 0
    campaigns = CampaignPage.objects.filter(retention_days__isnull=False).one_per_campaign()
    # A deleted campaign's signatures are kept for its retention period, then erased too.
    campaigns += DeletedCampaign.objects.filter(retention_days__isnull=False).exclude(
        campaign_key__in=CampaignPage.objects.values("translation_key")
    )
    for page in campaigns:
        cutoff = page.retention_cutoff(now)
        if cutoff is None:
            continue
        due = CampaignSubmission.objects.filter(
            campaign_key=page.translation_key, anonymised_at__isnull=True, submit_time__lt=cutoff
        )
        erased = []
        for submission in due.iterator():
            submission.anonymise(now)
            erased.append(submission)
        withdraw_letters(erased)
        done += len(erased)
    return done


WARNING = datetime.timedelta(days=7)


def warn_before_erasure(now=None):
    """Email the team of each campaign whose supporters' details are erased within a week
    (retention counted from the closing): the delivery pack must be handed over before. Once
    per campaign and erasure date. Returns how many teams were told."""
    now = now or timezone.now()
    told = 0
    closing_soon = CampaignPage.objects.filter(
        retention_days__isnull=False,
        retention_from=RetentionStart.CLOSING,
        action_closes_at__isnull=False,
    ).exclude(to_address="")
    for page in closing_soon.one_per_campaign():
        due = page.erasure_due_at
        if not now < due <= now + WARNING:
            continue
        waiting = CampaignSubmission.objects.counted().filter(
            campaign_key=page.translation_key, anonymised_at__isnull=True
        )
        count = waiting.count()
        if not count:
            continue
        key = f"erasure-warning:{page.translation_key}:{due:%Y%m%d%H%M}"
        if not cache.add(key, now.isoformat(), timeout=int(WARNING.total_seconds()) * 2):
            continue
        tasks.queue(messages.erasure_warning(page, count, due), key.replace(":", "-"))
        told += 1
    return told


def signatures_of(address):
    """Every signature made with this address (however spelled), in every campaign: stored
    under a keyed hash of the normalised address, never the address itself."""
    key = supporter_key(address)
    if key is None:
        return CampaignSubmission.objects.none()
    return CampaignSubmission.objects.filter(supporter_key=key)


def subject_access(address):
    """All the portal holds about one address, as the person who asked may read it (PDPO data
    access request, GDPR article 15): each signature's campaign, language, times, answers,
    consent, the opt-ins to hear more (the words agreed to, and whether and how they ended),
    where they came from, whether it is held or was delivered to the target; and whether the
    address is suppressed (never written to again), and since when."""
    signatures = (
        signatures_of(address)
        .select_related("page")
        .prefetch_related(Prefetch("opt_ins", OptIn.objects.select_related("wording")))
        .order_by("submit_time", "pk")
    )
    titles = deleted_titles(signatures)
    key = supporter_key(address)
    suppression = Suppression.objects.filter(supporter_key=key).first() if key else None
    return {
        "address": address,
        "suppressed": (
            {"reason": suppression.reason, "since": iso(suppression.created_at)}
            if suppression
            else None
        ),
        "signatures": [
            {
                "campaign": (
                    submission.page.title
                    if submission.page
                    else titles.get(submission.campaign_key)
                ),
                "campaign_id": str(submission.campaign_key),
                "language": submission.language,
                "signed_at": submission.submit_time.isoformat(),
                "confirmed_at": iso(submission.confirmed_at),
                "held_for_review_since": iso(submission.quarantined_at),
                "delivered_to_the_target_at": iso(submission.delivered_at),
                "details_erased_at": iso(submission.anonymised_at),
                "answers": submission.form_data,
                "consent": submission.consent,
                "partner_consent": submission.partner_consent,
                "opt_ins": [
                    {
                        "scope": opt_in.scope,
                        "words": opt_in.wording.text,
                        "language": opt_in.wording.language,
                        "version": opt_in.wording.version,
                        "ticked_at": iso(opt_in.ticked_at),
                        "given_at": iso(opt_in.given_at),
                        "withdrawn_at": iso(opt_in.withdrawn_at),
                        "withdrawn_by": opt_in.withdrawn_how or None,
                    }
                    for opt_in in submission.opt_ins.all()
                ],
                "source": submission.source,
            }
            for submission in signatures
        ],
    }


def deleted_titles(signatures):
    """{campaign key: title} of the deleted campaigns among these signatures'."""
    keys = {submission.campaign_key for submission in signatures if submission.page is None}
    if not keys:
        return {}
    kept = DeletedCampaign.objects.filter(campaign_key__in=keys)
    return dict(kept.values_list("campaign_key", "title"))


def iso(moment):
    return moment.isoformat() if moment else None


def erase_supporter(address, now=None):
    """Anonymise every signature made with this address (however spelled), and delete the
    outbox's emails to or about them, sent or not. Returns how many signatures."""
    normalised = normalise_email(address)
    if normalised is None:
        return 0
    now = now or timezone.now()
    submissions = list(signatures_of(address))
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
    # Letters to the target carry a name and a message, not the address: found by delivery.
    withdraw_letters(submissions)
    return len(submissions)
