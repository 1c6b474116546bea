"""The blocks an editor builds a campaign page from.

Each block has its own template under campaigns/templates/campaigns/blocks/, a description and
a preview value, so the block picker shows editors what they are about to add.
"""

from django.core.exceptions import ValidationError
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.embeds.blocks import EmbedBlock

from campaigns.block_defaults import PageLanguageCharBlock
from campaigns.chooser_blocks import CampaignChooserBlock
from campaigns.rendering.images import CampaignImageBlock
from campaigns.signing.forms import SampleActionForm

# Rich text in campaign copy: enough for emphasis, links and lists, nothing that breaks the layout.
TEXT_FEATURES = ["bold", "italic", "link", "ol", "ul"]


class BackgroundBlock(blocks.StructBlock):
    heading = blocks.CharBlock(
        required=False,
        max_length=120,
        label=_("Heading"),
        help_text=_("Optional. For example: What is happening"),
    )
    text = blocks.RichTextBlock(
        features=[*TEXT_FEATURES, "h3"],
        label=_("Text"),
        help_text=_("The facts supporters need: what happened, who is affected, why it matters."),
    )
    image = CampaignImageBlock(required=False, label=_("Image"))
    caption = blocks.CharBlock(required=False, max_length=250, label=_("Caption"))
    credit = blocks.CharBlock(
        required=False,
        max_length=120,
        label=_("Credit"),
        help_text=_("Photographer or source, shown under the image."),
    )

    class Meta:
        icon = "doc-full"
        label = _("Background")
        template = "campaigns/blocks/background.html"
        description = _("The story behind the campaign, with an optional photo.")
        preview_value = {
            "heading": _("What is happening"),
            "text": format_lazy(
                "<p>{}</p>",
                _(
                    "Peaceful protesters have been met with force, and no one has been held "
                    "to account."
                ),
            ),
        }


class DemandsBlock(blocks.StructBlock):
    heading = blocks.CharBlock(
        required=False,
        max_length=120,
        label=_("Heading"),
        help_text=_("Optional. For example: Our demands"),
    )
    target = blocks.CharBlock(
        max_length=120,
        label=_("Target"),
        help_text=_("Who the campaign asks to act, e.g. 'the Hong Kong government'."),
    )
    introduction = blocks.RichTextBlock(
        features=TEXT_FEATURES,
        required=False,
        label=_("Introduction"),
        help_text=_("Optional. A sentence that leads into the demands."),
    )
    demands = blocks.ListBlock(
        blocks.TextBlock(max_length=500, label=_("Demand")),
        min_num=1,
        label=_("Demands"),
        help_text=_("One demand per item, each starting with a verb: 'Establish…', 'Release…'."),
    )

    class Meta:
        icon = "list-ul"
        label = _("Demands")
        template = "campaigns/blocks/demands.html"
        description = _("What the campaign asks of its target, as a list.")
        preview_value = {
            "heading": _("Our demands"),
            "target": _("the government"),
            "demands": [
                _("Establish an independent inquiry into the use of force."),
                _("Respect the right to peaceful assembly."),
            ],
        }


class ActionFormBlock(blocks.StructBlock):
    """Marks where the page's form-builder form appears; the fields themselves are edited in the
    'Action form' tab."""

    heading = blocks.CharBlock(
        max_length=120,
        label=_("Heading"),
        help_text=_("For example: Write to the government"),
    )
    introduction = blocks.RichTextBlock(
        features=TEXT_FEATURES,
        required=False,
        label=_("Introduction"),
        help_text=_("Optional. Tell supporters what signing does."),
    )
    button_label = PageLanguageCharBlock(
        max_length=40,
        default=_("Sign now"),
        label=_("Button label"),
        help_text=_("A short verb, e.g. 'Sign now' or 'Send my message'."),
    )

    def get_preview_context(self, value, parent_context=None):
        context = super().get_preview_context(value, parent_context)
        return {**context, "action_open": True, "form": SampleActionForm()}

    class Meta:
        icon = "form"
        label = _("Action form")
        template = "campaigns/blocks/action_form.html"
        rendered_per_view = True  # a new form token each time, the supporter's answers
        description = _(
            "Shows the page's sign-up form here while the action is open. "
            "Edit its fields in the Action form tab."
        )
        preview_value = {
            "heading": _("Add your name"),
            "button_label": _("Sign now"),
        }


class ClosureNoticeValue(blocks.StructValue):
    @property
    def localized_campaigns(self):
        """The chosen campaigns in the reader's language, leaving out any not live in it."""
        pages = (page.localized for page in self.get("campaigns") or [] if page)
        return [page for page in pages if page.live]


