"""The campaign page's editing tabs: the story, the action form, the emails, sharing."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    HelpPanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.contrib.forms.panels import FormSubmissionsPanel
from wagtail.models import Page

from promote.models import ShareTextMixin, SocialPreviewMixin
from publishing.panels import with_zoned_schedule

from .embed_panel import PartnerEmbedPanel
from .form_builder_panel import FormFieldsPanel
from .opt_in_asks import OptInAsksMixin

content_panels = [
    *Page.content_panels,
    FieldPanel("summary"),
    FieldPanel("hero_image"),
    FieldPanel("hero_image_alt"),
    FieldPanel("body"),
]

action_panels = [
    HelpPanel(
        content=_(
            "Add an 'Action form' block to the body to choose where this form appears. "
            "A long message for supporters to edit is a 'Multi-line text' field whose "
            "default value is the message."
        )
    ),
    FieldRowPanel([FieldPanel("action_closes_at"), FieldPanel("signature_goal")]),
    FieldPanel("raise_goal_when_reached"),
    HelpPanel(
        content=_(
            "'Action closes at' stops signing and keeps the page online. To publish or "
            "unpublish the page at a set time, save a draft and choose 'Set schedule' in the "
            "Status side panel."
        )
    ),
    FieldPanel("signatures_per_connection"),
    # No min_num: Django's "Please submit at least 1 form." would say less than
    # CampaignPageForm's own message.
    FormFieldsPanel("form_fields", label=_("Form fields")),
    # Under the form's fields, where its consent box is: the optional boxes that follow it.
    *OptInAsksMixin.opt_in_panels,
    FieldPanel("thank_you_text"),
    FieldPanel("next_steps"),
    FormSubmissionsPanel(),
]

email_panels = [
    MultiFieldPanel(
        [
            FieldPanel(
                "to_address",
                help_text=_(
                    "Who on the campaign team receives each signature by email. "
                    "Separate several addresses with commas."
                ),
            ),
            FieldRowPanel(
                [
                    FieldPanel(
                        "from_address",
                        help_text=_("Sender address; the site's default if empty."),
                    ),
                    FieldPanel(
                        "subject",
                        help_text=_("Subject line; 'New signature: <title>' if empty."),
                    ),
                ]
            ),
        ],
        heading=_("Notification email to the campaign team"),
    ),
    MultiFieldPanel(
        [
            HelpPanel(
                content=_(
                    "Supporters' letters are emailed to the target on their behalf: "
                    "the name and message of each counted signature, in the language it "
                    "was written in, from the sender address above. Each letter is "
                    "delivered once. The delivery pack (in the list of signatures) holds "
                    "every letter for printing or handing over in person."
                )
            ),
            FieldPanel("target_address"),
            FieldRowPanel([FieldPanel("delivery_mode"), FieldPanel("digest_hour")]),
        ],
        heading=_("Delivery of letters to the target"),
    ),
    FieldPanel("require_confirmation"),
    MultiFieldPanel(
        [
            FieldPanel("send_thank_you_email"),
            FieldPanel("thank_you_email_subject"),
            FieldPanel("thank_you_email_body"),
        ],
        heading=_("Thank-you email to supporters"),
    ),
    FieldRowPanel([FieldPanel("retention_days"), FieldPanel("retention_from")]),
]

edit_handler = TabbedInterface(
    [
        ObjectList(content_panels, heading=_("Content")),
        ObjectList(action_panels, heading=_("Action form")),
        ObjectList(email_panels, heading=_("Email")),
        ObjectList(
            [
                *SocialPreviewMixin.promote_panels,
                *ShareTextMixin.share_panels,
                PartnerEmbedPanel(heading=_("Sign form for partners' sites")),
            ],
            heading=_("Promote"),
        ),
        # The schedule dialog's fields. Wagtail shows no tab for them (they have nothing to
        # show in one), so no Settings tab holds only a note: the note is in the Action form tab.
        ObjectList(with_zoned_schedule(Page.settings_panels), heading=_("Settings")),
    ]
)
