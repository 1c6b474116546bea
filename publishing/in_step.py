"""Scheduled publishing that keeps every language of a page in step.

Wagtail schedules each page on its own and wagtail-localize copies the dates into a translation
once, so on their own a Chinese page could go live before its English source, keep an old date,
or (Wagtail issue 11344) go live at once as a locale-synced alias of a page only scheduled. Here:

- `align_translations(source)` gives a source's translations its go-live and the fields they
  share (expiry, closing time), and holds back any translation published before its source. It
  runs whenever a page is published, scheduled or unscheduled, and before each scheduled run.
- `publish_due()` is the scheduler: sources first, then translations whose source is live.
  `manage.py run_scheduled_publishing` calls it, once (cron) or every minute (`--every 60`).
"""

import datetime
import logging

from django.db.models import Q
from django.utils import timezone
from wagtail.models import Locale, Page, Revision
from wagtail_localize.fields import SynchronizedField

from caching import routes

from .gate import UntranslatedItems

logger = logging.getLogger(__name__)

# The go-live of a translation waiting for a source that has none yet: never due by itself.
WAITING = datetime.datetime(9999, 12, 31, tzinfo=datetime.UTC)


def is_source(page):
    return page.locale_id == Locale.get_default().pk


def pending_go_live(page):
    """When the page's scheduled revision goes live, or None."""
    revision = pending_revisions(page).exclude(approved_go_live_at=WAITING).first()
    return revision.approved_go_live_at if revision else None


def align_translations(source):
    """Give the source's translations its shared fields and its go-live.

    A translation a translator has published waits for its source: it goes live with it, at the
    source's scheduled time or the moment the source is published. Its pending revision carries
    the source's go-live, or WAITING while the source has none.
    """
    source = source.specific
    go_live_at = None if source.live else pending_go_live(source)
    shared = shared_fields(source)
    for translation in source.get_translations().filter(alias_of__isnull=True).specific():
        changed = {
            name: value for name, value in shared.items() if getattr(translation, name) != value
        }
        if changed:
            type(translation).objects.filter(pk=translation.pk).update(**changed)
            routes.invalidate()  # routes hold the page as read: update() sends no signal
        pending = pending_revisions(translation)
        if source.live:
            for revision in pending.filter(approved_go_live_at=WAITING):
                publish_unless_untranslated(revision)
            continue
        if translation.live:
            translation.unpublish(log_action="wagtail.unpublish")
            logger.info("%s waits until its source is live", translation)
            pending = Revision.objects.filter(pk=translation.get_latest_revision().pk)
        pending.update(approved_go_live_at=go_live_at or WAITING)
        Page.objects.filter(pk=translation.pk).update(go_live_at=go_live_at)


def pending_revisions(page):
    return Revision.page_revisions.filter(
        object_id=str(page.pk), approved_go_live_at__isnull=False
    )


def publish_due():
    """Expire and publish what is due, sources before translations. Returns what it did.
    (Wagtail's publishing reads the clock itself: "due" means due now.)"""
    now = timezone.now()
    done = {"expired": [], "published": [], "held_back": []}
    default = Locale.get_default()

    families = Page.objects.filter(
        Q(expire_at__isnull=False) | Q(pk__in=scheduled_page_ids())
    ).values("translation_key")
    for source in Page.objects.filter(locale=default, translation_key__in=families):
        align_translations(source)

    expired = Page.objects.live().filter(expire_at__lt=now).order_by("expire_at")
    for page in sorted(expired, key=lambda page: page.locale_id != default.pk):
        page.unpublish(set_expired=True, log_action="wagtail.unpublish.scheduled")
        done["expired"].append(page.pk)

    due = Revision.page_revisions.filter(approved_go_live_at__lt=now).order_by(
        "approved_go_live_at"
    )
    pages = Page.objects.in_bulk([int(revision.object_id) for revision in due])
    for revision in sorted(due, key=lambda r: pages[int(r.object_id)].locale_id != default.pk):
        page = pages[int(revision.object_id)]
        if page.locale_id != default.pk and not source_is_live(page):
            done["held_back"].append(page.pk)
            continue
        if publish_unless_untranslated(revision):
            done["published"].append(page.pk)
        else:
            done["held_back"].append(page.pk)
    return done


def publish_unless_untranslated(revision):
    """Publish a scheduled revision; a translation whose required texts are untranslated
    (publishing.gate) stays as it is, scheduled, until a translator finishes it."""
    try:
        revision.publish(log_action="wagtail.publish.scheduled")
    except UntranslatedItems as refused:
        logger.warning("%s is not published: %s", refused.page, refused.message)
        return False
    return True


def scheduled_page_ids():
    return [
        int(object_id)
        for object_id in Revision.page_revisions.filter(
            approved_go_live_at__isnull=False
        ).values_list("object_id", flat=True)
    ]


def source_is_live(translation):
    source = translation.get_translation_or_none(Locale.get_default())
    return source is None or source.live


def shared_fields(page):
    fields = {"expire_at": page.expire_at}
    if hasattr(page, "get_fields_shared_by_translations"):
        fields.update(page.get_fields_shared_by_translations())
    return fields


SAME_ADDRESS = SynchronizedField("slug", overridable=False)


class LanguagesInStepMixin:
    """For page models: translations share the fields named by
    `get_fields_shared_by_translations` (and `expire_at`) the moment the source is published,
    not only when a translator next syncs; aliases are updated (and so published) only when
    the page really goes live, not when it is merely scheduled (Wagtail issue 11344).

    A page's address is the same in every language (/zh-hant/<slug>/ beside /en/<slug>/), so
    the slug is no text to translate: it follows the source's at each sync. A model with
    synchronised fields of its own lists `SAME_ADDRESS` among them."""

    override_translatable_fields = [SAME_ADDRESS]

    def get_fields_shared_by_translations(self):
        return {}

    def update_aliases(self, *args, **kwargs):
        if not self.live:
            return
        super().update_aliases(*args, **kwargs)


def page_schedule_changed(page):
    """A page was published, scheduled or unscheduled: bring its language family in line."""
    page = page.specific if isinstance(page, Page) else page
    if not is_source(page):
        page = page.get_translation_or_none(Locale.get_default())
    if page is not None:
        align_translations(page)
