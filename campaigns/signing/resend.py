"""Double opt-in: "send the link again", a small form on the "check your email" state of the
thank-you page (POST to `<page>/thank-you/`).

The thank-you page is cached and shared by everyone who signed, so it cannot know whose
address to write to: the supporter types it again. The link is sent again only if an
unconfirmed signature of this campaign (any language) was made with that address, found by
the same keyed hash the portal stores instead of addresses (campaigns.signing.supporters), and
the answer is the same whether or not one was: "If you signed with that address, we have sent
the link again." Nothing tells who types an address whether it signed.

Limited per address (its keyed hash) and per client (campaigns.signing.ratelimits' windows),
counted whether or not the address signed, so the limit says nothing either. Posts from
another site, or larger than a signature, are refused before the body is read, as every post
to a campaign page is (campaigns.signing.guards). The answer is never cached.
"""

import time

from django import forms
from django.conf import settings
from django.db import transaction
from django.template.response import TemplateResponse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext_lazy as _

from caching.csrf import same_origin
from campaigns.models.signatures import CampaignSubmission
from campaigns.outbox import messages
from portal.clients import client_fingerprint

from . import confirmation, errors, guards
from .ratelimits import HOUR, add_one
from .supporters import supporter_key

SENT, INVALID, TOO_MANY, REFUSED = "sent", "invalid", "too_many", "refused"


class ResendForm(forms.Form):
    email = forms.EmailField(
        label=_("Your email address"),
        max_length=320,
        error_messages={
            "required": _("Enter the email address you signed with"),
            "invalid": _(errors.EMAIL),
        },
    )


def serve(page, request):
    """The thank-you page again, with the answer to the form."""
    status, form = 200, None
    if not same_origin(request):
        state, status = REFUSED, 403
    elif (length := guards.content_length(request)) is None or (
        length > settings.SIGNING_MAX_BODY_BYTES
    ):
        # Not read: no address of ours is this long. Asked again, as for an empty one.
        state, status, form = INVALID, 413, ResendForm({})
        form.is_valid()
    else:
        form = ResendForm(request.POST)
        if not form.is_valid():
            state, status = INVALID, 400
        elif over_limit(request, form.cleaned_data["email"]):
            state, status = TOO_MANY, 429
        else:
            send_again(page, form.cleaned_data["email"], request)
            state, form = SENT, ResendForm()
    context = {
        **page.get_context(request),
        "resend_state": state,
        "resend_form": form or ResendForm(),
    }
    response = TemplateResponse(
        request, page.get_landing_page_template(request), context, status=status
    )
    if status == 429:
        response["Retry-After"] = str(HOUR)
    add_never_cache_headers(response)
    return response


def over_limit(request, address):
    """Counts this request for the address and for the client; True if either is over."""
    now = int(time.time())
    client = add_one(f"resend-client:{client_fingerprint(request)}", HOUR, now)
    key = supporter_key(address)
    by_address = add_one(f"resend-address:{key}", HOUR, now) if key else 0
    return (
        client > settings.CONFIRMATION_RESENDS_PER_CLIENT_HOUR
        or by_address > settings.CONFIRMATION_RESENDS_PER_ADDRESS_HOUR
    )


def send_again(page, address, request):
    """Queue the link again if this address signed this campaign and has not confirmed."""
    key = supporter_key(address)
    if key is None or not page.require_confirmation:
        return
    with transaction.atomic():
        submission = (
            CampaignSubmission.objects.unconfirmed()
            .filter(
                campaign_key=page.translation_key,
                supporter_key=key,
                anonymised_at__isnull=True,
                page__isnull=False,
            )
            .select_related("page")
            .first()
        )
        if submission is None:
            return
        # To the address as they gave it when signing, in the language they signed in.
        signed_on = messages.published_page(submission.page)
        stored = messages.stored_address(signed_on, submission.form_data)
        if stored:
            confirmation.queue_link(signed_on, submission, stored, request)
