"""Writing the emails the portal sends, apart from sending them (campaigns.outbox.tasks).

A signature sends one to the campaign team and a thank-you to the supporter (or, where the
campaign asks for it, a request to confirm their address first); deliveries send letters to the
target. All are queued in the outbox in the same transaction as what they are about, and a worker
sends them: a request never waits on SMTP, and a mail outage neither loses nor blocks anything.

A signature's team notification and thank-you are queued as its id alone and written by the
worker from the stored signature (signature_emails): signing renders nothing, the outbox holds
no one's details, and a supporter erased before the worker gets to them is not written about.

An email to a supporter says so: it carries their `SUPPORTER` key (the keyed hash their
signature stores, campaigns.signing.supporters), and the worker drops it if that address has
bounced, complained or unsubscribed since (Suppression). Nothing else carries it: letters to
the target and the team's emails are never dropped because a rule about supporters matched.
"""

from urllib.parse import urlencode

from django.conf import settings
from django.core.mail import make_msgid
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from campaigns.models.signatures import CampaignSubmission
from organisation.models import OrganisationSettings
from portal.languages import language_code, language_name
from promote.share_links import share_links, share_text_for


def signature_emails(submission_id, kinds, page_url):
    """{kind: message} for a signature, from what is stored now; none for a signature erased or
    deleted since it was queued."""
    submission = (
        # A signature whose campaign was deleted since is kept, but has no page to write from.
        CampaignSubmission.objects.filter(
            pk=submission_id, anonymised_at__isnull=True, page__isnull=False
        )
        .select_related("page")
        .first()
    )
    if submission is None:
        return {}
    page, data = published_page(submission.page), submission.form_data
    messages = {}
    if "team" in kinds and page.to_address:
        messages["team"] = team_notification(page, stored_answers(page, data))
    address = stored_address(page, data)
    if "thanks" in kinds and address:
        messages["thanks"] = supporter_thank_you(
            page,
            address,
            page_url,
            letter=stored_letter(page, data),
            supporter_key=submission.supporter_key,
        )
    # Written again on each attempt, so the id is made from the signature, not at random: the
    # same on every attempt, which lets a receiving server drop a duplicate.
    signed = submission.submit_time.strftime("%Y%m%d%H%M%S%f")
    return {
        kind: {
            **message,
            "message_id": f"<{signed}.signature-{submission_id}-{kind}@{mail_domain()}>",
        }
        for kind, message in messages.items()
    }


# The worker writes one campaign's emails after another: its specific page and form fields are
# read once per published version, not three queries per email (which held a worker to about 80
# emails a second). A publish changes last_published_at and the latest revision, which the key
# holds.
_pages = {}


def published_page(page):
    key = (page.pk, page.last_published_at, page.latest_revision_id)
    found = _pages.get(key)
    if found is None:
        if len(_pages) > 100:
            _pages.clear()
        found = _pages[key] = page.specific
        found.form_fields_as_read = list(found.get_form_fields())
    return found


# The key of a message to a supporter that names them (see the module's docstring).
SUPPORTER = "supporter_key"


def message_id(name):
    """Made once, as the message is queued (campaigns.outbox.tasks.queue), and sent with it on
    every attempt."""
    return make_msgid(name, domain=mail_domain())


def mail_domain():
    return settings.DEFAULT_FROM_EMAIL.rpartition("@")[2] or "localhost"


def team_notification(page, rows):
    """In the site's language, whichever language the supporter used; it says which one.
    `rows` are (label, answer) pairs: `answers(form)` or `stored_answers(page, data)`."""
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "page": page,
            "rows": rows,
            "language": language_name(language_code(page.locale_id)),
            "submissions_url": settings.WAGTAILADMIN_BASE_URL
            + reverse("wagtailforms:list_submissions", args=[page.pk]),
        }
        return message(
            page,
            page.subject or _("New signature: %(title)s") % {"title": page.title},
            "notification",
            context,
            to=[address.strip() for address in page.to_address.split(",")],
        )


def held_alert(page, held, counted):
    """To the team, in the site's language: a campaign's held signatures jumped."""
    with translation.override(settings.LANGUAGE_CODE):
        query = urlencode({"campaign": str(page.translation_key)})
        context = {
            "page": page,
            "held": held,
            "counted": counted,
            "review_url": f"{settings.WAGTAILADMIN_BASE_URL}"
            f"{reverse('campaigns_held_signatures')}?{query}",
        }
        subject = _("Signatures held for review: %(title)s") % {"title": page.title}
        to = [address.strip() for address in page.to_address.split(",")]
        return message(page, subject, "held_alert", context, to=to)


