"""The campaign page's editing form: checks that span the page and its form fields.

A draft may be incomplete: Wagtail saves drafts as the editor goes (autosave, "Save draft")
and defers required fields for them, so these checks wait for the same moment Wagtail's own
do, when the page is published, scheduled or submitted for moderation. That is when a page
that nobody can sign, or that signs people up without their consent, would reach supporters.

The checks are on what only the source page's editor can change (which blocks the body has,
which form fields and of what type): a translation copies them from its source, so its editor
is never stopped by them.
"""

from django.core.exceptions import ValidationError
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.blocks import StreamBlockValidationError
from wagtail.blocks.struct_block import StructBlockValidationError

from campaigns import next_steps
from campaigns.block_defaults import use_page_language_for_defaults
from campaigns.signing.forms import CHOICE_TYPES
from organisation.models import OrganisationSettings
from portal.languages import language_code
from publishing.in_step import is_source


class CampaignPageForm(WagtailAdminPageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.locale_id:
            use_page_language_for_defaults(self, language_code(self.instance.locale_id))

    def clean(self):
        cleaned_data = super().clean()
        if self.is_deferred_validation or not self.checks_apply:
            return cleaned_data
        self.check_action_form()
        fields = self.form_fields
        if fields:
            self.check_choices(fields)
            self.check_consent(fields)
            self.check_email(fields)
        self.check_hero_alt_text()
        self.check_next_steps()
        return cleaned_data

    @property
    def checks_apply(self):
        return self.instance.locale_id is None or is_source(self.instance)

    @cached_property
    def form_fields(self):
        """The form fields the page keeps (not deleted, not left blank) whose own values are
        valid: the others show their own errors."""
        return [
            form
            for form in self.formsets["form_fields"].forms
            if (form.instance.pk or form.has_changed())
            and form.is_valid()
            and not form.cleaned_data.get("DELETE")
        ]

    def check_action_form(self):
        body = self.cleaned_data.get("body")
        if body is None:  # the body has errors of its own
            return
        has_block = any(block.block_type == "action_form" for block in body)
        if not has_block:
            self.add_error(
                "body",
                StreamBlockValidationError(
                    non_block_errors=[
                        ValidationError(
                            _(
                                "Add an 'Action form' block: it shows the form supporters "
                                "sign. Without it the page has nothing to sign."
                            )
                        )
                    ]
                ),
            )
        if not self.form_fields:
            self.add_formset_error(
                _(
                    "Add the fields supporters fill in: at least an Email field and a "
                    "Checkbox for their consent. Without fields, the Action form block "
                    "shows no form."
                )
            )

    def check_choices(self, fields):
        for form in fields:
            if form.cleaned_data.get("field_type") in CHOICE_TYPES and not choices(form):
                form.add_error(
                    "choices",
                    _(
                        "Add the options supporters choose from, one per line. Without "
                        "them nobody can answer this field."
                    ),
                )

    def check_consent(self, fields):
        checkboxes = [form for form in fields if form.cleaned_data.get("field_type") == "checkbox"]
        if not checkboxes:
            self.add_formset_error(
                _(
                    "Add a consent checkbox: a field of type 'Checkbox', required, whose "
                    "label says what supporters agree to, e.g. 'I agree to the privacy "
                    "notice'."
                )
            )
        elif not any(form.cleaned_data.get("required") for form in checkboxes):
            checkboxes[0].add_error(
                "required",
                _(
                    "Tick 'Required' on the consent checkbox, so that nobody signs "
                    "without agreeing."
                ),
            )

    def check_email(self, fields):
        emails = [form for form in fields if form.cleaned_data.get("field_type") == "email"]
        if self.cleaned_data.get("require_confirmation"):
            if not emails:
                self.add_error(
                    "require_confirmation",
                    _(
                        "Supporters can only be asked to confirm their email address if the "
                        "form asks for it: add an Email field under Form fields, or untick "
                        "this box."
                    ),
                )
            elif not any(form.cleaned_data.get("required") for form in emails):
                emails[0].add_error(
                    "required",
                    _(
                        "Tick 'Required': supporters are asked to confirm their email "
                        "address, and a signature without one could never count."
                    ),
                )
        if self.cleaned_data.get("send_thank_you_email") and not emails:
            self.add_error(
                "send_thank_you_email",
                _(
                    "The thank-you email goes to the address in the form's Email field: add "
                    "an Email field under Form fields, or untick this box."
                ),
            )

    def check_hero_alt_text(self):
        if self.cleaned_data.get("hero_image") and not self.cleaned_data.get("hero_image_alt"):
            self.add_error(
                "hero_image_alt",
                _(
                    "Describe the hero image for people who cannot see it, e.g. 'Protesters "
                    "holding candles in Victoria Park'."
                ),
            )

    def check_next_steps(self):
        """A donation step needs a donation page (its own or the organisation's); a chosen
        campaign must be another one, live and open. Left empty, a step has a default."""
        steps = self.cleaned_data.get("next_steps")
        if not steps:  # empty (the default order) or with errors of its own
            return
        errors = {}
        for index, block in enumerate(steps):
            if block.block_type == next_steps.DONATION:
                if not block.value.get("url") and not self.organisation_donation_url:
                    errors[index] = StructBlockValidationError(
                        block_errors={
                            "url": ValidationError(
                                _(
                                    "Enter the address of the donation page, or set the "
                                    "organisation's donation page under Settings → "
                                    "Organisation settings."
                                )
                            )
                        }
                    )
            elif block.block_type == next_steps.CAMPAIGN and block.value.get("page"):
                message = self.campaign_step_error(block.value["page"])
                if message:
                    errors[index] = StructBlockValidationError(
                        block_errors={"page": ValidationError(message)}
                    )
        if errors:
            self.add_error("next_steps", StreamBlockValidationError(block_errors=errors))

    @cached_property
    def organisation_donation_url(self):
        language = language_code(self.instance.locale_id) if self.instance.locale_id else ""
        organisation = OrganisationSettings.look_up(language)
        return organisation.donation_url if organisation else ""

    def campaign_step_error(self, chosen):
        if self.instance.pk and chosen.translation_key == self.instance.translation_key:
            return _("Choose another campaign: this is the page itself.")
        chosen = chosen.specific
        if not chosen.live or not chosen.action_is_open:
            return _(
                "This campaign is not open for signing: choose an open one, or leave the field "
                "empty to offer the open campaign closing soonest."
            )
        return None

    def add_formset_error(self, message):
        # Shown above the form fields in the Action form tab; it makes the formset, and so the
        # page's form, invalid.
        self.formsets["form_fields"].non_form_errors().append(message)


def choices(form):
    return [line for line in form.cleaned_data.get("choices", "").splitlines() if line.strip()]
