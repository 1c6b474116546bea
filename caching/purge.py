"""Purging cached pages, ours and a CDN's, through Wagtail's frontend cache (caching.pages is one
of its backends).

Wagtail purges a page itself when it is published or unpublished. The pages that show something
of it (a list, a language switcher, a count) say which they are: a page model's
`get_pages_showing_this()`. Nothing here knows what a campaign is.
"""

from django.contrib.contenttypes.models import ContentType
from wagtail.contrib.frontend_cache.utils import PurgeBatch
from wagtail.models import Page, ReferenceIndex

from . import routes


def pages_showing(page):
    """The other pages that show something of `page`, by its model's own account."""
    page = page.specific
    return list(getattr(page, "get_pages_showing_this", list)())


def purge_pages(pages, *, with_those_showing_them=True):
    """Purge the pages (and, unless told otherwise, the pages that show them), each once: the
    pages of one campaign show the same home pages."""
    to_purge = {page.pk: page for page in pages}
    if with_those_showing_them:
        for page in list(to_purge.values()):
            to_purge.update((shown.pk, shown) for shown in pages_showing(page))
    batch = PurgeBatch()
    batch.add_pages(to_purge.values())
    batch.purge()


def purge_translations(keys, *, with_those_showing_them=True):
    """Every live language of the pages with these translation keys: a campaign whose count
    changed, say."""
    if keys:
        pages = Page.objects.live().filter(translation_key__in=keys).specific()
        purge_pages(pages, with_those_showing_them=with_those_showing_them)


def purge_every_page():
    """Something every page shows has changed (the organisation's name, the footer)."""
    routes.invalidate()  # and the fragments cached with them
    batch = PurgeBatch()
    batch.add_pages(Page.objects.live().filter(depth__gt=1))
    batch.purge()


def purge_pages_showing(image):
    """The pages that show an image (Wagtail's reference index knows which), and the pages that
    show them; every page if anything but a page uses it (the organisation's default social
    image, say)."""
    page_type = ContentType.objects.get_for_model(Page).pk
    references = ReferenceIndex.get_references_to(image).values_list(
        "base_content_type_id", "object_id"
    )
    ids = set()
    for type_id, object_id in references:
        if type_id != page_type:
            purge_every_page()
            return
        ids.add(int(object_id))
    if ids:
        purge_pages(Page.objects.live().filter(pk__in=ids).specific())
