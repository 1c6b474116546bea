from django.db.models.signals import post_delete, post_save, pre_delete
from django.dispatch import receiver

from campaigns import events
from campaigns.models import CampaignPage, CampaignSubmission, DeletedCampaign, PaperSignatures
from campaigns.team.tally import recount_on_commit


@receiver(post_save, sender=PaperSignatures)
@receiver(post_delete, sender=PaperSignatures)
@receiver(post_delete, sender=CampaignSubmission)
def recount_when_counted_rows_change(sender, instance, **kwargs):
    """New signatures wait for the scheduler's tally; paper batches and deletions by editors
    show in the count at once."""
    if instance.campaign_key and getattr(instance, "confirmed_at", True) is not None:
        recount_on_commit(instance.campaign_key)


@receiver(post_delete, sender=CampaignSubmission)
def say_a_deleted_signature_is_erased(sender, instance, **kwargs):
    """Deleted rather than anonymised (unconfirmed past its link, rejected in review, deleted
    by an editor): whoever heard of it (webhooks) hears it is gone, as of an erasure. Sent in
    the deletion's own transaction (Django's deletion sends post_delete inside it)."""
    events.signature_erased.send(
        CampaignSubmission, campaign_key=instance.campaign_key, submission_id=instance.pk
    )


@receiver(pre_delete, sender=CampaignPage)
def keep_what_signatures_need(sender, instance, **kwargs):
    """A deleted campaign's signatures stay, listed and exportable under Signatures, and are
    erased when its retention period ends: its title, form and retention period stay with
    them. (Before deletion: the form fields go with the page.)"""
    if CampaignSubmission.objects.filter(campaign_key=instance.translation_key).exists():
        DeletedCampaign.record(instance)
