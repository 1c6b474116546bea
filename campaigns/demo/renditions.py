"""The demo's images made ready before anyone asks (`load_demo --renditions`, which `make run`
and the Lighthouse check use): every live page viewed once, as a reader would
(caching.renditions says why that is the way to make them)."""

from wagtail.images import get_image_model

from caching.renditions import view_every_page


def make_renditions():
    """Each live page requested once; returns (renditions made, pages that did not answer 200)."""
    Rendition = get_image_model().get_rendition_model()
    before = Rendition.objects.count()
    failed = view_every_page()
    return Rendition.objects.count() - before, failed
