"""The supporter form's error messages: ours, per field type, naming the field by its label.

Django's own ("This field is required.", "Enter a valid email address.") say neither which field
nor what to do, and Wagtail's Chinese catalogs translate "required" with another word than our
form's "(required)" mark. Here, as the GOV.UK Design System writes them, each message says what
to do: "Enter …" for text, "Select …" for choices, "Tick the box: …" for a checkbox. None uses the
word "required": it appears only in the mark after a label (`pgettext("after a form field's
label", "(required)")`), so each language has one word for it.

The form (campaigns.signing.forms) asks `message_for` once Django has validated, by the error's
code and the field's type: in the request's language, with the label the supporter reads. Codes
not listed keep their own message (ours, such as an address off the internet or reCAPTCHA's).
"""

from django.utils.translation import gettext, gettext_noop

ENTER = gettext_noop("Enter %(label)s")
SELECT = gettext_noop("Select an option for %(label)s")
SELECT_SOME = gettext_noop("Select at least one option for %(label)s")
FROM_THE_LIST = gettext_noop("Select an option for %(label)s from the list")
TICK = gettext_noop("Tick the box: %(label)s")
COUNTRY = gettext_noop("Select your country or region")
EMAIL = gettext_noop("Enter an email address in the correct format, like name@example.com")
URL = gettext_noop("Enter a web address in the correct format, like https://www.example.org")
NUMBER = gettext_noop("%(label)s must be a number")
DATE = gettext_noop("%(label)s must be a real date, like 2007-03-27")
DATETIME = gettext_noop("%(label)s must be a real date and time, like 2007-03-27 14:30")
TOO_LONG = gettext_noop("%(label)s must be %(limit)s characters or fewer")

# By field type, then by Django's error code: (message, whether the label starts the sentence).
_TEXT = {"required": (ENTER, False), "max_length": (TOO_LONG, True)}
_FROM_THE_LIST = dict.fromkeys(("invalid_choice", "invalid_list"), (FROM_THE_LIST, False))
_NUMBER = dict.fromkeys(
    ("invalid", "max_digits", "max_decimal_places", "max_whole_digits"), (NUMBER, True)
)
MESSAGES = {
    "singleline": _TEXT,
    "multiline": _TEXT,
    "email": {**_TEXT, "invalid": (EMAIL, False)},
    "url": {**_TEXT, "invalid": (URL, False)},
    "number": {"required": (ENTER, False), **_NUMBER},
    "date": {"required": (ENTER, False), "invalid": (DATE, True)},
    "datetime": {"required": (ENTER, False), "invalid": (DATETIME, True)},
    "checkbox": {"required": (TICK, True)},
    "dropdown": {"required": (SELECT, False), **_FROM_THE_LIST},
    "radio": {"required": (SELECT, False), **_FROM_THE_LIST},
    "checkboxes": {"required": (SELECT_SOME, False), **_FROM_THE_LIST},
    "multiselect": {"required": (SELECT_SOME, False), **_FROM_THE_LIST},
    "country": dict.fromkeys(("required", "invalid_choice"), (COUNTRY, False)),
}


def message_for(field_type, code, label, params=None):
    """Our message for Django's error `code` on a field of `field_type` labelled `label`, in the
    active language; None to keep the error's own."""
    found = MESSAGES.get(field_type, {}).get(code)
    if found is None:
        return None
    message, label_first = found
    label = str(label) if label_first else in_sentence(str(label))
    return gettext(message) % {"label": label, "limit": (params or {}).get("limit_value", "")}


def too_long(label, limit):
    """The message for an answer longer than the form takes (a refused post's field)."""
    return gettext(TOO_LONG) % {"label": str(label), "limit": limit}


def in_sentence(label):
    """The label as it reads inside a sentence: "First name" → "first name". A label whose
    first word is not a plain capitalised word, or with other capitals ("Hong Kong ID",
    "UK postcode", "I agree"), or in a script without case ("名字"), is left as it is."""
    words = label.split()
    if not words:
        return label
    first = words[0]
    plain = len(first) > 1 and first[0].isupper() and first[1:].islower()
    if not plain or any(word[:1].isupper() for word in words[1:]):
        return label
    return label[0].lower() + label[1:]
