"""The record signature helper: an OSDI body ({"person": {...}, "add_tags": [...],
"comments": ...}) made into the campaign's own form, validated and stored as a signature from
the web form is (campaigns.signing.store): the same validation, one signature per person per
campaign (a repeat gives the existing signature), encrypted at rest, its emails queued in the
same transaction. Its source is "osdi"; it is stored against the petition's page, in the
campaign's source language.

What the body does not say is left empty, and a required field left empty is an error: a
consent box is ticked only by `person.custom_fields` naming it (its clean name) with true.
"""

import copy
import json

from django.db import transaction
from django.http import QueryDict
from django.utils.translation import gettext as _
from django_countries import countries

from campaigns.signing import quarantine, store
from campaigns.signing.forms import CampaignForm
from campaigns.signing.text import clean_text
from osdi.answers import FormShape
from osdi.models import RecordedSignature

from .hal import Problem

MAX_TAGS = 50
MAX_TAG_LENGTH = 100


def parse(body):
    """The JSON body as a dict, or Problem(400)."""
    try:
        data = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise Problem(400, _("The body must be a JSON object.")) from None
    if not isinstance(data, dict):
        raise Problem(400, _("The body must be a JSON object."))
    if not isinstance(data.get("person"), dict):
        raise Problem(400, _('The body needs a "person" object.'))
    return data


def string(value):
    return clean_text(value).strip() if isinstance(value, str) else ""


def primary(items, key):
    """The value at `key` of the primary item of an OSDI list (else the first that has one)."""
    if not isinstance(items, list):
        return ""
    items = [item for item in items if isinstance(item, dict) and string(item.get(key))]
    items.sort(key=lambda item: item.get("primary") is not True)
    return string(items[0][key]) if items else ""


def tags_of(data):
    tags = data.get("add_tags", [])
    if not isinstance(tags, list) or not all(isinstance(tag, str) for tag in tags):
        raise Problem(400, _("add_tags must be a list of strings."))
    tags = [string(tag)[:MAX_TAG_LENGTH] for tag in tags[:MAX_TAGS]]
    return [tag for tag in tags if tag]


def form_data(page, data):
    """What the supporter's browser would have posted to the page's form."""
    person = data["person"]
    fields = list(page.get_form_fields())
    shape = FormShape(fields)
    answers = {}
    given, family = string(person.get("given_name")), string(person.get("family_name"))
    if shape.given or shape.family:
        if shape.given:
            answers[shape.given] = given
        if shape.family:
            answers[shape.family] = family
    elif shape.whole:
        answers[shape.whole] = " ".join(filter(None, [given, family]))
    if shape.email:
        answers[shape.email] = primary(person.get("email_addresses"), "address")
    country = primary(person.get("postal_addresses"), "country").upper()
    if shape.country and country:
        by_type = {field.clean_name: field.field_type for field in fields}
        # A Country field takes the code; a text field what a supporter would type.
        as_text = by_type[shape.country] != "country" and country in dict(countries)
        answers[shape.country] = countries.name(country) if as_text else country
    if shape.comments and string(data.get("comments")):
        answers[shape.comments] = string(data["comments"])
    custom = person.get("custom_fields")
    if isinstance(custom, dict):
        for field in fields:
            value = custom.get(field.clean_name)
            if field.clean_name in answers or value is None:
                continue
            if field.field_type == "checkbox":
                if value is True:
                    answers[field.clean_name] = "on"
            elif field.field_type in ("multiselect", "checkboxes") and isinstance(value, list):
                answers[field.clean_name] = [string(item) for item in value]
            elif isinstance(value, str | int | float) and not isinstance(value, bool):
                answers[field.clean_name] = string(str(value))
    return answers, shape


def built_form(page, answers):
    form = page.get_form(answers, page=page, user=None)
    # Only a browser has a form token, a captcha or a honeypot to fill in.
    for name in list(form.fields):
        if name in CampaignForm.transient_fields or name.startswith("recaptcha"):
            del form.fields[name]
    return form


def record(page, request, token, data):
    """(signature, created) for the body `data`; Problem(400) if the form refuses it."""
    tags = tags_of(data)
    answers, shape = form_data(page, data)
    if not shape.email or not answers.get(shape.email):
        raise Problem(400, _("person.email_addresses needs an address."))
    form = built_form(page, answers)
    if not form.is_valid():
        errors = {
            name: [str(message) for message in messages] for name, messages in form.errors.items()
        }
        raise Problem(400, _("The signature was not recorded: see errors."), errors=errors)
    with transaction.atomic():
        created = store.store(page, form, as_from_osdi(request), quarantine.Assessment([]))
        if created is None:  # a repeat: this person has signed the campaign already
            return store.signature_of(page, store.supporter_address(form)), False
        RecordedSignature.objects.create(signature=created, token=token, tags=tags)
    return created, True


def as_from_osdi(request):
    """The request as the signing path reads it, its source "osdi" (campaigns.signing.sources
    reads the query string; the API's own query says nothing about where a supporter came
    from)."""
    copied = copy.copy(request)
    copied.GET = QueryDict("source=osdi")
    return copied
