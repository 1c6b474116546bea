"""Which optional opt-ins a campaign's form offers under its consent box, and in which words
(campaigns.signing.opt_ins shows and records them; campaigns.models.opt_ins is the record).

The switches are the campaign's in every language (synchronised); its own words for the
campaign-updates opt-in are translated like the rest of the page. Empty, the organisation's
words are used (organisation.models.OrganisationSettings), else a default.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail_localize.fields import SynchronizedField


class OptInAsksMixin(models.Model):
    ask_campaign_updates = models.BooleanField(
        default=True,
        verbose_name=_("Ask for consent to send updates about this campaign"),
        help_text=_(
            "Adds an optional checkbox under the consent box, never ticked in advance: "
            "supporters who tick it agree to be emailed news of this campaign. Without their "
            "tick, the law (Hong Kong's PDPO and the GDPR) lets us write to them only about "
            "their signature."
        ),
    )
    ask_other_campaigns = models.BooleanField(
        default=True,
        verbose_name=_("Ask for consent to write about the organisation's other campaigns"),
        help_text=_(
            "Adds a second optional checkbox, never ticked in advance: supporters who tick "
            "it agree to hear about the organisation's other campaigns. Its words are the "
            "organisation's (Settings → Organisation settings)."
        ),
    )
    campaign_updates_words = models.CharField(
        max_length=300,
        blank=True,
        verbose_name=_("words of the campaign-updates checkbox"),
        help_text=_(
            "Optional. Leave empty for the organisation's words (“Email me updates about "
            "this campaign.” unless changed in the organisation settings). Translators "
            "translate your words with the rest of the page. The words each supporter ticked "
            "are kept with their signature, so changing them later changes nothing for those "
            "who have already signed."
        ),
    )

    opt_in_panels = [
        MultiFieldPanel(
            [
                FieldPanel("ask_campaign_updates"),
                FieldPanel("campaign_updates_words"),
                FieldPanel("ask_other_campaigns"),
            ],
            heading=_("Staying in touch (optional for supporters)"),
            help_text=_(
                "The consent box covers the letter only. To write to supporters again, ask "
                "them here: each checkbox is optional and shown under the form in the "
                "supporter's language."
            ),
        )
    ]
    opt_in_synchronised_fields = [
        SynchronizedField("ask_campaign_updates", overridable=False),
        SynchronizedField("ask_other_campaigns", overridable=False),
    ]

    class Meta:
        abstract = True

    def opt_in_shared_fields(self):
        """For get_fields_shared_by_translations: the switches, the same in every language."""
        return {
            "ask_campaign_updates": self.ask_campaign_updates,
            "ask_other_campaigns": self.ask_other_campaigns,
        }
