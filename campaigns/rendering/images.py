"""All the images of a campaign page in one query: the hero, the social image and every image in
its body.

Wagtail loads a StreamField's images one query per block type, and the hero image with another.
`page_images` reads every image id from the page's raw data first, fetches them together, and
lets the body's image blocks find theirs among them while the body is loaded.
"""

from contextlib import contextmanager
from contextvars import ContextVar

from wagtail import blocks
from wagtail.images import get_image_model
from wagtail.images.blocks import ImageBlock, ImageChooserBlock

_prefetched = ContextVar("prefetched_images", default=None)


class PrefetchedImageChooserBlock(ImageChooserBlock):
    def bulk_to_python(self, values):
        images = _prefetched.get()
        values = list(values)
        if images is None or not all(value is None or value in images for value in values):
            return super().bulk_to_python(values)
        return [images.get(value) for value in values]


class CampaignImageBlock(ImageBlock):
    """Wagtail's ImageBlock (alt text, decorative), looked up among prefetched images."""

    def __init__(self, required=True, **kwargs):
        super().__init__(required=required, **kwargs)
        chooser = PrefetchedImageChooserBlock(required=required)
        chooser.set_name("image")
        self.child_blocks["image"] = chooser


@contextmanager
def page_images(page, stream_field_name="body"):
    stream = getattr(page, stream_field_name)
    ids = set(image_ids(stream.stream_block, list(stream.raw_data)))
    # The hero, and the social image of the page's link preview (promote.SocialPreviewMixin).
    # (Unless a fragment of the page already fetched it.)
    image_fields = [
        field
        for field in ("hero_image", "social_image")
        if getattr(page, f"{field}_id", None)
        and not getattr(type(page), field).field.is_cached(page)
    ]
    ids.update(getattr(page, f"{field}_id") for field in image_fields)
    images = get_image_model().objects.in_bulk(ids) if ids else {}
    for field in image_fields:
        getattr(type(page), field).field.set_cached_value(
            page, images.get(getattr(page, f"{field}_id"))
        )
    token = _prefetched.set(images)
    try:
        yield images
    finally:
        _prefetched.reset(token)


def image_ids(block, raw):
    """The image ids in a block's raw (JSON) value, walking streams, structs and lists."""
    if raw is None:
        return
    if isinstance(block, ImageChooserBlock):
        if isinstance(raw, int):
            yield raw
    elif isinstance(block, ImageBlock) and isinstance(raw, int):  # stored before alt text
        yield raw
    elif isinstance(block, blocks.StreamBlock):
        for item in raw:
            child = block.child_blocks.get(item.get("type"))
            if child is not None:
                yield from image_ids(child, item.get("value"))
    elif isinstance(block, blocks.StructBlock) and isinstance(raw, dict):
        for name, child in block.child_blocks.items():
            yield from image_ids(child, raw.get(name))
    elif isinstance(block, blocks.ListBlock):
        for item in raw:
            # Items are stored as {"type": "item", "value": ..., "id": ...} since Wagtail 2.16.
            value = (
                item["value"] if isinstance(item, dict) and item.get("type") == "item" else item
            )
            yield from image_ids(block.child_block, value)
