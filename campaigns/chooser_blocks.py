"""A page chooser for campaigns whose button reads in the editor's language, in a StreamField
(`CampaignChooserBlock`) and on a model's form (`CampaignChooserPanel`).

Wagtail's page chooser widget appends the page type to "Choose a page" when it is built
(`AdminPageChooser.__init__`: `choose_one_text += " (" + model_name + ")"`), which turns the
lazy text into a plain string in the language of the request that first built it. A block's
widget is built once per process, so every editor then read "Choose a page (Campaign page)" in
the language of whoever opened an editor first. This block's widget keeps its words lazy.
"""

from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import PageChooserPanel


def with_campaign_words(widget):
    widget.choose_one_text = _("Choose a campaign")
    widget.choose_another_text = _("Choose another campaign")
    widget.link_to_chosen_text = _("Edit this campaign")
    return widget


class CampaignChooserBlock(blocks.PageChooserBlock):
    """Wagtail's PageChooserBlock, given `page_type="campaigns.CampaignPage"`."""

    @cached_property
    def widget(self):
        return with_campaign_words(super().widget)

    def deconstruct(self):
        # Stored and migrated as Wagtail's own block: only the widget's words differ.
        _path, args, kwargs = super().deconstruct()
        return "wagtail.blocks.PageChooserBlock", args, kwargs


class CampaignChooserPanel(PageChooserPanel):
    """Wagtail's PageChooserPanel for a ForeignKey to a campaign: a model's form class, and so
    its widget, is built once per process too."""

    def __init__(self, field_name, page_type="campaigns.CampaignPage", **kwargs):
        super().__init__(field_name, page_type=page_type, **kwargs)

    def get_form_options(self):
        options = super().get_form_options()
        with_campaign_words(options["widgets"][self.field_name])
        return options
