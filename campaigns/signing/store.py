"""A signature stored and its emails queued, together or not at all.

The emails go into the outbox (campaigns.outbox) in the same transaction as the signature, so a
mail outage neither loses nor blocks a signature, and a signature that is rolled back sends
nothing. A repeat signature (the same person, in any language) changes nothing, and the supporter
sees the same thank-you page either way, so nobody can probe who has signed.
"""

import django.forms
from django.db import IntegrityError, transaction
from django.utils import timezone

from campaigns.models.signatures import CampaignSubmission
from campaigns.outbox import tasks
from promote.absolute_urls import absolute_url

from . import confirmation, sources
from .supporters import normalise_email


def store(page, form, request):
    """The new signature, or None for a repeat."""
    address = supporter_address(form)
    asks_confirmation = page.require_confirmation and address is not None
    try:
        with transaction.atomic():
            submission = CampaignSubmission.objects.create(
                form_data=form.signature_data,
                page=page,
                supporter_key=normalise_email(address),
                consent=form.consent_given,
                confirmed_at=None if asks_confirmation else timezone.now(),
                source=sources.sources_from(request),
            )
            if asks_confirmation:
                confirmation.queue_link(page, submission, address, request)
            else:
                queue_emails(page, submission, address, request)
    except IntegrityError:
        earlier = signature_of(page, address)
        if earlier is None:
            raise
        if asks_confirmation and earlier.confirmed_at is None:
            # They lost the first email, or it expired unread: the same link again.
            confirmation.queue_link(page, earlier, address, request)
        return None
    return submission


def signature_of(page, address):
    """This person's signature of the campaign, in any language, confirmed or not."""
    key = normalise_email(address)
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
