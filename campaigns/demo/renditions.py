"""The demo's images made ready before anyone asks (`load_demo --renditions`, which `make run`
and the Lighthouse check use).

Wagtail makes a rendition the first time a template asks for it, inside that request: a
campaign page names about thirty (a phone's and a wide crop of the hero, the figures, each in
AVIF, WebP and JPEG at several widths), and AVIF takes about half a second a file to encode
here, so the first view of a fresh demo took over ten seconds. Requesting every live page once,
as a reader would, makes exactly the renditions the templates name, with nothing to keep in
step with them.
"""

from django.conf import settings
from django.core.cache import cache
from django.test import Client
from wagtail.images import get_image_model
from wagtail.models import Page, Site


def make_renditions():
    """Each live page requested once; returns (renditions made, pages that did not answer 200)."""
    Rendition = get_image_model().get_rendition_model()
    before = Rendition.objects.count()
    # A fragment read from the cache renders none of its images: a shared cache holding another
    # database's fragments (Redis, `make bench` with SQLite then PostgreSQL, whose pages have the
    # same ids) left the demo without them, and the first readers made them, all at once.
    cache.clear()
    site = Site.objects.get(is_default_site=True)
    # A page that fails is named, not raised: the demo is loaded all the same.
    client = Client(HTTP_HOST=site.hostname, raise_request_exception=False)
    failed = []
    for page in Page.objects.live().public().filter(depth__gt=1).specific():
        url = page.get_url()
        if url is None:
            continue
        response = client.get(url, secure=settings.SECURE_SSL_REDIRECT)
        if response.status_code != 200:
            failed.append(f"{url} ({response.status_code})")
    return Rendition.objects.count() - before, failed
