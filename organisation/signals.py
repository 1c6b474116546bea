"""Every page shows the organisation's settings (name, footer, privacy notice by consent boxes):
when they change, or the privacy notice is published or unpublished, every cached page is
purged through Wagtail's frontend cache (portal/page_cache.py)."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.contrib.frontend_cache.utils import PurgeBatch
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished

from portal.route_cache import forget_routes

from .models import OrganisationSettings, forget_cached_settings


def purge_every_page():
    forget_cached_settings()
    forget_routes()  # and the page fragments kept with them (the footer, the consent boxes)
    batch = PurgeBatch()
    batch.add_pages(Page.objects.live().filter(depth__gt=1))
    batch.purge()


@receiver(post_save, sender=OrganisationSettings)
@receiver(post_delete, sender=OrganisationSettings)
def settings_changed(raw=False, **kwargs):
    if not raw:
        purge_every_page()


@receiver(page_published)
@receiver(page_unpublished)
def privacy_notice_changed(instance, **kwargs):
    if OrganisationSettings.objects.filter(
        privacy_page__translation_key=instance.translation_key
    ).exists():
        purge_every_page()
