from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from campaigns.models import CampaignSubmission, PaperSignatures
from campaigns.team.tally import recount_on_commit


@receiver(post_save, sender=PaperSignatures)
@receiver(post_delete, sender=PaperSignatures)
@receiver(post_delete, sender=CampaignSubmission)
def recount_when_counted_rows_change(sender, instance, **kwargs):
    """New signatures wait for the scheduler's tally; paper batches and deletions by editors
    show in the count at once."""
    if instance.campaign_key and getattr(instance, "confirmed_at", True) is not None:
        recount_on_commit(instance.campaign_key)
