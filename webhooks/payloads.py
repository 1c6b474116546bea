"""What a delivery says, written as it is sent from what is stored then.

Ids, the campaign, language, times, whether it counts and where it came from, for every
endpoint; the supporter's answers only for an endpoint set to include supporters' details, and
never for a signature erased (anonymised) or deleted since the event: its messages, even those
queued before, then carry ids alone. signature.erased carries ids alone.
"""

from campaigns.models.opt_ins import OptIn
from campaigns.models.signatures import CampaignSubmission

from .models import EventType


def payload(delivery, include_personal_data):
    if delivery.event_type == EventType.OPT_IN_CHANGED:
        data = opt_in_data(delivery, include_personal_data)
    elif delivery.event_type == EventType.SIGNATURE_ERASED:
        data = erased_data(delivery.signature_id, delivery.campaign_key)
    else:
        data = signature_data(delivery.signature_id, delivery.campaign_key, include_personal_data)
    return {
        "type": delivery.event_type,
        "timestamp": delivery.occurred_at.isoformat(),
        "data": data,
    }


def erased_data(signature_id, campaign_key):
    return {
        "signature_id": signature_id,
        "campaign": {"key": str(campaign_key) if campaign_key else None},
        "erased": True,
    }


def signature_data(signature_id, campaign_key, include_personal_data):
    submission = (
        CampaignSubmission.objects.filter(pk=signature_id, anonymised_at__isnull=True)
        .select_related("page")
        .first()
    )
    if submission is None:
        return erased_data(signature_id, campaign_key)
    return describe(submission, include_personal_data)


def describe(submission, include_personal_data):
    data = {
        "signature_id": submission.pk,
        "campaign": {
            "key": str(submission.campaign_key),
            "slug": submission.page.slug if submission.page else None,
        },
        "language": submission.language,
        "submitted_at": submission.submit_time.isoformat(),
        "counted": submission.confirmed_at is not None,
        "held_for_review": submission.quarantined_at is not None,
        "source": submission.source,
        "erased": False,
    }
    if include_personal_data:
        data["supporter"] = submission.form_data
    return data


def opt_in_data(delivery, include_personal_data):
    opt_ins = OptIn.objects.filter(pk__in=delivery.opt_in_ids).select_related(
        "signature", "signature__page"
    )
    found = []
    for opt_in in opt_ins.order_by("pk"):
        signature = opt_in.signature
        item = {
            "opt_in_id": opt_in.pk,
            "signature_id": opt_in.signature_id,
            "scope": opt_in.scope,
            "campaign_key": str(opt_in.campaign_key),
            "partner_key": str(opt_in.partner_key) if opt_in.partner_key else None,
            "wording_id": opt_in.wording_id,
            "given_at": opt_in.given_at.isoformat() if opt_in.given_at else None,
            "withdrawn_at": opt_in.withdrawn_at.isoformat() if opt_in.withdrawn_at else None,
            "withdrawn_how": opt_in.withdrawn_how or None,
        }
        if include_personal_data and signature.anonymised_at is None:
            item["supporter"] = signature.form_data
        found.append(item)
    return {"change": delivery.change, "opt_ins": found}
