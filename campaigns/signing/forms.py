"""The supporter-facing form, built from the fields editors define in the admin."""

import logging

import django.forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django_countries import countries
from wagtail.contrib.forms.forms import BaseForm, FormBuilder
from wagtail.models import Locale

from campaigns.models.form_fields import CHOICE_TYPES, DEFAULT_VALUE_TYPES, CampaignFormField

from . import bots, captcha, errors, opt_ins, partners, tokens
from .supporters import with_idna_domain
from .text import clean_text

logger = logging.getLogger(__name__)

# Long enough for a heartfelt letter, short enough that one post cannot fill the database.
MULTILINE_MAX_LENGTH = 5000


class CampaignForm(BaseForm):
    # Fields the form needs but the signature must not keep: never stored, never emailed.
    # The partner's consent line on the embedded form (campaigns.signing.partners) is kept
    # apart, in the signature's `partner_consent`; it and the other optional opt-ins are kept
    # as OptIn rows (campaigns.signing.opt_ins).
    transient_fields = (bots.HONEYPOT, tokens.FIELD, captcha.FIELD_NAME, *opt_ins.FIELDS)
    # The opt-ins this form offers (opt_ins.with_opt_ins), shown together after the rest.
    opt_in_offers = ()

    def __init__(self, data=None, *args, **kwargs):
        # Cleaned before the fields see it (campaigns.signing.text): a name of bidi overrides
        # alone is then empty, and a required field says so; the form shown again with errors
        # holds the text as it will be stored.
        if hasattr(data, "getlist"):  # a request's QueryDict
            data = data.copy()
            for key in data:
                data.setlist(key, [clean_text(value) for value in data.getlist(key)])
        elif data is not None:  # a plain dict (the editor's "Form with errors" preview)
            data = {k: clean_text(v) if isinstance(v, str) else v for k, v in data.items()}
        super().__init__(data, *args, **kwargs)

    def full_clean(self):
        super().full_clean()
        if self._errors:
            self.write_own_messages()

    def write_own_messages(self):
        """Our messages for Django's (campaigns.signing.errors), and no error on a hidden
        field: the supporter could neither see nor mend it. A hidden field keeps the editor's
        value; only a forged post changes it, and what else it says is checked as any post is."""
        for name in list(self._errors):
            field = self.fields.get(name)
            if field is None:  # non-field errors
                continue
            if getattr(field, "field_type", None) == "hidden":
                del self._errors[name]
                self.cleaned_data[name] = field.initial or ""
                continue
            field_type = getattr(field, "field_type", None)
            messages = [
                errors.message_for(field_type, error.code, field.label, error.params)
                or next(iter(error))
                for error in self._errors[name].as_data()
            ]
            self._errors[name] = self.error_class(messages, renderer=self.renderer)

    @property
    def opt_in_names(self):
        return [offer.field_name for offer in self.opt_in_offers]

    @property
    def opt_in_fields(self):
        return [self[name] for name in self.opt_in_names]

    @property
    def consent_given(self):
        """The ticked checkboxes, as the supporter read them (label and help text)."""
        return "\n".join(
            " ".join(filter(None, [str(field.label), str(field.help_text)]))
            for name, field in self.fields.items()
            if isinstance(field, django.forms.BooleanField)
            and self.cleaned_data.get(name) is True
            and name not in self.transient_fields
        )

    @property
    def partner_consent_given(self):
        """The partner's consent line as the supporter read it, if they ticked it; else None."""
        field = self.fields.get(partners.CONSENT_FIELD)
        if field is None or self.cleaned_data.get(partners.CONSENT_FIELD) is not True:
            return None
        return str(field.label)

    @property
    def signature_data(self):
        """What is stored and emailed: the supporter's answers, nothing else."""
        return {
            name: value
            for name, value in self.cleaned_data.items()
            if name not in self.transient_fields
        }


