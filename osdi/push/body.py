"""The record-signature-helper body a push sends, written at send time from what is stored:
an erased signature has nothing left to send, and a withdrawn opt-in shows at once.

Action Network subscribes a new person to the organisation's emails unless told otherwise,
so the address's status is always said: "subscribed" only with a reachable organisation-scope
opt-in (campaigns.models.opt_ins), "unsubscribed" otherwise. The opt-ins also go as tags and
custom fields, for lists that want them. Action Network's own autoresponse is turned off: the
portal thanks the supporter itself, in their language. The letter (comments) stays here.
"""

from campaigns.models.opt_ins import OptIn, Scope
from osdi.answers import FormShape

ORIGIN = "Campaigns portal"
TAG_ORGANISATION = "portal-opt-in-organisation"
TAG_CAMPAIGN = "portal-opt-in-campaign"


def opt_ins_of(submission):
    """(organisation, this campaign): whether the supporter may be written to about each."""
    reachable = OptIn.objects.reachable().filter(signature__supporter_key=submission.supporter_key)
    scopes = set(reachable.values_list("scope", "campaign_key"))
    organisation = any(scope == Scope.ORGANISATION for scope, _key in scopes)
    campaign = (Scope.CAMPAIGN, submission.campaign_key) in scopes
    return organisation, campaign


def push_body(submission, push, fields):
    answers = FormShape(fields).person(submission.form_data)
    organisation, campaign = opt_ins_of(submission)
    person = {
        "given_name": answers["given_name"],
        "family_name": answers["family_name"],
        "email_addresses": [
            {
                "address": answers["email"],
                "primary": True,
                "status": "subscribed" if organisation else "unsubscribed",
            }
        ],
        "custom_fields": {
            TAG_ORGANISATION: "yes" if organisation else "no",
            TAG_CAMPAIGN: "yes" if campaign else "no",
        },
    }
    if answers["country"]:
        person["postal_addresses"] = [{"primary": True, "country": answers["country"]}]
    tags = list(push.tags)
    if organisation:
        tags.append(TAG_ORGANISATION)
    if campaign:
        tags.append(TAG_CAMPAIGN)
    return {
        "identifiers": [f"portal:signature-{submission.pk}"],
        "origin_system": ORIGIN,
        "action_date": submission.submit_time.isoformat(),
        "person": person,
        "add_tags": tags,
        "triggers": {"autoresponse": {"enabled": False}},
    }
