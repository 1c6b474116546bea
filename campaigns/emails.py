"""The emails a signature sends: one to the campaign team, one thank-you to the supporter (or,
where the campaign asks for it, a request to confirm their address first).

Both are queued in the mail outbox in the same transaction as the signature, and a worker sends
them: the request never waits on SMTP, and a mail outage neither loses nor blocks a signature.
"""

import datetime

from django.conf import settings
from django.core.mail import make_msgid
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.formats import date_format
from django.utils.html import strip_tags
from django.utils.translation import gettext as _

from home import locales
from promote.absolute_urls import absolute_url

from .tasks import send_emails


def queue(messages):
    """Put messages in the outbox, all in one task. `messages` maps a name unique to each, such
    as "signature-42-team", to what message() made; the name goes into its Message-ID."""
    domain = settings.DEFAULT_FROM_EMAIL.rpartition("@")[2] or "localhost"
    send_emails.enqueue(
        messages=[
            {**message, "message_id": make_msgid(key, domain=domain)}
            for key, message in messages.items()
        ]
    )


def team_notification(page, rows):
    """In the site's language, whichever language the supporter used; it says which one.
    `rows` are (label, answer) pairs: `answers(form)` or `stored_answers(page, data)`."""
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "page": page,
            "rows": rows,
            "language": language_name(locales.language_code(page.locale_id)),
            "submissions_url": (
                f"{settings.WAGTAILADMIN_BASE_URL}/admin/forms/submissions/{page.pk}/"
            ),
        }
        return message(
            page,
            page.subject or _("New signature: %(title)s") % {"title": page.title},
            "notification",
            context,
            to=[address.strip() for address in page.to_address.split(",")],
        )


def supporter_thank_you(page, form, address, request=None):
    """In the language the supporter signed in."""
    with translation.override(locales.language_code(page.locale_id)):
        context = {
            "page": page,
            "page_url": absolute_url(page, request),
            "thank_you_text": strip_tags(page.thank_you_text).strip(),
        }
        subject = _("Thank you for taking action: %(title)s") % {"title": page.title}
        return message(page, subject, "thank_you", context, to=[address])


def supporter_confirmation(page, address, link):
    """In the language the supporter signed in: the link that makes their signature count."""
    from .confirmation import days

    with translation.override(locales.language_code(page.locale_id)):
        context = {"page": page, "link": link, "days": days()}
        subject = _("Please confirm your signature: %(title)s") % {"title": page.title}
        return message(page, subject, "confirm", context, to=[address])


def message(page, subject, template, context, to):
    """A message for the outbox, in text and HTML from campaigns/emails/<template>.*"""
    return {
        "subject": subject,
        "body": render_to_string(f"campaigns/emails/{template}.txt", context),
        "html_body": render_to_string(f"campaigns/emails/{template}.html", context),
        "to": to,
        "from_email": page.from_address or settings.DEFAULT_FROM_EMAIL,
    }


def stored_answers(page, data):
    """(label, answer) for a stored signature, labelled in its page's language."""
    return [
        (field.label, format_answer(data[field.clean_name]))
        for field in page.get_form_fields()
        if field.clean_name in data
    ]


def answers(form):
    """(label, answer) for each field the supporter filled in, as a person reads them."""
    answers = form.signature_data
    return [
        (field.label, format_answer(answers[field.name]))
        for field in form
        if field.name in answers
    ]


def format_answer(value):
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, (list, tuple)):
        return ", ".join(str(item) for item in value)
    if isinstance(value, datetime.datetime):
        return date_format(value, "SHORT_DATETIME_FORMAT")
    if isinstance(value, datetime.date):
        return date_format(value, "SHORT_DATE_FORMAT")
    return value


def language_name(code):
    return dict(settings.LANGUAGES).get(code, code)
