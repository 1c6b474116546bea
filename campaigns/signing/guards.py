"""What a POST to a campaign page is refused for, and when.

Before its body is read, on the headers alone (reading the body costs memory and time: Django
parses up to DATA_UPLOAD_MAX_MEMORY_SIZE): another site, too large, a closed action. Once the
form is valid, only a client far over its rate is refused (campaigns.signing.ratelimits); a
signature merely over a rate is held for review instead (campaigns.signing.quarantine). A
refused post gets a page that says why, in the supporter's language, and nothing is stored.
"""

from django.conf import settings
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _

from caching.csrf import same_origin

OTHER_SITE = (
    _("Please sign on our website"),
    _(
        "This form was sent from another website, so we did not record it. "
        "Please open the campaign page on our website and sign there."
    ),
)
TOO_LARGE = (
    _("Your message is too long"),
    _(
        "What you sent is larger than this form accepts, so we did not record it. "
        "Please shorten your message and send it again."
    ),
)
TOO_MANY = (
    _("Please try again later"),
    _(
        "We have received many signatures from your connection in a short time, so we did "
        "not record this one. Please wait a minute and send it again."
    ),
)


def refuse_any_post(page, request):
    """Checks for every POST, signature or confirmation: it comes from our own pages, and it
    is no larger than a signature can be. A response, or None to go on."""
    if not same_origin(request):
        return refusal(page, request, *OTHER_SITE, status=403)
    if content_length(request) > settings.SIGNING_MAX_BODY_BYTES:
        return refusal(page, request, *TOO_LARGE, status=413)
    return None


def refuse_signature(page, request):
    """Checks for a signature, once `refuse_any_post` has passed it: the action is open."""
    if not page.action_is_open:
        return closed(page, request)
    return None


class OverLimit(Exception):
    """A valid signature from a client flooding the campaign (campaigns.signing.ratelimits)."""


def too_many(page, request):
    response = refusal(page, request, *TOO_MANY, status=429)
    response["Retry-After"] = "60"
    return response


def content_length(request):
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:  # no client of ours sends one that is not a number: refuse it
        return settings.SIGNING_MAX_BODY_BYTES + 1


def refusal(page, request, heading, message, status):
    context = {"page": page, "heading": heading, "message": message}
    return TemplateResponse(request, "campaigns/refusal.html", context, status=status)


def closed(page, request):
    """A post after closing: the page with its closure notice and why nothing was stored."""
    context = page.get_context(request)
    context["closed_on_submit"] = True
    return TemplateResponse(request, page.get_template(request), context)
