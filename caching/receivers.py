"""Every signal that makes a cached route, fragment or page stale.

Routes and fragments are invalidated all at once, by starting a new generation (caching.routes);
pages are purged one by one, ours and a CDN's (caching.purge).
"""

from django.core.signals import setting_changed
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.images import get_image_model
from wagtail.images.models import AbstractImage
from wagtail.models import BaseViewRestriction, Locale, Page, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from . import local, purge, renditions, routes

# What saving a draft or locking a page writes to its row (Page.save_revision, Wagtail's lock
# views): nothing a reader sees. Editors' drafts, autosaved as they type, then leave every route
# and fragment of the site in place.
DRAFT_FIELDS = frozenset(
    {
        "latest_revision",
        "latest_revision_created_at",
        "draft_title",
        "has_unpublished_changes",
        "wagtail_admin_comments",
        "locked",
        "locked_at",
        "locked_by",
    }
)


@receiver(post_save)
@receiver(post_delete)
def invalidate_routes_when_the_tree_changes(
    sender, instance, update_fields=None, created=False, **kwargs
):
    if isinstance(instance, Page) and update_fields and update_fields <= DRAFT_FIELDS:
        return
    if isinstance(instance, AbstractImage) and created:
        return  # on no page yet
    # An image edited (a new file, a focal point) or deleted: cached fragments name its renditions.
    if isinstance(instance, (Page, Site, Locale, BaseViewRestriction, AbstractImage)):
        routes.invalidate()


@receiver(post_page_move)
def invalidate_routes_when_pages_move(**kwargs):
    routes.invalidate()


@receiver(setting_changed)
def clear_this_process_cache(**kwargs):
    """What is cached may have been rendered with the old setting (tests change them)."""
    local.cache().clear()


@receiver(page_published)
@receiver(page_unpublished)
def purge_pages_showing_a_published_page(sender, instance, **kwargs):
    """Wagtail purges the page itself; the pages that list it or link to it in their language
    switchers go stale with it."""
    purge.purge_pages(purge.pages_showing(instance), with_those_showing_them=False)


@receiver(post_save, sender=get_image_model())
@receiver(post_delete, sender=get_image_model())
def purge_pages_showing_an_edited_image(sender, instance, created=False, raw=False, **kwargs):
    """A new file or focal point, or a deleted image (an editor may be taking down a photo that
    puts someone at risk): cached copies, a CDN's included, must not go on showing it. A new
    image is on no page yet."""
    if not created and not raw:
        purge.purge_pages_showing(instance)


@receiver(page_published)
def make_renditions_of_a_published_page(sender, instance, **kwargs):
    renditions.queue_after_publish(instance)
