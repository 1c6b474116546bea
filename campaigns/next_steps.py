"""The next step after signing: what the thank-you page offers below the thanks, in the order the
campaign's editor chose: sharing, a donation link and another campaign.

Editors choose in the Action form tab ("Next steps after signing"), a small StreamField of three
optional block types, each at most once: the order of the blocks is the order on the page. It is
the source page's: wagtail-localize copies the blocks' order to every translation and offers
their words (the donation link's text and message) for translation, and their addresses (the
donation page, the campaign chosen) as values a translation may override. Left empty, the page
offers all three in DEFAULT_ORDER; a step with nothing to show (no donation page anywhere, no
other open campaign) is left out rather than shown broken.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from campaigns.chooser_blocks import CampaignChooserBlock

SHARE, DONATION, CAMPAIGN = "share", "donation", "campaign"
DEFAULT_ORDER = (SHARE, DONATION, CAMPAIGN)


@dataclass
class Step:
    """One next step as the thank-you page shows it, every default filled in."""

    kind: str
    label: str = ""
    text: str = ""
    url: str = ""
    campaigns: list = field(default_factory=list)


class ShareStepBlock(blocks.StaticBlock):
    class Meta:
        icon = "link"
        label = _("Share")
        admin_text = _(
            "The share links (WhatsApp, Telegram, email and others) with the campaign's share "
            "text from the Promote tab. Nothing to fill in."
        )
        description = _("Ask supporters to share the campaign with their friends.")


PARTS = ("label", "text", "url")


class DonationStepBlock(blocks.StructBlock):
    def get_context(self, value, parent_context=None):
        # The same template as the thank-you page's, which gives it a Step (block previews).
        context = super().get_context(value, parent_context)
        return {**context, "step": Step(DONATION, **{k: value.get(k) or "" for k in PARTS})}

    label = blocks.CharBlock(
        required=False,
        max_length=60,
        label=_("Link text"),
        help_text=_(
            "Optional. For example: Give to keep this campaign going. The organisation's "
            "donation link text (Settings → Organisation settings) if empty."
        ),
    )
    text = blocks.CharBlock(
        required=False,
        max_length=250,
        label=_("Message"),
        help_text=_("Optional. A sentence above the link; the organisation's if empty."),
    )
    url = blocks.URLBlock(
        required=False,
        label=_("Donation page"),
        help_text=_(
            "Optional. The organisation's donation page (Settings → Organisation settings) if "
            "empty."
        ),
    )

    class Meta:
        icon = "pick"
        label = _("Donation link")
        template = "campaigns/next_steps/donation.html"
        description = _("A link to the page where supporters give.")
        preview_value = {
            "label": _("Donate"),
            "text": _("Your gift pays for research and campaigns like this one."),
            "url": "https://example.org/donate",
        }


class CampaignStepBlock(blocks.StructBlock):
    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        page = value.get("page")
        return {**context, "step": Step(CAMPAIGN, campaigns=[page] if page else [])}

    page = CampaignChooserBlock(
        page_type="campaigns.CampaignPage",
        required=False,
        label=_("Campaign"),
        help_text=_(
            "Optional. The open campaign closing soonest, in the supporter's language, if empty."
        ),
    )

    class Meta:
        icon = "doc-full"
        label = _("Another campaign")
        template = "campaigns/next_steps/campaign.html"
        description = _("Invite supporters to take part in another open campaign.")
        preview_value = {}


class NextStepsBlock(blocks.StreamBlock):
    share = ShareStepBlock()
    donation = DonationStepBlock()
    campaign = CampaignStepBlock()

    class Meta:
        block_counts = {SHARE: {"max_num": 1}, DONATION: {"max_num": 1}, CAMPAIGN: {"max_num": 1}}


def steps_for(page, organisation=None):
    """The steps `page`'s thank-you page shows, in order, in the page's language."""
    chosen = [(block.block_type, block.value) for block in page.next_steps or []]
    if not chosen:
        chosen = [(kind, {}) for kind in DEFAULT_ORDER]
    steps = []
    for kind, value in chosen:
        step = build(kind, value or {}, page, organisation)
        if step is not None:
            steps.append(step)
    return steps


def build(kind, value, page, organisation):
    if kind == SHARE:
        return Step(SHARE)
    if kind == DONATION:
        url = value.get("url") or (organisation.donation_url if organisation else "")
        if not url:
            return None
        return Step(
            DONATION,
            label=value.get("label") or (organisation and organisation.donation_label) or "",
            text=value.get("text") or (organisation and organisation.donation_text) or "",
            url=url,
        )
    if kind == CAMPAIGN:
        campaign = open_campaign(value.get("page"), page) or next(
            iter(page.other_open_campaigns), None
        )
        return Step(CAMPAIGN, campaigns=[campaign]) if campaign else None
    return None


def open_campaign(chosen, page):
    """The editor's chosen campaign in the reader's language, if it is live and open there and
    is not the page itself; else None (the first other open campaign takes its place)."""
    if chosen is None:
        return None
    chosen = chosen.localized
    if not chosen.live or chosen.translation_key == page.translation_key:
        return None
    return chosen if chosen.action_is_open else None
