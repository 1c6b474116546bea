"""Wagtail's renditions of editors' images (MEDIA_ROOT/images/), served by the web processes
when MEDIA_URL is a path of this site (a local MEDIA_ROOT, as `make serve` has). Nothing else
served them outside DEBUG, so the production stack's pages showed broken images.

Only renditions: they are what pages show (`{% picture %}`, link previews). Originals stay
unserved, and so do documents, which Wagtail serves through its own view because a collection
may be private (a direct MEDIA_URL link would skip that check).

A rendition's file name says what it is (the original's name, the filter spec, the focal point),
and Wagtail writes a new name when the file or the focal point changes, so browsers may keep one
for a while. Not for good: an image deleted because it shows someone who must not be seen has to
leave caches soon, and nothing purges media from a CDN, hence a day.

With several machines, MEDIA_ROOT must be storage they share (or MEDIA_URL another host, and this
view is not used).
"""

import mimetypes

from django.conf import settings
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_safe
from django.views.static import serve

RENDITIONS = "images/"
MAX_AGE = 24 * 60 * 60

# Python's own table lacks them on a machine without /etc/mime.types.
mimetypes.add_type("image/avif", ".avif")
mimetypes.add_type("image/webp", ".webp")


@require_safe
def rendition(request, path):
    response = serve(request, RENDITIONS + path, document_root=settings.MEDIA_ROOT)
    patch_cache_control(response, public=True, max_age=MAX_AGE)
    return response
