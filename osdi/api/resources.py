"""Petitions, signatures and people as OSDI resources.

- A petition is a campaign, in its source language, identified by its translation key.
- A signature is a signature (CampaignSubmission) of that campaign, in any language.
- A person is a supporter: every signature with the same supporter_key (the keyed hash of
  their address), named from their latest one. Erased signatures have no supporter_key, so
  nobody erased is a person here.
"""

from collections import defaultdict

from campaigns.models import CampaignFormField
from campaigns.models.opt_ins import OptIn, Scope
from osdi.answers import FormShape

from .hal import CURIES, link, url

SYSTEM = "portal"
ORIGIN = "Campaigns portal"


def shapes_of(page_ids):
    """{page id: FormShape} for these pages, in one query."""
    fields = defaultdict(list)
    for field in CampaignFormField.objects.filter(page_id__in=set(page_ids)).order_by(
        "sort_order"
    ):
        fields[field.page_id].append(field)
    return {page_id: FormShape(fields[page_id]) for page_id in set(page_ids)}


def target_of(page):
    """The target named in the body's demands, if it has a demands block."""
    for block in page.body:
        if block.block_type == "demands" and block.value.get("target"):
            return [{"name": block.value["target"]}]
    return []


def petition(request, page, total):
    key = str(page.translation_key)
    data = {
        "identifiers": [f"{SYSTEM}:{key}"],
        "origin_system": ORIGIN,
        "created_date": page.first_published_at,
        "modified_date": page.last_published_at or page.latest_revision_created_at,
        "title": page.title,
        "name": page.title,
        "description": page.summary,
        "summary": page.summary,
        "browser_url": page.full_url,
        "total_signatures": total,
        "_links": {
            "self": link(url(request, "petition", key)),
            "osdi:signatures": link(url(request, "signatures", key)),
            "osdi:record_signature_helper": link(url(request, "record_signature_helper", key)),
            "curies": CURIES,
        },
    }
    target = target_of(page)
    if target:
        data["target"] = target
    return data


def signature(request, submission, shape):
    key = str(submission.campaign_key)
    answers = shape.person(submission.form_data)
    data = {
        "identifiers": [f"{SYSTEM}:signature-{submission.pk}"],
        "origin_system": ORIGIN,
        "created_date": submission.submit_time,
        "modified_date": submission.confirmed_at or submission.submit_time,
        "action_date": submission.submit_time,
        "_links": {
            "self": link(url(request, "signature", key, submission.pk)),
            "osdi:petition": link(url(request, "petition", key)),
            "curies": CURIES,
        },
    }
    if answers["comments"]:
        data["comments"] = answers["comments"]
    if submission.source.get("source"):
        data["referrer_data"] = {"source": submission.source["source"]}
    if submission.supporter_key and submission.confirmed_at:
        data["_links"]["osdi:person"] = link(url(request, "person", submission.supporter_key))
    return data


def subscribed_people(keys, campaign_keys):
    """The supporter keys among `keys` that may be written to: a reachable opt-in of the
    organisation's, or of one of `campaign_keys` (the campaigns the caller may see)."""
    reachable = (
        OptIn.objects.reachable()
        .filter(signature__supporter_key__in=keys)
        .values_list("signature__supporter_key", "scope", "campaign_key")
    )
    return {
        key
        for key, scope, campaign_key in reachable
        if scope == Scope.ORGANISATION
        or (scope == Scope.CAMPAIGN and campaign_key in campaign_keys)
    }


def person(request, key, signatures, shapes, subscribed):
    """A person from their signatures (newest first), which the caller may see."""
    latest = signatures[0]
    answers = shapes[latest.page_id].person(latest.form_data)
    data = {
        "identifiers": [f"{SYSTEM}:{key}"],
        "origin_system": ORIGIN,
        "created_date": signatures[-1].submit_time,
        "modified_date": latest.submit_time,
        "given_name": answers["given_name"],
        "family_name": answers["family_name"],
        "email_addresses": [],
        "postal_addresses": [],
        "_links": {"self": link(url(request, "person", key)), "curies": CURIES},
    }
    if answers["email"]:
        data["email_addresses"].append(
            {
                "address": answers["email"],
                "primary": True,
                "status": "subscribed" if key in subscribed else "unsubscribed",
            }
        )
    country = next(
        (
            found
            for found in (shapes[s.page_id].person(s.form_data)["country"] for s in signatures)
            if found
        ),
        None,
    )
    if country:
        data["postal_addresses"].append({"primary": True, "country": country})
    return data