class ClosureNoticeBlock(blocks.StructBlock):
    """Shown in place of the action form once the action has closed."""

    def get_preview_context(self, value, parent_context=None):
        context = super().get_preview_context(value, parent_context)
        return {**context, "action_open": False}

    heading = PageLanguageCharBlock(
        max_length=120,
        default=_("This action is closed"),
        label=_("Heading"),
    )
    text = blocks.RichTextBlock(
        features=TEXT_FEATURES,
        label=_("Thank-you text"),
        help_text=_("Thank supporters and say what happened with the action."),
    )
    campaigns = blocks.ListBlock(
        CampaignChooserBlock(page_type="campaigns.CampaignPage", label=_("Campaign")),
        required=False,
        default=[],
        label=_("Other campaigns"),
        help_text=_("Optional. Leave empty to list the other open campaigns automatically."),
    )

    class Meta:
        icon = "lock"
        label = _("Closure notice")
        template = "campaigns/blocks/closure_notice.html"
        rendered_per_view = True  # shown once the action closes, with the open campaigns
        value_class = ClosureNoticeValue
        description = _(
            "Replaces the action form once the action has closed, with thanks and links to "
            "other campaigns."
        )
        preview_value = {
            "heading": _("This action is closed"),
            "text": format_lazy("<p>{}</p>", _("Thank you for your support.")),
        }


class FigureBlock(blocks.StructBlock):
    image = CampaignImageBlock(label=_("Image"))
    caption = blocks.CharBlock(required=False, max_length=250, label=_("Caption"))
    credit = blocks.CharBlock(required=False, max_length=120, label=_("Credit"))

    class Meta:
        icon = "image"
        label = _("Image")
        template = "campaigns/blocks/figure.html"
        description = _("A photo with alt text, caption and credit.")
        preview_value = {"caption": _("A caption describes the photo.")}


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(max_length=1000, label=_("Quote"))
    attribution = blocks.CharBlock(
        required=False,
        max_length=120,
        label=_("Attribution"),
        help_text=_("Who said it, e.g. 'A protester, Hong Kong'."),
    )

    class Meta:
        icon = "openquote"
        label = _("Quote")
        template = "campaigns/blocks/quote.html"
        description = _("A quotation with the name of who said it.")
        preview_value = {
            "quote": _("We only want to be heard."),
            "attribution": _("A protester"),
        }


class VideoBlock(blocks.StructBlock):
    video = EmbedBlock(
        label=_("Video URL"),
        help_text=_("A YouTube or Vimeo address."),
    )
    caption = blocks.CharBlock(required=False, max_length=250, label=_("Caption"))

    class Meta:
        icon = "media"
        label = _("Video")
        template = "campaigns/blocks/video.html"
        description = _("An embedded video from YouTube or Vimeo.")
        # No video in the preview: fetching one would need the network.
        preview_value = {"caption": _("A video about the campaign.")}


class CallToActionValue(blocks.StructValue):
    @property
    def href(self):
        page = self.get("page")
        return page.localized.url if page else self.get("url")


class CallToActionBlock(blocks.StructBlock):
    heading = blocks.CharBlock(max_length=120, label=_("Heading"))
    text = blocks.TextBlock(required=False, max_length=500, label=_("Text"))
    button_label = blocks.CharBlock(max_length=40, label=_("Button label"))
    page = blocks.PageChooserBlock(
        required=False, label=_("Page"), help_text=_("Link to a page on this site…")
    )
    url = blocks.URLBlock(required=False, label=_("or a web address"))

    def clean(self, value):
        value = super().clean(value)
        if bool(value.get("page")) == bool(value.get("url")):
            message = _("Choose a page or enter a web address, not both.")
            raise StructBlockValidationError(
                block_errors={"page": ValidationError(message), "url": ValidationError(message)}
            )
        return value

    class Meta:
        icon = "pick"
        label = _("Call to action")
        template = "campaigns/blocks/call_to_action.html"
        description = _("A highlighted box with a button that links elsewhere.")
        value_class = CallToActionValue
        preview_value = {
            "heading": _("Stay informed"),
            "text": _("Read our latest report."),
            "button_label": _("Read the report"),
            "url": "https://example.org/",
        }


class CampaignBodyBlock(blocks.StreamBlock):
    background = BackgroundBlock()
    demands = DemandsBlock()
    action_form = ActionFormBlock()
    closure_notice = ClosureNoticeBlock()
    text = blocks.RichTextBlock(
        features=[*TEXT_FEATURES, "h2", "h3"],
        icon="pilcrow",
        label=_("Text"),
        template="campaigns/blocks/text.html",
        description=_("Paragraphs of formatted text."),
        preview_value=format_lazy("<p>{}</p>", _("A paragraph of text.")),
    )
    image = FigureBlock()
    quote = QuoteBlock()
    video = VideoBlock()
    call_to_action = CallToActionBlock()

    class Meta:
        block_counts = {
            "action_form": {"max_num": 1},
            "closure_notice": {"max_num": 1},
        }
