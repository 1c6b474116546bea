from django.db.models.signals import post_save
from django.dispatch import receiver
from wagtail.models import Page, Revision
from wagtail.signals import page_published

from .in_step import page_schedule_changed


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
