"""A page's images made when it is published, before the first reader asks for them.

Wagtail makes a rendition the first time a template names it, inside that request. A campaign
page names about thirty (AVIF, WebP and JPEG of each image at several widths; AVIF takes about
half a second a file here), so the first readers of a page with a new image each encoded the
same files at once: under `make bench` that held the uncached page's p99 over five seconds, and
a campaign's launch (a scheduled publish, a press release) is exactly when readers arrive
together. Viewing the page once, as a reader would, makes exactly the renditions its templates
name, with nothing to keep in step with them.

The view runs as a task on Wagtail's own background backend (TASKS "default": in-process where
no worker is configured, a worker's in production), queued once the publish has committed.
"""

import logging

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.test import Client
from django.utils import translation
from django_tasks import task
from wagtail.models import Page, Site

logger = logging.getLogger(__name__)


def view_pages(pages):
    """Each page requested once, as a reader; returns the pages that did not answer 200, by
    URL. A failure is named, not raised: nothing published depends on it."""
    failed = []
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        return failed
    client = Client(HTTP_HOST=site.hostname, raise_request_exception=False)
    # The page's own language is activated for its view: the caller's is kept for after.
    with translation.override(translation.get_language()):
        for page in pages:
            url = page.get_url()
            if url is None:
                continue
            response = client.get(url, secure=settings.SECURE_SSL_REDIRECT)
            if response.status_code != 200:
                failed.append(f"{url} ({response.status_code})")
    return failed


def view_every_page():
    """Every live page viewed once (`load_demo --renditions`)."""
    # A fragment read from the cache renders none of its images: a shared cache holding another
    # database's fragments (Redis, `make bench` with SQLite then PostgreSQL, whose pages have the
    # same ids) left the demo without them, and the first readers made them, all at once.
    cache.clear()
    return view_pages(Page.objects.live().public().filter(depth__gt=1).specific())


@task()
def make_page_renditions(page_id):
    page = Page.objects.live().public().filter(pk=page_id).specific().first()
    if page is not None:
        failed = view_pages([page])
        if failed:
            logger.warning("Page viewed after publishing did not answer: %s", failed[0])


def queue_after_publish(page):
    """Once the publish has committed, where RENDITIONS_ON_PUBLISH is on (the tests turn it
    off: they publish thousands of pages, and test it on its own)."""
    if getattr(settings, "RENDITIONS_ON_PUBLISH", True):
        transaction.on_commit(lambda: make_page_renditions.enqueue(page.pk))