class CampaignFormBuilder(FormBuilder):
    """Builds the supporter's form.

    On a translation, choices show the translated labels but keep the source language's values,
    so the same answer is stored the same way in every language and the export lines up. A
    translation whose choices do not line up with the source's (another number of lines) shows
    the source's choices instead: an answer stored in another language's words could never be
    counted with the others, and nobody would notice.
    """

    def get_form_class(self):
        return type("CampaignForm", (CampaignForm,), self.formfields)

    @property
    def formfields(self):
        fields = super().formfields
        # Each field knows its type, for its error messages (campaigns.signing.errors).
        for field in self.fields:
            fields[field.clean_name or field.get_field_clean_name()].field_type = field.field_type
        fields.update(bots.bot_trap_fields())
        if settings.RECAPTCHA_ENABLED:
            fields[captcha.FIELD_NAME] = captcha.captcha_field()
        return fields

    def get_field_options(self, field):
        options = super().get_field_options(field)
        if field.field_type not in DEFAULT_VALUE_TYPES:
            # Left from before the editor changed the type; never a pre-ticked box.
            options.pop("initial")
        return options

    @cached_property
    def source_fields(self):
        default_locale = Locale.get_default()
        keys = [
            field.translation_key
            for field in self.fields
            if field.field_type in CHOICE_TYPES
            and field.locale_id not in (None, default_locale.pk)
        ]
        if not keys:
            return {}
        sources = CampaignFormField.objects.filter(translation_key__in=keys, locale=default_locale)
        return {field.translation_key: field for field in sources}

    def get_formatted_field_choices(self, field):
        choices = super().get_formatted_field_choices(field)
        source = self.source_fields.get(field.translation_key)
        if source is None:
            return choices
        source_choices = super().get_formatted_field_choices(source)
        if len(source_choices) != len(choices):
            logger.warning(
                "The %s choices of %r (page %s) do not line up with the source's: "
                "%d lines for %d. The source's choices are shown until they do.",
                field.locale,
                source.label,
                field.page_id,
                len(choices),
                len(source_choices),
            )
            return source_choices
        values = [value for value, _label in source_choices]
        return [(value, label) for value, (_value, label) in zip(values, choices, strict=True)]

    def get_formatted_field_initial(self, field):
        initial = super().get_formatted_field_initial(field)
        value_by_label = {label: value for value, label in self.get_formatted_field_choices(field)}
        return [value_by_label.get(item, item) for item in initial]

    def create_dropdown_field(self, field, options):
        form_field = super().create_dropdown_field(field, options)
        # Without an empty first choice, a supporter who skips the list answers its first line.
        form_field.choices = [("", CHOOSE), *form_field.choices]
        return form_field

    def create_country_field(self, field, options):
        # A callable: the names are listed in the language of each request, not of the first.
        options["choices"] = country_choices
        form_field = django.forms.ChoiceField(**options)
        form_field.widget.attrs["autocomplete"] = "country"
        return form_field

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
        form_field = SupporterEmailField(**options)
        form_field.widget.attrs.update(autocomplete="email", spellcheck="false")
        return form_field


CHOOSE = _("Choose…")


def country_choices():
    """Every ISO 3166 country by its code, named and sorted in the active language."""
    return [("", CHOOSE), *countries]


class SupporterEmailField(django.forms.EmailField):
    """An address we can write to: its domain in IDNA form, and a domain on the internet, not
    an IP address or a name without a dot (Django's validator accepts user@localhost and
    user@[127.0.0.1])."""

    default_error_messages = {
        "no_domain": _("Enter an email address with a full domain name, like name@example.com."),
    }

    def to_python(self, value):
        value = super().to_python(value)
        return with_idna_domain(value) if "@" in value else value

    def run_validators(self, value):
        super().run_validators(value)  # Django's: the address's form
        if value in self.empty_values:
            return
        domain = value.rpartition("@")[2]
        top_level = domain.rpartition(".")[2]
        if domain.startswith("[") or "." not in domain or top_level.isdigit():
            raise ValidationError(self.error_messages["no_domain"], code="no_domain")


class SampleActionForm(django.forms.Form):
    """Stands in for a page's own form where there is no page: the block picker's preview."""

    name = django.forms.CharField(label=_("Full name"))
    email = django.forms.EmailField(label=_("Email"))
    # What campaigns/includes/form_fields.html asks of a page's form (campaigns.signing.opt_ins):
    # without them its `not in` test fails, and the preview showed no field at all.
    opt_in_names = ()
    opt_in_fields = ()


AUTOCOMPLETE_BY_NAME = {
    "first_name": "given-name",
    "last_name": "family-name",
    "full_name": "name",
    "name": "name",
    "country": "country-name",
    "postcode": "postal-code",
}
