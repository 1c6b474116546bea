"""The supporter-facing form, built from the fields editors define in the admin."""

import django.forms
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.forms.forms import FormBuilder

# Long enough for a heartfelt letter, short enough that one post cannot fill the database.
MULTILINE_MAX_LENGTH = 5000


class CampaignFormBuilder(FormBuilder):
    def create_singleline_field(self, field, options):
        form_field = super().create_singleline_field(field, options)
        # Names, countries and the like: let phones suggest what the supporter typed before.
        autocomplete = AUTOCOMPLETE_BY_NAME.get(field.clean_name)
        if autocomplete:
            form_field.widget.attrs["autocomplete"] = autocomplete
        return form_field

    def create_multiline_field(self, field, options):
        options["max_length"] = MULTILINE_MAX_LENGTH
        options["widget"] = django.forms.Textarea(attrs={"rows": 8})
        return super().create_multiline_field(field, options)

    def create_email_field(self, field, options):
        options["max_length"] = 254
        form_field = super().create_email_field(field, options)
        form_field.widget.attrs.update(autocomplete="email", spellcheck="false")
        return form_field


class SampleActionForm(django.forms.Form):
    """Stands in for a page's own form where there is no page: the block picker's preview."""

    name = django.forms.CharField(label=_("Full name"))
    email = django.forms.EmailField(label=_("Email"))


AUTOCOMPLETE_BY_NAME = {
    "first_name": "given-name",
    "last_name": "family-name",
    "full_name": "name",
    "name": "name",
    "country": "country-name",
    "postcode": "postal-code",
}
