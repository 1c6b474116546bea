"""The optional opt-ins under the consent box: offered, shown and recorded with the signature.

A signature's consent covers the letter only. Writing to a supporter again (news of this
campaign, the organisation's other campaigns, a partner's) needs its own yes: an optional box,
never ticked in advance (Hong Kong's PDPO Part 6A, the GDPR). Each box ticked is kept as an
OptIn (campaigns.models.opt_ins) with the words exactly as shown, in the signature's language,
as a versioned ConsentWording; it becomes consent (`given_at`) when the signature counts: at
once, when a reviewer releases it (quarantine.release), or when the supporter confirms their
address and chooses to keep hearing from us (confirmation). Erasing a signature withdraws them.

The boxes are named with hyphens, which Wagtail's form builder never gives a field (its keys
are snake case, `safe_snake_case`), so no editor's field can take their place; they are never
stored in the answers or the consent text (CampaignForm.transient_fields). The partner's
consent line on the embedded form (campaigns.signing.partners) is one of them, under its own
older name, and is also kept as the signature's `partner_consent`.
"""

import dataclasses
import threading
import uuid

import django.forms
from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext
from wagtail.models import Site

from campaigns import events
from campaigns.models.opt_ins import ConsentWording, OptIn, Scope
from organisation.models import (
    DEFAULT_CAMPAIGN_UPDATES_OPT_IN,
    DEFAULT_OTHER_CAMPAIGNS_OPT_IN,
    OrganisationSettings,
)
from portal.languages import language_code

from . import partners

CAMPAIGN_FIELD = "opt-in-campaign"
ORGANISATION_FIELD = "opt-in-organisation"
FIELDS = (CAMPAIGN_FIELD, ORGANISATION_FIELD, partners.CONSENT_FIELD)


@dataclasses.dataclass(frozen=True)
class Offer:
    """One optional box: its field's name, its scope and its words as shown."""

    field_name: str
    scope: str
    text: str
    partner_key: uuid.UUID | None = None


def organisation_name(organisation, request):
    """As the header names the organisation (organisation.context_processors.site_name)."""
    site = Site.find_for_request(request) if request is not None else None
    return (
        (organisation and organisation.name)
        or (site and site.site_name)
        or settings.SITE_NAME
        or gettext("Campaigns portal")
    )


def offers_for(page, request=None):
    """The boxes `page` offers, in its own language (the signature's), with the words of the
    page, else of the organisation, else the defaults; and the partner's line on its embedded
    form."""
    found = []
    with translation.override(language_code(page.locale_id)):
        organisation = OrganisationSettings.for_active_language()
        if page.ask_campaign_updates:
            words = page.campaign_updates_words.strip() or (
                organisation.campaign_updates_words
                if organisation
                else str(DEFAULT_CAMPAIGN_UPDATES_OPT_IN)
            )
            found.append(Offer(CAMPAIGN_FIELD, Scope.CAMPAIGN, words))
        if page.ask_other_campaigns:
            name = organisation_name(organisation, request)
            words = (
                organisation.other_campaigns_words(name)
                if organisation
                else str(DEFAULT_OTHER_CAMPAIGNS_OPT_IN).replace("{organisation}", name)
            )
            found.append(Offer(ORGANISATION_FIELD, Scope.ORGANISATION, words))
    partner = partners.partner_of(request)
    if partners.is_embedded(request) and partner is not None:
        # Worded as the partner's row in the reader's language (Partner.for_slug).
        found.append(
            Offer(
                partners.CONSENT_FIELD,
                Scope.PARTNER,
                str(partner.consent_label),
                partner.translation_key,
            )
        )
    return tuple(found)


# Form classes with their boxes, by (the page's class, the offers): a handful per campaign.
LIMIT = 1000
_classes = {}
_lock = threading.Lock()


def with_opt_ins(form_class, offers):
    """`form_class` with a box for each offer, after its own fields. A form without an email
    field offers only the partner's line (as it always did): nobody could be written to."""
    if not any(
        isinstance(field, django.forms.EmailField) for field in form_class.base_fields.values()
    ):
        offers = tuple(offer for offer in offers if offer.scope == Scope.PARTNER)
    if not offers:
        return form_class
    key = (form_class, offers)
    found = _classes.get(key)
    if found is None:
        attrs = {
            offer.field_name: django.forms.BooleanField(
                required=False, initial=False, label=offer.text
            )
            for offer in offers
        }
        found = type(form_class.__name__, (form_class,), {**attrs, "opt_in_offers": offers})
        with _lock:
            if len(_classes) >= LIMIT:
                _classes.clear()
            _classes[key] = found
    return found


def ticked(form):
    """The offers whose box the supporter ticked."""
    return [
        offer
        for offer in getattr(form, "opt_in_offers", ())
        if form.cleaned_data.get(offer.field_name) is True
    ]


def record(submission, form, given, now=None):
    """One OptIn per ticked box, on the new signature, in its transaction: given at once if the
    signature counts at once (`given`), else when it does."""
    offers = ticked(form)
    if not offers:
        return []
    now = now or timezone.now()
    language, campaign_key = submission.language, submission.campaign_key
    digests = [
        ConsentWording.digest_of(
            offer.scope,
            campaign_key if offer.scope == Scope.CAMPAIGN else None,
            offer.partner_key,
            language,
            offer.text,
        )
        for offer in offers
    ]
    # One query for words shown before (nearly always); new words are made one by one.
    known = {row.digest: row for row in ConsentWording.objects.filter(digest__in=digests)}
    rows = []
    for offer, digest in zip(offers, digests, strict=True):
        wording = known.get(digest) or ConsentWording.for_text(
            offer.scope,
            language,
            offer.text,
            campaign_key=campaign_key,
            partner_key=offer.partner_key,
        )
        rows.append(
            OptIn(
                signature=submission,
                wording=wording,
                scope=offer.scope,
                campaign_key=campaign_key,
                partner_key=offer.partner_key,
                ticked_at=now,
                given_at=now if given else None,
            )
        )
    created = OptIn.objects.bulk_create(rows)
    if given:
        events.opt_in_changed.send(OptIn, opt_in_ids=[row.pk for row in created], change="given")
    return created
