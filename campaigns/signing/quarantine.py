"""Signatures held for review: what looks suspicious is stored quietly, not refused.

The UK Parliament's petitions site learnt that refusing suspicious signatures tells the bot what
to change and locks out real people caught in a flood. A held signature is stored with its
reasons; it is not counted, emailed or delivered, and its supporter sees the usual thanks.
The team reviews held signatures in the admin (campaigns.team.quarantine): approving releases
them into the ordinary way of a signature, once; rejecting deletes them.

Why a signature is held:
- its form token (campaigns.signing.tokens) was reused, missing, forged, for another campaign,
  the page's shared one (a reader without JavaScript on a cached page), too fast or expired;
- its client, its network or its campaign is over a rate (campaigns.signing.ratelimits);
- its email address is at a disposable domain (the `disposable-email-domains` list);
- the form's honeypot was filled in.
"""

from disposable_email_domains import blocklist as DISPOSABLE_DOMAINS
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from campaigns import events
from campaigns.models.signatures import CampaignSubmission
from campaigns.outbox import messages

from . import bots, confirmation, ratelimits, store, tokens
from .guards import OverLimit

REASONS = {
    "token_reused": _("Form token used before"),
    "token_missing": _("No valid form token"),
    "token_other_campaign": _("Form token of another campaign"),
    "token_shared": _("Shared form token (no JavaScript, cached page)"),
    "token_too_fast": _("Sent too soon after the form was shown"),
    "token_expired": _("Form token expired"),
    "rate_client": _("Many signatures from one connection"),
    "rate_network": _("Burst from one network"),
    "rate_campaign": _("Surge of signatures to the campaign"),
    "disposable_domain": _("Disposable email address"),
    "honeypot": _("Hidden field filled in"),
}


class Assessment:
    """Why a valid signature is to be held (`reasons`, empty for none), with what the review
    needs to group it: its client's network (a keyed hash) and its email domain."""

    def __init__(self, reasons, network=None, domain=None, token=None):
        self.reasons = reasons
        self.network = network
        self.domain = domain
        self.token = token  # the form token's nonce, stored so that it signs once

    @property
    def held(self):
        return bool(self.reasons)


def assess(page, form, request):
    """For a valid signature, before it is stored: why to hold it. Raises OverLimit for a
    client flooding the campaign. Counts the signature in its rate windows."""
    checked = tokens.check(form.cleaned_data.get(tokens.FIELD), page.translation_key)
    rates = ratelimits.count(request, page)
    if rates.refuse:
        raise OverLimit
    address = store.supporter_address(form)
    reasons = [*checked.problems, *rates.hold]
    if is_disposable(address):
        reasons.append("disposable_domain")
    if form.cleaned_data.get(bots.HONEYPOT):
        reasons.append("honeypot")
    return Assessment(reasons, rates.network, email_domain(address), checked.nonce)


def email_domain(address):
    return address.rpartition("@")[2].lower() if address and "@" in address else None


def is_disposable(address):
    domain = email_domain(address)
    if domain is None:
        return False
    # A subdomain of a listed domain is as disposable as the domain.
    parts = domain.split(".")
    return any(".".join(parts[i:]) in DISPOSABLE_DOMAINS for i in range(len(parts) - 1))


def held():
    return CampaignSubmission.objects.quarantined()


def release(submissions):
    """Approve held signatures: each one, once, goes the way an unsuspicious one goes (counted,
    or asked to confirm its address; then emailed and delivered). Returns how many."""
    released = 0
    for submission in submissions.select_related("page"):
        page = submission.page.specific if submission.page else None
        if page is None:
            continue
        with transaction.atomic():
            address = messages.stored_address(page, submission.form_data)
            asks_confirmation = page.require_confirmation and address is not None
            # Conditional, so two reviewers approving at once release it only once.
            updated = CampaignSubmission.objects.filter(
                pk=submission.pk, quarantined_at__isnull=False
            ).update(
                quarantined_at=None,
                quarantine_reasons=[],
                network=None,
                email_domain=None,
                confirmed_at=None if asks_confirmation else timezone.now(),
            )
            if not updated:
                continue
            submission.refresh_from_db()
            events.signature_released.send(CampaignSubmission, submission=submission)
            if asks_confirmation:
                confirmation.queue_link(page, submission, address, None)
            else:
                store.queue_emails(page, submission, address, None)
        released += 1
    return released


def reject(submissions):
    """Delete held signatures (only held ones, whatever the query says). Returns how many."""
    deleted, _by_model = submissions.filter(quarantined_at__isnull=False).delete()
    return deleted
