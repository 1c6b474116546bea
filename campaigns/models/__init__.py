"""A campaign's pages and its data.

The data (signatures, counts, paper signatures, deliveries) imports nothing of ours above it, so
every stage of a signature can use it; the pages sit on top and delegate to those stages.
"""

from .counts import PaperSignatures, SignatureTally
from .deleted import DeletedCampaign
from .deliveries import DeliveryMode, LetterDelivery
from .form_fields import CampaignFormField
from .opt_ins import ConsentWording, OptIn, Scope, Suppression, Withdrawal
from .pages import CampaignPage, CampaignPageQuerySet
from .signatures import CampaignSubmission, CampaignSubmissionQuerySet

__all__ = [
    "CampaignFormField",
    "CampaignPage",
    "CampaignPageQuerySet",
    "CampaignSubmission",
    "CampaignSubmissionQuerySet",
    "ConsentWording",
    "DeletedCampaign",
    "DeliveryMode",
    "LetterDelivery",
    "OptIn",
    "PaperSignatures",
    "Scope",
    "SignatureTally",
    "Suppression",
    "Withdrawal",
]
