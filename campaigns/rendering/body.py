"""A campaign's body as its template walks it, block by block, converting nothing it need not.

Most blocks read the same for every reader and are cached as page fragments
(caching/templatetags/page_fragments.py); whether a block is cached, and its key, come from the
stored JSON. The cached blocks are converted only when one of them must be rendered (its fragment
is not cached yet), and then all at once, with their images and page links fetched together
(campaigns.rendering.images, .rich_text): a fixed number of queries however many blocks
there are, and none while the fragments are warm. The blocks rendered on every view (the action
form, the closure notice) are converted on their own, their links fetched together.

While the action is open the page is laid out in two columns from 1024 px (campaign_page.html):
the story, and beside it the action form block in a column of its own. The form is in the HTML
once (its fields' ids are unique), so the story is split around it (`lead`, then the form, then
`rest`) and CSS grid puts the form beside both on a wide screen.
"""

from django.utils.functional import cached_property

from .images import page_images
from .rich_text import expand_in_bulk

# Block names in CampaignBodyBlock (campaigns.blocks).
ACTION_FORM, DEMANDS = "action_form", "demands"


class PreparedBody:
    """The page's body, converted on first use with its images and links fetched in bulk."""

    def __init__(self, page, field_name="body"):
        self.page, self.field_name = page, field_name

    def prepare(self):
        """Before the first fragment not cached is rendered (caching.templatetags.page_fragments):
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
        while the other blocks are cached, nothing else is converted."""
        stream = getattr(self.page, self.field_name)
        blocks = {
            part.index: stream[part.index]
            for fragment in self
            for part in fragment.parts
            if not part.cached
        }
        expand_in_bulk([block.value for block in blocks.values()])
        return blocks

    def __iter__(self):
        """The body as fragments: each run of cached blocks, then each block rendered per view."""
        return self.fragments(self.parts)

    @cached_property
    def parts(self):
        stream = getattr(self.page, self.field_name)
        return [
            BodyPart(self, index, raw, stream.stream_block.child_blocks[raw["type"]])
            for index, raw in enumerate(stream.raw_data)
        ]

    # --- the two-column layout ---------------------------------------------------------------

    @cached_property
    def action_form(self):
        """The action form block (there is at most one: CampaignBodyBlock's block_counts), or
        None."""
        return next((part for part in self.parts if part.type == ACTION_FORM), None)

    @cached_property
    def lead_count(self):
        """How many blocks come before the form on a phone, where the columns are stacked.

        Not where the editor put it, which is usually after the whole story (three phone screens
        down), but after the story's first block: what is wrong, then the form. Two blocks when
        the second is the demands: supporters read what they sign before they sign it. Where the
        editor put it, if that is sooner."""
        form = self.action_form
        if form is None:
            return len(self.parts)
        lead = 2 if len(self.parts) > 1 and self.parts[1].type == DEMANDS else 1
        return min(form.index, lead)

    def lead(self):
        """The fragments before the form (on a phone) and beside its top (on a wide screen)."""
        return self.fragments(self.parts[: self.lead_count], skip=self.action_form)

    def rest(self):
        """The fragments after the form: the rest of the story, the form left out."""
        return self.fragments(self.parts[self.lead_count :], skip=self.action_form)

    @staticmethod
    def fragments(parts, skip=None):
        run = []
        for part in parts:
            if part is skip:
                continue
            if part.cached:
                run.append(part)
                continue
            if run:
                yield Fragment(run)
                run = []
            yield Fragment([part])
        if run:
            yield Fragment(run)


class BodyPart:
    def __init__(self, body, index, raw, definition):
        self.body, self.index = body, index
        self.id, self.type = raw.get("id"), raw["type"]
        # As stored, for the hero's link to the form (campaigns/includes/hero.html): nothing to
        # convert for a string.
        self.raw_value = raw.get("value")
        # The action form (a new token on each view, the supporter's answers) and the closure
        # notice (open or closed by the clock) say so in their Meta; a block with no id has no key.
        self.cached = bool(self.id) and not getattr(definition.meta, "rendered_per_view", False)

    @property
    def block(self):
        converted = self.cached or "value" in vars(self.body)  # all of them already, then
        return (self.body.value if converted else self.body.rendered_per_view)[self.index]


class Fragment:
    """Blocks next to each other that are cached together, in one page fragment; or one block
    that is rendered on every view."""

    def __init__(self, parts):
        self.parts = parts
        self.cached = parts[0].cached
        self.key = "-".join(part.id for part in parts) if self.cached else None
