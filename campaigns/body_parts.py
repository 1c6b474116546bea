"""A campaign's body as its template walks it, block by block, converting nothing it need not.

Most blocks read the same for every reader and are kept as page fragments
(home/templatetags/page_fragments.py); whether a block is kept, and its key, come from the stored
JSON. The kept blocks are converted only when one of them must be rendered (its fragment is not
kept yet), and then all at once, with their images and page links fetched together
(campaigns/images.py, campaigns/rich_text.py): a fixed number of queries however many blocks
there are, and none while the fragments are warm. The blocks rendered on every view (the action
form, the closure notice) are converted on their own, their links fetched together.
"""

from django.utils.functional import cached_property

from .images import page_images
from .rich_text import expand_in_bulk


class PreparedBody:
    """The page's body, converted on first use with its images and links fetched in bulk."""

    def __init__(self, page, field_name="body"):
        self.page, self.field_name = page, field_name

    def prepare(self):
        """Before the first fragment not kept is rendered (home/templatetags/page_fragments.py):
        the page's images, the hero and the social image included, come with the body's."""
        self.value  # noqa: B018

    @cached_property
    def value(self):
        with page_images(self.page, self.field_name):
            stream = getattr(self.page, self.field_name)
            expand_in_bulk(stream)
        return stream

    @cached_property
    def rendered_per_view(self):
        """Only the blocks rendered on every view, by index, with their links fetched together:
        while the other blocks are kept, nothing else is converted."""
        stream = getattr(self.page, self.field_name)
        blocks = {
            part.index: stream[part.index]
            for stretch in self
            for part in stretch.parts
            if not part.kept
        }
        expand_in_bulk([block.value for block in blocks.values()])
        return blocks

    def __iter__(self):
        """The body as stretches: each run of kept blocks, then each block rendered per view."""
        stream = getattr(self.page, self.field_name)
        run = []
        for index, raw in enumerate(stream.raw_data):
            part = BodyPart(self, index, raw, stream.stream_block.child_blocks[raw["type"]])
            if part.kept:
                run.append(part)
                continue
            if run:
                yield Stretch(run)
                run = []
            yield Stretch([part])
        if run:
            yield Stretch(run)


class BodyPart:
    def __init__(self, body, index, raw, definition):
        self.body, self.index = body, index
        self.id = raw.get("id")
        # The action form (a new token on each view, the supporter's answers) and the closure
        # notice (open or closed by the clock) say so in their Meta; a block with no id has no key.
        self.kept = bool(self.id) and not getattr(definition.meta, "rendered_per_view", False)

    @property
    def block(self):
        converted = self.kept or "value" in vars(self.body)  # all of them already, then
        return (self.body.value if converted else self.body.rendered_per_view)[self.index]


class Stretch:
    """Blocks next to each other that are kept together, in one fragment; or one block that is
    rendered on every view."""

    def __init__(self, parts):
        self.parts = parts
        self.kept = parts[0].kept
        self.key = "-".join(part.id for part in parts) if self.kept else None
