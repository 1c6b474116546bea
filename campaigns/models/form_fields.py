"""The fields of a campaign's action form, as editors define them in Wagtail's form builder."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.forms.models import AbstractFormField
from wagtail.models import TranslatableMixin
from wagtail_localize.fields import SynchronizedField


class CampaignFormField(TranslatableMixin, AbstractFormField):
    """A field of a campaign's action form.

    Labels, help text, choices and the default message are translated; the key a value is stored
    under (`clean_name`) is the same in every language, so submissions line up in one export.
    """

    page = ParentalKey("CampaignPage", on_delete=models.CASCADE, related_name="form_fields")

    override_translatable_fields = [
        SynchronizedField("clean_name", overridable=False),
        SynchronizedField("field_type", overridable=False),
    ]

    panels = [
        FieldPanel(
            "label", help_text=_("The question or name of the field, as supporters see it.")
        ),
        FieldPanel(
            "help_text",
            help_text=_("Optional. A hint shown under the field, e.g. why you ask for it."),
        ),
        FieldPanel(
            "required", help_text=_("Supporters cannot sign without filling in this field.")
        ),
        FieldPanel(
            "field_type",
            classname="formbuilder-type",
            required_on_save=True,
            help_text=_(
                "Single line for names, Email for addresses, Multi-line for a message "
                "supporters can edit, Checkbox for consent."
            ),
        ),
        FieldPanel("choices", classname="formbuilder-choices"),
        FieldPanel(
            "default_value",
            classname="formbuilder-default",
            help_text=_("Pre-filled text, e.g. the letter supporters can edit before sending."),
        ),
    ]

    class Meta(TranslatableMixin.Meta, AbstractFormField.Meta):
        verbose_name = _("form field")
        verbose_name_plural = _("form fields")
