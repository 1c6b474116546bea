"""Rich text that costs a fixed number of queries per page, however many blocks it has.

Wagtail expands each rich text value on its own, so a body with many rich text blocks pays for
its links block by block. The body is expanded here in one pass instead; the page links in it
are then resolved together by `page_links.BulkPageLinkHandler`.
"""

from wagtail import blocks
from wagtail.rich_text import RichText, expand_db_html

BOUNDARY = "<!--rich-text-boundary-->"


def expand_in_bulk(stream_value):
    """Expand every rich text value in a StreamField value (or a list of block values) in one
    pass, in place."""
    values = list(rich_text_values(stream_value))
    if not values:
        return
    expanded = expand_db_html(BOUNDARY.join(value.source for value in values)).split(BOUNDARY)
    if len(expanded) != len(values):  # an editor typed the boundary: expand one by one
        return
    for value, html in zip(values, expanded, strict=True):
        value.source = html


def rich_text_values(value):
    if isinstance(value, RichText):
        yield value
    elif isinstance(value, blocks.StreamValue):
        for child in value:
            yield from rich_text_values(child.value)
    elif isinstance(value, blocks.StructValue):
        for child in value.values():
            yield from rich_text_values(child)
    elif isinstance(value, (list, blocks.list_block.ListValue)):
        for child in value:
            yield from rich_text_values(child)
