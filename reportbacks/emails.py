"""Writing an update's emails, by the worker, when they are sent (reportbacks.tasks): each from
the stored signature and opt-in as they are then, so a supporter who withdrew, was suppressed or
erased since the sending began is not written to.

Every email carries RFC 8058 one-click unsubscribe (List-Unsubscribe, List-Unsubscribe-Post)
and a link to the supporter's preferences, in the language they signed in."""

import copy

from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from wagtail.models import Site

from campaigns.models import CampaignPage, OptIn
from campaigns.outbox import messages

from .models import ReportBack, paragraphs
from .tokens import token_for


def context_for(report_back, *, unsubscribe_url, preferences_url, test, page=None):
    return {
        "page": page or report_back.campaign,
        "subject": report_back.subject,
        "paragraphs": paragraphs(report_back.body),
        "unsubscribe_url": unsubscribe_url,
        "preferences_url": preferences_url,
        "test": test,
    }


def site_root():
    site = Site.objects.filter(is_default_site=True).first()
    return site.root_url if site else ""


def links(opt_in_id, language, root):
    """The unsubscribe link (outside the language prefixes: one for every language, as mail
    clients post to it without asking) and the preferences page in the supporter's language."""
    token = token_for(opt_in_id)
    unsubscribe = root + reverse("reportbacks_unsubscribe", args=[token])
    with translation.override(language):
        preferences = root + reverse("reportbacks_preferences", args=[token])
    return unsubscribe, preferences


def unsubscribe_headers(unsubscribe_url):
    return {
        "List-Unsubscribe": f"<{unsubscribe_url}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }


def campaign_pages(campaign_key):
    """{language: the campaign's page in it}, the default language's first."""
    pages = CampaignPage.objects.filter(translation_key=campaign_key).select_related("locale")
    return {page.locale.language_code: page for page in pages}


def update_email(report_back, page, address, unsubscribe_url, preferences_url, *, test=False):
    language = report_back.locale.language_code
    with translation.override(language):
        subject = report_back.subject
        if test:
            subject = _("[Test] %(subject)s") % {"subject": subject}
        context = context_for(
            report_back,
            unsubscribe_url=unsubscribe_url,
            preferences_url=preferences_url,
            test=test,
            page=page,
        )
        return messages.message(
            page,
            subject,
            "reportbacks/emails/update",
            context,
            to=[address],
            headers=unsubscribe_headers(unsubscribe_url),
        )


def test_email(report_back, address):
    """The update as a supporter who signed in its language reads it, to an editor, marked as a
    test. Its links lead to a page that names no one (there is no opt-in 0)."""
    root = site_root()
    page = campaign_pages(report_back.campaign_key).get(report_back.locale.language_code)
    unsubscribe, preferences = links(0, report_back.locale.language_code, root)
    return update_email(
        report_back, page or report_back.campaign, address, unsubscribe, preferences, test=True
    )


def recipient_emails(recipients):
    """{recipient id: message} for these Recipient rows (of one update), from what is stored
    now; none for those no longer reachable, which are returned apart: (emails, skipped ids)."""
    if not recipients:
        return {}, []
    # The update's words in each language; the first written (lowest id) is the source.
    translations = {
        rb.locale.language_code: rb
        for rb in ReportBack.objects.filter(translation_key=recipients[0].report_back_key)
        .select_related("locale")
        .order_by("-pk")
    }
    if not translations:  # the update was deleted while being sent
        return {}, [r.pk for r in recipients]
    source = min(translations.values(), key=lambda rb: rb.pk)
    reachable = set(
        OptIn.objects.reachable()
        .filter(pk__in=[r.opt_in_id for r in recipients])
        .values_list("pk", flat=True)
    )
    opt_ins = OptIn.objects.filter(pk__in=reachable).select_related("signature__page")
    signatures = {opt_in.pk: opt_in.signature for opt_in in opt_ins}
    pages = campaign_pages(source.campaign_key)
    fallback = pages.get(source.locale.language_code) or source.campaign
    root = site_root()
    emails, skipped = {}, []
    for recipient in recipients:
        signature = signatures.get(recipient.opt_in_id)
        address = None
        if signature is not None and signature.page is not None:
            signed_on = messages.published_page(signature.page)
            address = messages.stored_address(signed_on, signature.form_data)
        if not address:
            skipped.append(recipient.pk)
            continue
        words = as_sent(translations.get(recipient.language) or source, source)
        page = pages.get(recipient.language) or fallback
        unsubscribe, preferences = links(recipient.opt_in_id, recipient.language, root)
        email = update_email(words, page, address, unsubscribe, preferences)
        email["message_id"] = message_id(recipient.report_back_key, recipient.pk)
        # Reachable above excludes suppressed addresses already; the mark makes the outbox
        # check again as it sends (campaigns.outbox.tasks.send_each), as for every supporter.
        email[messages.SUPPORTER] = signature.supporter_key
        emails[recipient.pk] = email
    return emails, skipped


def as_sent(translation, source):
    """The translation with its words as they were when sending began (ReportBack.sent_words):
    an edit or a new translation since changes nothing for those not yet written to. (An
    update that began sending before the words were kept is sent as it is now.)"""
    frozen = source.sent_words
    if not frozen:
        return translation
    language = translation.locale.language_code
    if language not in frozen:  # translated since: the source's words, as they began
        translation, language = source, source.locale.language_code
    words = frozen.get(language)
    if words is None:
        return translation
    translation = copy.copy(translation)
    translation.subject, translation.body = words["subject"], words["body"]
    return translation


def message_id(report_back_key, recipient_id):
    """The same on every attempt (a receiving server can drop a duplicate), and naming only
    the update and the row."""
    return f"<update-{report_back_key}-{recipient_id}@{messages.mail_domain()}>"
