"""Cheap bot filters for the action form: a honeypot and a minimum time to fill it in.

Neither drops a signature silently: a person who trips one (an autofill, a very fast typist)
sees a clear message and the form with everything they typed, and can send it again.
"""

import time

from django import forms
from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.forms.utils import flatatt
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

HONEYPOT = "hp_website"
STARTED = "hp_started"
SALT = "campaigns.bots.started"


class StartedAtInput(forms.HiddenInput):
    """Always renders a fresh timestamp, even when the form is shown again with errors."""

    def format_value(self, value):
        return signing.dumps(int(time.time()), salt=SALT)

    def render(self, name, value, attrs=None, renderer=None):
        # Directly, not through Django's widget templates: it is the one input rendered afresh
        # on every view (the rest of the form is kept), and a template costs ten times as much.
        attrs = self.build_attrs(self.attrs, attrs)
        return format_html(
            '<input type="hidden" name="{}" value="{}"{}>',
            name,
            self.format_value(value),
            flatatt(attrs),
        )


class StartedAtField(forms.CharField):
    widget = StartedAtInput

    def clean(self, value):
        try:
            started = signing.loads(value or "", salt=SALT)
        except signing.BadSignature:
            raise ValidationError(
                _("Please check your details and send the form again."), code="no_start"
            ) from None
        if time.time() - started < settings.SIGNING_MIN_FILL_SECONDS:
            raise ValidationError(
                _("That was quick! Please check your details and send the form again."),
                code="too_fast",
            )
        return None


class HoneypotField(forms.CharField):
    def clean(self, value):
        if value:
            raise ValidationError(_("Please leave this field empty."), code="honeypot")
        return None


def bot_trap_fields():
    return {
        HONEYPOT: HoneypotField(
            required=False,
            label=_("Leave this field empty"),
            widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
        ),
        STARTED: StartedAtField(required=False),
    }
