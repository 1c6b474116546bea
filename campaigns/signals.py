from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.images import get_image_model
from wagtail.models import Page, Revision
from wagtail.signals import page_published, page_unpublished

from .cache_purge import purge_campaigns, purge_home_pages, purge_pages_showing
from .lifecycle import page_schedule_changed
from .models import CampaignPage, CampaignSubmission, PaperSignatures
from .tally import recount_on_commit


@receiver(page_published)
def keep_translations_in_step_on_publish(sender, instance, **kwargs):
    page_schedule_changed(instance)


@receiver(post_save, sender=Revision)
def keep_translations_in_step_on_unschedule(sender, instance, update_fields=None, **kwargs):
    """Cancelling a schedule saves only the revision's `approved_go_live_at`."""
    if not update_fields or "approved_go_live_at" not in update_fields:
        return
    if instance.approved_go_live_at is None and issubclass(
        instance.content_type.model_class(), Page
    ):
        page_schedule_changed(instance.content_object)


@receiver(post_save, sender=PaperSignatures)
@receiver(post_delete, sender=PaperSignatures)
@receiver(post_delete, sender=CampaignSubmission)
def recount_when_counted_rows_change(sender, instance, **kwargs):
    """New signatures wait for the scheduler's tally; paper batches and deletions by editors
    show in the count at once."""
    if instance.campaign_key and getattr(instance, "confirmed_at", True) is not None:
        recount_on_commit(instance.campaign_key)


@receiver(page_published)
@receiver(page_unpublished)
def purge_pages_that_show_it(sender, instance, **kwargs):
    """A campaign appears in its translations' language switchers, on the home pages and in
    other campaigns' lists; a home page in the switchers of the others."""
    from home.models import HomePage

    if isinstance(instance, CampaignPage):
        purge_campaigns({instance.translation_key}, with_lists=True)
    elif isinstance(instance, HomePage):
        purge_home_pages()


@receiver(post_save, sender=get_image_model())
@receiver(post_delete, sender=get_image_model())
def purge_pages_showing_an_edited_image(sender, instance, created=False, raw=False, **kwargs):
    """A new file or focal point, or a deleted image (an editor may be taking down a photo that
    puts someone at risk): cached copies, a CDN's included, must not go on showing it. A new
    image is on no page yet."""
    if not created and not raw:
        purge_pages_showing(instance)
