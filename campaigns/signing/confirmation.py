"""Double opt-in: a signature on a campaign that asks for it counts once its supporter follows a
signed, expiring link emailed to them.

The link opens the campaign page with a "Confirm my signature" button: confirming takes a POST,
so a mail scanner that opens every link cannot confirm for the supporter. Confirming twice
changes nothing. Confirming sends what signing without confirmation sends at once: the team's
notification and the supporter's thank-you (with the share links). Unconfirmed signatures are
deleted after SIGNATURE_CONFIRMATION_DAYS (campaigns.team.data_protection.delete_unconfirmed, run
by the scheduler).

A signature whose supporter ticked boxes to hear more (campaigns.signing.opt_ins) is confirmed
with one of two buttons of the same form: "Confirm and keep me updated" gives those opt-ins,
"Confirm only" withdraws them (Withdrawal.CONFIRM_ONLY). Any other value, or none (a page shown
before the buttons existed, a tampered post), confirms only: consent is never assumed.
"""

import datetime
from urllib.parse import urlencode

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.template.response import TemplateResponse
from django.utils import timezone

from campaigns import events
from campaigns.models.counts import SignatureTally
from campaigns.models.opt_ins import OptIn, Withdrawal, is_suppressed
from campaigns.models.signatures import CampaignSubmission
from campaigns.outbox import messages, tasks
from promote.absolute_urls import absolute_url

# Unchanged since the first links were emailed: links in supporters' inboxes must keep working.
SALT = "campaigns.confirmation"
PARAMETER = "confirm"
# The confirmation button's name, and what keeps the opt-ins.
CHOICE = "opt_ins"
KEEP = "keep"
CONFIRM_ONLY = "only"


def max_age():
    return datetime.timedelta(days=settings.SIGNATURE_CONFIRMATION_DAYS)


def token_for(submission):
    return signing.dumps([submission.pk, submission.campaign_key.hex], salt=SALT)


def link_for(page, submission, request=None):
    return f"{absolute_url(page, request)}?{urlencode({PARAMETER: token_for(submission)})}"


def queue_link(page, submission, address, request):
    """Email the supporter the link that makes their signature count; not to an address that
    bounced, complained or unsubscribed (the worker would drop it: campaigns.outbox.tasks)."""
    if is_suppressed(submission.supporter_key):
        return
    link = link_for(page, submission, request)
    message = messages.supporter_confirmation(
        page, address, link, supporter_key=submission.supporter_key
    )
    tasks.queue(message, f"signature-{submission.pk}-confirm")


def queue_reminder(page, submission, address, now):
    """The one reminder (campaigns.team.reminders): a new link, which works for as long as the
    signature is kept (it is deleted SIGNATURE_CONFIRMATION_DAYS after signing); none to a
    suppressed address, as for the link."""
    if is_suppressed(submission.supporter_key):
        return
    left = submission.submit_time + max_age() - now
    message = messages.supporter_confirmation(
        page,
        address,
        link_for(page, submission),
        supporter_key=submission.supporter_key,
        days=max(left.days, 1),
        reminder=True,
    )
    tasks.queue(message, f"signature-{submission.pk}-reminder")


class LinkError(Exception):
    def __init__(self, reason):
        super().__init__(reason)
        self.reason = reason  # "expired" or "invalid"


def submission_for(token, page):
    """The signature a link confirms, or LinkError: expired, tampered with, or not this
    campaign's (a link from one campaign opened on another)."""
    try:
        pk, key = signing.loads(token or "", salt=SALT, max_age=max_age())
    except signing.SignatureExpired:
        raise LinkError("expired") from None
    except (signing.BadSignature, ValueError, TypeError):
        raise LinkError("invalid") from None
    if key != page.translation_key.hex:
        raise LinkError("invalid")
    submission = CampaignSubmission.objects.filter(
        pk=pk, campaign_key=page.translation_key
    ).first()
    # Deleted (unconfirmed for too long), or erased: an erased signature holds no one's details,
    # and must never be counted again through a link still in an inbox.
    if submission is None or submission.anonymised_at is not None:
        raise LinkError("expired")
    return submission


