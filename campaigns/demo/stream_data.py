"""Raw StreamField data as the admin would store it, for content written in code (demo, tests).

The admin stores "" for an empty text field and a full dict for an empty image; code that builds
raw data tends to leave such keys out, which renders fine but makes wagtail-localize fail when it
extracts the page for translation (it expects every key, and list items with ids, as the admin
writes them).
"""

from uuid import uuid4

from wagtail import blocks
from wagtail.images.blocks import ImageBlock

from campaigns.blocks import CampaignBodyBlock

TEXT_BLOCKS = (blocks.CharBlock, blocks.TextBlock, blocks.RichTextBlock, blocks.URLBlock)
EMPTY_IMAGE = {"image": None, "decorative": False, "alt_text": ""}


def complete(stream):
    """Fill in every missing or None child of the StructBlocks in a raw body, as the admin does."""
    child_blocks = CampaignBodyBlock().child_blocks
    return [
        {**item, "value": complete_value(child_blocks[item["type"]], item["value"])}
        for item in stream
    ]


def complete_value(block, value):
    if isinstance(block, ImageBlock):
        return value or dict(EMPTY_IMAGE)
    if isinstance(block, blocks.StructBlock):
        value = dict(value or {})
        for name, child in block.child_blocks.items():
            value[name] = complete_value(child, value.get(name))
        return value
    if isinstance(block, blocks.ListBlock):
        # Items in the block format, with ids: wagtail-localize skips lists in the old format.
        return [
            item
            if isinstance(item, dict) and "id" in item
            else {
                "type": "item",
                "value": complete_value(block.child_block, item),
                "id": str(uuid4()),
            }
            for item in value or []
        ]
    if value is None and isinstance(block, TEXT_BLOCKS):
        return ""
    return value
