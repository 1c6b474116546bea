"""The form builder in the page editor: Wagtail's InlinePanel of form fields, made for editors.

Its controller (static/js/form-builder.js, a Stimulus controller registered with Wagtail's own
application) heads each field with its number, label and type, shows Choices and Default value
only for the types that use them, and offers the usual petition fields in one click.
"""

import json

from django import forms
from django.utils import translation
from django.utils.translation import gettext as _
from wagtail.admin.panels import InlinePanel

from .form_fields import CHOICE_TYPES, DEFAULT_VALUE_TYPES


def petition_fields():
    """The usual petition's fields, labelled in the active language."""
    return [
        {"label": _("First name"), "field_type": "singleline", "required": True},
        {"label": _("Family name"), "field_type": "singleline", "required": True},
        {"label": _("Email"), "field_type": "email", "required": True},
        {"label": _("Country"), "field_type": "country", "required": True},
        {
            "label": _("Your message"),
            "field_type": "multiline",
            "required": False,
            "help_text": _("Optional. Tell the decision-makers why this matters to you."),
        },
        {
            "label": _("I agree that my name and message are sent to the decision-makers"),
            "field_type": "checkbox",
            "required": True,
            "help_text": _("We keep your details only as our privacy policy says."),
        },
    ]


class FormFieldsPanel(InlinePanel):
    """An InlinePanel of the page's form fields, with the form builder's controller on it."""

    class BoundPanel(InlinePanel.BoundPanel):
        template_name = "campaigns/admin/form_fields_panel.html"

        class Media:
            js = ["js/form-builder.js"]
            css = {"all": ["css/form-builder.css"]}

        @property
        def attrs(self):
            # The preset in the language of the page being edited, whatever the editor's own:
            # an English editor building the Chinese page gets Chinese labels.
            with translation.override(self.instance.locale.language_code):
                preset = petition_fields()
            return {
                **super().attrs,
                "data-controller": "form-builder",
                "data-action": (
                    "w-formset:added->form-builder#added "
                    "input->form-builder#changed change->form-builder#changed"
                ),
                "data-form-builder-preset-value": json.dumps(preset),
                "data-form-builder-choice-types-value": json.dumps(CHOICE_TYPES),
                "data-form-builder-default-types-value": json.dumps(DEFAULT_VALUE_TYPES),
                # In the editor's language, like the rest of the heading.
                "data-form-builder-untitled-value": _("New field"),
            }

        @property
        def offers_preset(self):
            """The preset is for a form not begun yet: no field with a label."""
            return not any(
                child.form["label"].value() for child in self.children if not self.deleted(child)
            )

        def deleted(self, child):
            return forms.BooleanField().to_python(child.form["DELETE"].value())