def confirm(submission):
    """Mark it confirmed, once: returns True only for the call that confirmed it."""
    # The scheduler's tally counts it within a minute: it looks for recent confirmations.
    # A held signature is sent no link; one that is never counts before a reviewer releases it.
    updated = CampaignSubmission.objects.filter(
        pk=submission.pk,
        confirmed_at__isnull=True,
        quarantined_at__isnull=True,
        anonymised_at__isnull=True,
    ).update(confirmed_at=timezone.now())
    if updated:
        submission.refresh_from_db(fields=["confirmed_at"])
        events.signature_confirmed.send(CampaignSubmission, submission=submission)
    return bool(updated)


def queue_emails(page, submission, request):
    """What a signature without confirmation sends at once, sent now that it counts: the team's
    notification and the supporter's thank-you, as the campaign asks for them (written by the
    worker from the stored signature, in the language it was made in). Called in the
    transaction of `confirm`, and only when it confirmed: a link followed twice, or two
    confirmations at once, queue them once."""
    kinds = []
    if page.to_address:
        kinds.append("team")
    if page.send_thank_you_email:
        kinds.append("thanks")  # written only if the signature holds an address
    if kinds:
        tasks.queue_for_signature(submission, kinds, absolute_url(page, request))


def waiting_opt_ins(submission):
    """The opt-ins ticked with the signature, not yet consent and not withdrawn."""
    return OptIn.objects.filter(signature=submission, given_at__isnull=True).active()


def settle_opt_ins(submission, choice):
    """Give the ticked opt-ins if the supporter chose to keep them; else withdraw them."""
    waiting = waiting_opt_ins(submission)
    if choice == KEEP:
        waiting.give(submission.confirmed_at)
    else:
        waiting.withdraw(Withdrawal.CONFIRM_ONLY)


def is_confirmation(request):
    """Whether a request is about a confirmation link rather than a signature. The button's form
    carries the token in its address; pages shown before it did carry it in the body, which is
    read only once the guards have bounded its size (campaigns.signing.guards)."""
    return PARAMETER in request.GET or (request.method == "POST" and PARAMETER in request.POST)


def serve(page, request):
    """The page a confirmation link opens: a button to confirm (a POST), then thanks; or why the
    link does not work."""
    token = request.GET.get(PARAMETER) or request.POST.get(PARAMETER)
    status, uncounted, opt_in_words = 200, 0, []
    try:
        submission = submission_for(token, page)
    except LinkError as error:
        state, status = error.reason, 410 if error.reason == "expired" else 400
    else:
        state = "confirmed" if submission.confirmed_at else "ready"
        if request.method == "POST" and state == "ready":
            with transaction.atomic():
                if confirm(submission):
                    settle_opt_ins(submission, request.POST.get(CHOICE))
                    queue_emails(page, submission, request)
            state = "confirmed"
        elif state == "ready":
            words = waiting_opt_ins(submission).select_related("wording").order_by("pk")
            opt_in_words = [opt_in.wording.text for opt_in in words]
        if state == "confirmed":
            uncounted = own_signature_uncounted(page, submission)
    context = {
        **page.get_context(request),
        "state": state,
        "token": token,
        "own_uncounted": uncounted,
        # The words of the boxes they ticked, for the two buttons (empty: the one button).
        "opt_in_words": opt_in_words,
        "choice": {"name": CHOICE, "keep": KEEP, "only": CONFIRM_ONLY},
    }
    return TemplateResponse(request, "campaigns/confirm.html", context, status=status)


def own_signature_uncounted(page, submission):
    """1 if the count the page shows lacks this confirmed signature, else 0: the supporter who
    has just confirmed sees their own signature counted at once, as after signing without
    confirmation (campaign_page_landing.html), though the tally counts it only within a minute.

    The count and whether it holds theirs come from one read of the tally: the page's count is
    set from it (campaigns.models.action.signature_count is otherwise kept a few seconds per
    process). A tally recounted after the confirmation has counted it. One that `confirm` left
    unconfirmed (held for review) is never counted before a reviewer releases it, and looks the
    same as one that was: nothing tells who holds the link that it was held."""
    tally = SignatureTally.objects.filter(campaign_key=page.translation_key).first()
    page.signature_count = tally.total if tally else 0
    submission.refresh_from_db(fields=["confirmed_at"])  # `confirm` may have just set it
    confirmed_at = submission.confirmed_at
    counted = tally is not None and confirmed_at is not None and tally.updated_at > confirmed_at
    return 0 if counted else 1