def erasure_warning(page, count, due):
    """To the team, in the site's language: supporters' details are erased on `due`."""
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "page": page,
            "count": count,
            "due": date_format(timezone.localtime(due), "DATETIME_FORMAT"),
            "pack_url": settings.WAGTAILADMIN_BASE_URL
            + reverse("campaigns_delivery_pack", args=[page.pk]),
        }
        subject = _("Supporters' details will be erased in a week: %(title)s") % {
            "title": page.title
        }
        to = [address.strip() for address in page.to_address.split(",")]
        return message(page, subject, "erasure_warning", context, to=to)


def supporter_thank_you(page, address, page_url, *, supporter_key, letter=""):
    """In the language the supporter signed in: the editor's words (or the default), the
    campaign's share links, and a copy of what the supporter wrote (`letter`) to keep.
    `supporter_key`: the signature's, which the worker checks against suppressed addresses."""
    with translation.override(language_code(page.locale_id)):
        share_text = share_text_for(page, OrganisationSettings.for_active_language())
        context = {
            "page": page,
            "page_url": page_url,
            "body": page.thank_you_email_body_or_default,
            "letter": letter,
            "share_text": share_text,
            "share_links": share_links(page_url, share_text, subject=page.title),
        }
        subject = page.thank_you_email_subject_or_default
        written = message(page, subject, "thank_you", context, to=[address])
    return {**written, SUPPORTER: supporter_key}


def supporter_confirmation(page, address, link, *, supporter_key, days=None, reminder=False):
    """In the language the supporter signed in: the link that makes their signature count,
    within `days` (all of SIGNATURE_CONFIRMATION_DAYS when signing); or, `reminder`, the one
    reminder with a new link (campaigns.team.reminders). `supporter_key` as for the thanks."""
    with translation.override(language_code(page.locale_id)):
        days = settings.SIGNATURE_CONFIRMATION_DAYS if days is None else days
        context = {"page": page, "link": link, "days": days, "reminder": reminder}
        if reminder:
            subject = _("Reminder: please confirm your signature: %(title)s")
        else:
            subject = _("Please confirm your signature: %(title)s")
        written = message(page, subject % {"title": page.title}, "confirm", context, to=[address])
    return {**written, SUPPORTER: supporter_key}


def message(page, subject, template, context, to, headers=None):
    """A message for the outbox, in text and HTML from <template>.txt and .html (under
    campaigns/emails/ unless the name has a folder of its own). `headers`: more of them, e.g.
    List-Unsubscribe; left out of the message when none, so messages queued before they
    existed and the workers that send them read the same."""
    path = template if "/" in template else f"campaigns/emails/{template}"
    written = {
        "subject": subject,
        "body": render_to_string(f"{path}.txt", context),
        "html_body": render_to_string(f"{path}.html", context),
        "to": to,
        "from_email": page.from_address or settings.DEFAULT_FROM_EMAIL,
    }
    if headers:
        written["headers"] = dict(headers)
    return written


def stored_answers(page, data):
    """(label, answer) for a stored signature, labelled in its page's language; a country's
    code named in the site's language, as the rest of the team's email is."""
    with translation.override(settings.LANGUAGE_CODE):
        return [
            (field.label, format_answer(field.answer_for_people(data[field.clean_name])))
            for field in form_fields(page)
            if field.clean_name in data
        ]


def stored_address(page, data):
    """The first email address in a stored signature, as the supporter typed it."""
    for field in form_fields(page):
        if field.field_type == "email" and data.get(field.clean_name):
            return data[field.clean_name]
    return None


def stored_letter(page, data):
    """What the supporter wrote in the form's first multi-line field: the message their letter
    to the target carries (campaigns.team.letters reads the same field)."""
    for field in form_fields(page):
        if field.field_type == "multiline":
            return str(data.get(field.clean_name) or "").strip()
    return ""


def form_fields(page):
    """The page's fields, as read with it by `published_page` where it was."""
    fields = getattr(page, "form_fields_as_read", None)
    return fields if fields is not None else page.get_form_fields()


def format_answer(value):
    """A stored answer as the team reads it. Stored answers are JSON, so dates are text already
    (Wagtail's render_email formats them from a live form, which the worker does not have);
    ticks are booleans and multiple choices lists."""
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    return value
