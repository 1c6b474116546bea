"""The fields of a campaign's action form, as editors define them in Wagtail's form builder."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django_countries import countries
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.forms.models import FORM_FIELD_CHOICES, AbstractFormField
from wagtail.models import TranslatableMixin
from wagtail_localize.fields import SynchronizedField

# Wagtail's types, and a country: a list of countries stores one ISO code per answer, so "UK",
# "United Kingdom" and "英國" are one answer and signatures can be counted by country.
FIELD_TYPES = (*FORM_FIELD_CHOICES, ("country", _("Country")))

# The types whose answers are picked from the field's choices.
CHOICE_TYPES = ("checkboxes", "dropdown", "multiselect", "radio")
# The types a default value makes sense for. Anything else would be pre-filled with text the
# field cannot take, or, for a checkbox, ticked in advance: consent must be given, not assumed.
DEFAULT_VALUE_TYPES = ("singleline", "multiline", "email", "number", "url", "hidden", "checkboxes")


class CampaignFormField(TranslatableMixin, AbstractFormField):
    """A field of a campaign's action form.

    Labels, help text, choices and the default message are translated; the key a value is stored
    under (`clean_name`) is the same in every language, so submissions line up in one export.
    """

    page = ParentalKey("CampaignPage", on_delete=models.CASCADE, related_name="form_fields")
    field_type = models.CharField(verbose_name=_("field type"), max_length=16, choices=FIELD_TYPES)
    field_type.required_on_save = True  # as Wagtail's: previews build the form from it

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
                "Single line for names, Email for addresses, Country for a list of countries, "
                "Multi-line for a message supporters can edit, Checkbox for consent."
            ),
        ),
        FieldPanel(
            "choices",
            classname="formbuilder-choices",
            help_text=_("One choice per line."),
        ),
        FieldPanel(
            "default_value",
            classname="formbuilder-default",
            help_text=_("Pre-filled text, e.g. the letter supporters can edit before sending."),
        ),
    ]

    class Meta(TranslatableMixin.Meta, AbstractFormField.Meta):
        verbose_name = _("form field")
        verbose_name_plural = _("form fields")

    def __str__(self):
        return self.label

    @property
    def stores_codes(self):
        """Whether answers are stored as codes, and named for people by `answer_for_people`."""
        return self.field_type == "country"

    def answer_for_people(self, value):
        """A stored answer as people read it, in the active language: a country's name for its
        code. Everything else is stored as it is shown."""
        if self.stores_codes and value:
            return countries.name(value) or value
        return value
