"""Every page shows the organisation's settings (name, footer, privacy notice by consent boxes):
when they change, when their default social image changes, or when the privacy notice is
published or unpublished, the cached settings are invalidated and every cached page purged."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.images import get_image_model
from wagtail.signals import page_published, page_unpublished

from caching.purge import purge_every_page

from .models import OrganisationSettings, invalidate_cached_settings


def settings_shown_on_every_page_changed():
    invalidate_cached_settings()
    purge_every_page()


@receiver(post_save, sender=OrganisationSettings)
@receiver(post_delete, sender=OrganisationSettings)
def settings_changed(raw=False, **kwargs):
    if not raw:
        settings_shown_on_every_page_changed()


@receiver(page_published)
@receiver(page_unpublished)
def privacy_notice_changed(instance, **kwargs):
    if OrganisationSettings.objects.filter(
        privacy_page__translation_key=instance.translation_key
    ).exists():
        settings_shown_on_every_page_changed()


@receiver(post_save, sender=get_image_model())
@receiver(post_delete, sender=get_image_model())
def default_social_image_changed(sender, instance, created=False, raw=False, **kwargs):
    """The cached settings hold the image as it was (caching.receivers purges the pages)."""
    if not created and not raw:
        invalidate_cached_settings()
