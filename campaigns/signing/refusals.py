"""A refused signature (campaigns.signing.guards) answered with the campaign page itself: the form
filled in again with what the supporter typed, and why it was refused at the top of the form.

The supporter loses nothing, their edited letter included, and nothing is stored. The answers
go back through the form's own widgets, so they are escaped as any form page's are. Left out:
the honeypot, the form token (the page gets a new one, campaigns.signing.tokens), the reCAPTCHA
answer (used once), and hidden fields (the editor's values, never the post's). After a post from
another website, which is just what a forger sends, no box is ticked: consent must be given by
the supporter on our page, and the notice says to check what the form says before signing.

The body is parsed only within `readable_size()`. Under the production server the front
(portal/asgi.py) has received every public body before Django runs, and refuses one past
FRONT_MAX_PUBLIC_BODY_BYTES (1 MiB) unread; parsing what it let through costs one pass over at
most that much, as DATA_UPLOAD_MAX_MEMORY_SIZE (2.5 MB) bounds every other form. A larger body
(only possible without the front: `manage.py runserver`, the test client), another encoding
than a browser form's, or one Django cannot parse (too many fields, a broken stream) is never
read: the page says what happened, with the form as it first was.
"""

import django.forms
from django.conf import settings
from django.core.exceptions import SuspiciousOperation
from django.forms.utils import ErrorDict
from django.template.response import TemplateResponse

from . import bots, captcha, errors, tokens

FORM_ENCODING = "application/x-www-form-urlencoded"
# What the form never shows again, whatever was posted.
NEVER_SHOWN = (bots.HONEYPOT, tokens.FIELD, captcha.FIELD_NAME, "g-recaptcha-response")


class Notice:
    """Why a post was refused: a heading, the reason, and what to do next, worded for a form
    that holds what was typed (`kept`) or for one that could not (`lost`)."""

    def __init__(self, heading, reason, kept, lost):
        self.heading = heading
        self.reason = reason
        self.kept = kept
        self.lost = lost


def readable_size():
    limits = (settings.FRONT_MAX_PUBLIC_BODY_BYTES, settings.DATA_UPLOAD_MAX_MEMORY_SIZE)
    return min(limit for limit in limits if limit is not None)


def posted_data(request, length):
    """The post's fields, if they can be read at no risk (see the module's docstring); else
    None. `length` is the body's declared size, None if it is not a number."""
    if length is None or length > readable_size() or request.content_type != FORM_ENCODING:
        return None
    try:
        return request.POST
    except (SuspiciousOperation, OSError, ValueError):  # too many fields; the client left
        return None


def page_again(page, request, notice, status, length, cross_site=False, too_long=False):
    """The campaign page with `notice` and the form filled in again, answered with `status`."""
    data = posted_data(request, length)
    form = typed_form(page, request, data, cross_site) if data is not None else None
    if form is not None and too_long:
        mark_too_long(form)
    context = page.get_context(request)
    context["form"] = form or page.get_form(page=page, user=request.user)
    context["refusal"] = {
        "heading": notice.heading,
        "message": [notice.reason, notice.kept if form is not None else notice.lost],
    }
    return TemplateResponse(request, page.get_template(request), context, status=status)


def typed_form(page, request, data, cross_site):
    """A bound form holding what was typed, shown as sent: not validated (that would ask
    reCAPTCHA again and list problems the supporter has not yet sent), so it has no errors
    but those `mark_too_long` adds."""
    fields = page.get_form_class().base_fields
    data = data.copy()
    for name in NEVER_SHOWN:
        data.pop(name, None)
    for name, field in fields.items():
        if getattr(field, "field_type", None) == "hidden":
            data[name] = field.initial or ""
        elif cross_site and isinstance(
            field.widget, (django.forms.CheckboxInput, django.forms.CheckboxSelectMultiple)
        ):
            data.pop(name, None)
    form = page.get_form(data, page=page, user=request.user)
    # Django has no public "bound, not validated" state: these are what full_clean() starts
    # from, so `errors` and `add_error` work without validating.
    form._errors = ErrorDict()
    form.cleaned_data = {}
    return form


def mark_too_long(form):
    """An error on each answer longer than its field takes ("… must be N characters or fewer")."""
    for name, field in form.fields.items():
        limit = getattr(field, "max_length", None)
        if limit is None or field.widget.is_hidden:
            continue
        value = field.widget.value_from_datadict(form.data, form.files, form.add_prefix(name))
        if isinstance(value, str) and len(value) > limit:
            form.add_error(name, errors.too_long(field.label, limit))


def refusal_page(page, request, notice, status):
    """A page of its own, for a post with nothing typed to show again (a confirmation's)."""
    context = {"page": page, "heading": notice.heading, "message": notice.reason}
    return TemplateResponse(request, "campaigns/refusal.html", context, status=status)
