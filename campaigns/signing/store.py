"""A signature stored and its emails queued, together or not at all.

The emails go into the outbox (campaigns.outbox) in the same transaction as the signature, so a
mail outage neither loses nor blocks a signature, and a signature that is rolled back sends
nothing. A repeat signature (the same person, in any language) changes nothing, and the supporter
sees the same thank-you page either way, so nobody can probe who has signed. A signature held
for review (campaigns.signing.quarantine) is stored, and nothing is queued for it. The boxes the
supporter ticked to hear more are stored with it (campaigns.signing.opt_ins): consent at once
if it counts at once, else once it does.
"""

import django.forms
from django.db import IntegrityError, transaction
from django.utils import timezone

from campaigns import events
from campaigns.models.signatures import CampaignSubmission
from campaigns.outbox import tasks
from promote.absolute_urls import absolute_url

from . import confirmation, opt_ins, sources
from .supporters import supporter_key


def store(page, form, request, assessment):
    """The new signature, or None for a repeat. A signature to be held (`assessment`, from
    campaigns.signing.quarantine) is stored held: nothing is queued for it."""
    address = supporter_address(form)
    try:
        return create(page, form, request, assessment, address)
    except IntegrityError:
        earlier = signature_of(page, address)
        if earlier is not None:
            waiting = earlier.confirmed_at is None and earlier.quarantined_at is None
            if page.require_confirmation and waiting and not assessment.held:
                # They lost the first email, or it expired unread: the same link again.
                confirmation.queue_link(page, earlier, address, request)
            return None
        if not token_used(assessment.token):
            raise
    # Its token signed before: a replay, held for review (and the token is not stored twice).
    assessment.reasons.append("token_reused")
    assessment.token = None
    try:
        return create(page, form, request, assessment, address)
    except IntegrityError:  # the same person at once, by another way: a repeat after all
        if signature_of(page, address) is None:
            raise
        return None


def create(page, form, request, assessment, address):
    held = assessment.held
    asks_confirmation = page.require_confirmation and address is not None
    now = timezone.now()
    with transaction.atomic():
        submission = CampaignSubmission.objects.create(
            form_data=form.signature_data,
            page=page,
            supporter_key=supporter_key(address),
            consent=form.consent_given,
            partner_consent=getattr(form, "partner_consent_given", None),
            confirmed_at=None if asks_confirmation or held else now,
            source=sources.sources_from(request),
            form_token=assessment.token,
            quarantined_at=now if held else None,
            quarantine_reasons=assessment.reasons if held else [],
            network=assessment.network if held else None,
            email_domain=assessment.domain if held else None,
        )
        # Consent to hear more only once the signature counts (campaigns.signing.opt_ins).
        opt_ins.record(submission, form, given=submission.confirmed_at is not None, now=now)
        events.signature_made.send(CampaignSubmission, submission=submission)
        # A held signature sends nothing until a reviewer approves it (quarantine.release).
        if asks_confirmation and not held:
            confirmation.queue_link(page, submission, address, request)
        elif not held:
            queue_emails(page, submission, address, request)
    return submission


def token_used(nonce):
    return nonce is not None and CampaignSubmission.objects.filter(form_token=nonce).exists()


def signature_of(page, address):
    """This person's signature of the campaign, in any language, confirmed or not."""
    key = supporter_key(address)
    if key is None:
        return None
    return CampaignSubmission.objects.filter(
        campaign_key=page.translation_key, supporter_key=key
    ).first()


def queue_emails(page, submission, address, request):
    """The team's notification and the supporter's thank-you, as the campaign asks for them."""
    kinds = []
    if page.to_address:
        kinds.append("team")
    if page.send_thank_you_email and address:
        kinds.append("thanks")
    if kinds:
        tasks.queue_for_signature(submission, kinds, absolute_url(page, request))


def supporter_address(form):
    """The first email address the supporter gave, read from the built form (the editor's
    field definitions were queried to build it)."""
    for name, field in form.fields.items():
        if isinstance(field, django.forms.EmailField) and form.cleaned_data.get(name):
            return form.cleaned_data[name]
    return None
