"""What a POST to a campaign page is refused for, and when.

Decided before its body is read, on the headers alone (reading the body costs memory and
time: Django parses up to DATA_UPLOAD_MAX_MEMORY_SIZE): another site, too large, a closed
action. Once the form is valid, only a client far over its rate is refused
(campaigns.signing.ratelimits); a signature merely over a rate is held for review instead
(campaigns.signing.quarantine). A refused post gets the campaign page again, its form filled in
with what was typed and a notice that says why, in the supporter's language
(campaigns.signing.refusals); nothing is stored.
"""

from django.conf import settings
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _

from caching.csrf import same_origin

from . import confirmation, refusals

OTHER_SITE = refusals.Notice(
    _("This form was sent from another website"),
    _("We did not record it: a signature counts only when it is sent from our own page."),
    _(
        "What it said is filled in below. Another website filled it in, so check every answer "
        "before you sign, and tick the boxes yourself if you agree."
    ),
    _("Please open the campaign page on our website and sign there."),
)
TOO_LARGE = refusals.Notice(
    _("Your message is too long"),
    _("What you sent is larger than this form accepts, so we did not record it."),
    _("What you typed is below: shorten what is marked, then send it again."),
    _("Please shorten your message and send it again."),
)
TOO_MANY = refusals.Notice(
    _("Please try again later"),
    _(
        "We have received many signatures from your connection in a short time, so we did "
        "not record this one."
    ),
    _("What you typed is below: wait a minute, then send it again."),
    _("Please wait a minute, then send it again."),
)


def refuse_any_post(page, request):
    """Checks for every POST, signature or confirmation: it comes from our own pages, and it
    is no larger than a signature can be. A response, or None to go on."""
    if not same_origin(request):
        return refused(page, request, OTHER_SITE, 403, cross_site=True)
    length = content_length(request)
    if length is None or length > settings.SIGNING_MAX_BODY_BYTES:
        return refused(page, request, TOO_LARGE, 413, too_long=True)
    return None


def refuse_signature(page, request):
    """Checks for a signature, once `refuse_any_post` has passed it: the action is open."""
    if not page.action_is_open:
        return closed(page, request)
    return None


class OverLimit(Exception):
    """A valid signature from a client flooding the campaign (campaigns.signing.ratelimits)."""


def too_many(page, request):
    response = refused(page, request, TOO_MANY, 429)
    response["Retry-After"] = "60"
    return response


def content_length(request):
    """The body's declared size: 0 for none, None for one that is not a number (no client of
    ours sends one: it is refused, and the body never read)."""
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return None


def refused(page, request, notice, status, **how):
    """The page again, the supporter's answers in its form (campaigns.signing.refusals); for a
    confirmation, which has nothing typed, a page that says why; after closing, the closure."""
    if confirmation.PARAMETER in request.GET:
        return refusals.refusal_page(page, request, notice, status)
    if not page.action_is_open:
        response = closed(page, request)
        response.status_code = status
        return response
    return refusals.page_again(page, request, notice, status, content_length(request), **how)


def closed(page, request):
    """A post after closing: the page with its closure notice and why nothing was stored."""
    context = page.get_context(request)
    context["closed_on_submit"] = True
    return TemplateResponse(request, page.get_template(request), context)
