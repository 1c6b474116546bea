"""The campaign page's editing form: checks that span the page and its form fields."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm


class CampaignPageForm(WagtailAdminPageForm):
    def clean(self):
        cleaned_data = super().clean()
        if cleaned_data.get("require_confirmation") and not self.has_email_field():
            self.add_error(
                "require_confirmation",
                _(
                    "Supporters can only be asked to confirm their email address if the form "
                    "asks for it: add an Email field under Form fields, or untick this box."
                ),
            )
        return cleaned_data

    def has_email_field(self):
        fields = self.formsets["form_fields"]
        return any(
            form.cleaned_data.get("field_type") == "email"
            for form in fields.forms
            if form.is_valid() and not fields._should_delete_form(form)
        )
