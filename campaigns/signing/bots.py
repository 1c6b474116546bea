"""Cheap bot filters for the action form: a honeypot and the form token.

Neither refuses a post nor tells its sender anything: a filled honeypot and a token that is
missing, reused or too young hold the signature for review (campaigns.signing.quarantine), and
the sender sees the usual thanks. A person caught by one (an autofill, a very fast typist) is
approved by the team; a bot learns nothing from the answer.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from . import tokens

HONEYPOT = "hp_website"


class KeptAsSentField(forms.CharField):
    """Read as it was sent, never an error: campaigns.signing.quarantine judges it."""

    def clean(self, value):
        return value or ""


def bot_trap_fields():
    return {
        HONEYPOT: KeptAsSentField(
            required=False,
            label=_("Leave this field empty"),
            widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
        ),
        # Rendered by the template from the page's context (campaigns.signing.tokens), so a
        # form shown again with errors gets a token of its own.
        tokens.FIELD: KeptAsSentField(required=False, widget=forms.HiddenInput),
    }
