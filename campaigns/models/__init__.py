"""A campaign's pages and its data.

The data (signatures, counts, paper signatures, deliveries) imports nothing of ours above it, so
every stage of a signature can use it; the pages sit on top and delegate to those stages.
"""

from .counts import PaperSignatures, SignatureTally
from .deliveries import DeliveryMode, LetterDelivery
from .form_fields import CampaignFormField

# Last: the pages build on everything above, and on the stages of a signature, which use it.
from .pages import CampaignPage, CampaignPageQuerySet  # noqa: E402, I001
from .signatures import CampaignSubmission, CampaignSubmissionQuerySet

__all__ = [
    "CampaignFormField",
    "CampaignPage",
    "CampaignPageQuerySet",
    "CampaignSubmission",
    "CampaignSubmissionQuerySet",
    "DeliveryMode",
    "LetterDelivery",
    "PaperSignatures",
    "SignatureTally",
]
