"""The OSDI API's views: /api/osdi/v1/ and below (osdi.urls).

Every view goes through `endpoint`: only the methods the OSDI documents give it (405 else),
a token with the scope the method needs, JSON answers, and a JSON error for every refusal,
never an HTML page or a 500 for what a client sent.
"""

import functools
import logging
import uuid
from collections import defaultdict

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.db.models import Q
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from wagtail.log_actions import log
from wagtail.models import Locale

from campaigns.models import CampaignPage, CampaignSubmission
from campaigns.models.counts import SignatureTally
from campaigns.team import audit
from campaigns.team.permissions import VIEW_SIGNATURES, campaign_keys_for

from . import auth, record, resources
from .hal import CURIES, Pagination, Problem, error, link, response, url

logger = logging.getLogger(__name__)

SIGNATURES_READ = "osdi.signatures_read"
PEOPLE_READ = "osdi.people_read"


def endpoint(*methods):
    def decorator(view):
        @csrf_exempt
        @functools.wraps(view)
        def wrapped(request, *args, **kwargs):
            if request.method not in methods:
                answer = error(
                    405,
                    _("%(method)s is not allowed here; use %(allowed)s.")
                    % {"method": request.method[:20], "allowed": ", ".join(methods)},
                )
                answer["Allow"] = ", ".join(methods)
                return answer
            try:
                token = auth.authenticate(request)
                auth.require_scope(token, request.method)
                return view(request, token, *args, **kwargs)
            except auth.Refused as refusal:
                return error(refusal.status, refusal.message)
            except Problem as problem:
                return error(problem.status, problem.message, **problem.details)
            except RequestDataTooBig:
                return error(413, _("The body is too large."))

        return wrapped

    return decorator


@csrf_exempt
def not_found(request, *args, **kwargs):
    return error(404, _("There is nothing at this address. Start at /api/osdi/v1/."))


@endpoint("GET")
def entry_point(request, token):
    return response(
        {
            "motd": _("The campaigns portal's OSDI API."),
            "max_pagesize": settings.OSDI_MAX_PAGE_SIZE,
            "vendor_name": resources.ORIGIN,
            "product_name": resources.ORIGIN,
            "osdi_version": "1.1",
            "_links": {
                "curies": CURIES,
                "self": link(url(request, "aep"), title=_("This API entry point")),
                "osdi:petitions": link(
                    url(request, "petitions"), title=_("The collection of petitions")
                ),
                "osdi:people": link(url(request, "people"), title=_("The collection of people")),
            },
        }
    )


# --- petitions ---------------------------------------------------------------------------


def source_pages():
    """The campaigns, live, each by its page in the default language (the source)."""
    return (
        CampaignPage.objects.live()
        .filter(locale=Locale.get_default())
        .order_by("first_published_at", "pk")
    )


def totals(keys):
    return {
        tally.campaign_key: tally.total
        for tally in SignatureTally.objects.filter(campaign_key__in=keys)
    }


def petition_page(key):
    try:
        key = uuid.UUID(str(key))
    except ValueError:
        raise Problem(404, _("No such petition.")) from None
    page = source_pages().filter(translation_key=key).first()
    if page is None:
        raise Problem(404, _("No such petition."))
    return page


@endpoint("GET")
def petitions(request, token):
    pagination = Pagination(request)
    pages = source_pages()
    total = pages.count()
    chosen = list(pages[pagination.start : pagination.end])
    counts = totals([page.translation_key for page in chosen])
    items = [
        resources.petition(request, page, counts.get(page.translation_key, 0)) for page in chosen
    ]
    return response(pagination.collection(request, "petitions", "petitions", (), items, total))


@endpoint("GET")
def petition(request, token, key):
    page = petition_page(key)
    total = totals([page.translation_key]).get(page.translation_key, 0)
    return response(resources.petition(request, page, total))


# --- signatures --------------------------------------------------------------------------


def require_signatures(token, key):
    """The token's user may see this campaign's signatures."""
    user = token.user
    if not user.has_perm(VIEW_SIGNATURES) or key not in campaign_keys_for(user):
        raise Problem(403, _("This token's user may not see this campaign's signatures."))


@endpoint("GET", "POST")
def signatures(request, token, key):
    if request.method == "POST":  # Action Network's way: the helper at the collection
        return record_into(request, token, key)
    page = petition_page(key)
    require_signatures(token, page.translation_key)
    pagination = Pagination(request)
    listed = (
        CampaignSubmission.objects.counted()
        .filter(campaign_key=page.translation_key, anonymised_at__isnull=True)
        .order_by("submit_time", "pk")
    )
    total = listed.count()
    chosen = list(listed[pagination.start : pagination.end])
    shapes = resources.shapes_of([s.page_id for s in chosen])
    items = [resources.signature(request, s, shapes[s.page_id]) for s in chosen]
    audit.record(SIGNATURES_READ, page, token.user, count=len(items), format="OSDI API")
    return response(
        pagination.collection(request, "signatures", "signatures", (key,), items, total)
    )


@endpoint("GET")
def signature(request, token, key, signature_id):
    page = petition_page(key)
    require_signatures(token, page.translation_key)
    # What the collection lists (counted), and what the API itself recorded, so a caller can
    # follow the Location it was given; not a form's signature still held for review or waiting
    # for its address to be confirmed: nobody has vouched for those yet.
    found = (
        CampaignSubmission.objects.filter(
            campaign_key=page.translation_key, anonymised_at__isnull=True, pk=signature_id
        )
        .filter(Q(confirmed_at__isnull=False) | Q(osdi_record__isnull=False))
        .first()
    )
    if found is None:
        raise Problem(404, _("No such signature."))
    audit.record(SIGNATURES_READ, page, token.user, count=1, format="OSDI API")
    shape = resources.shapes_of([found.page_id])[found.page_id]
    return response(resources.signature(request, found, shape))


@endpoint("POST")
def record_signature_helper(request, token, key):
    return record_into(request, token, key)


def record_into(request, token, key):
    page = petition_page(key)
    require_signatures(token, page.translation_key)
    if len(request.body) > settings.SIGNING_MAX_BODY_BYTES:
        raise Problem(413, _("The body is too large."))
    data = record.parse(request.body)
    page = page.specific
    if not page.action_is_open:
        raise Problem(409, _("This petition is closed: it takes no more signatures."))
    found, created = record.record(page, request, token, data)
    shape = resources.shapes_of([found.page_id])[found.page_id]
    body = resources.signature(request, found, shape)
    return response(
        body, status=201 if created else 200, headers={"Location": body["_links"]["self"]["href"]}
    )


# --- people ------------------------------------------------------------------------------


def people_of(token):
    """The signatures whose supporters the token's user may see: counted, not erased, of
    campaigns the user may see the signatures of."""
    user = token.user
    if not user.has_perm(VIEW_SIGNATURES):
        raise Problem(403, _("This token's user may not see supporters."))
    keys = campaign_keys_for(user)
    return (
        CampaignSubmission.objects.counted().filter(
            Q(campaign_key__in=keys), anonymised_at__isnull=True, supporter_key__isnull=False
        ),
        keys,
    )


def people_representations(request, signatures_qs, supporter_keys, campaign_keys):
    rows = list(
        signatures_qs.filter(supporter_key__in=supporter_keys).order_by(
            "supporter_key", "-submit_time", "-pk"
        )
    )
    by_person = defaultdict(list)
    for row in rows:
        by_person[row.supporter_key].append(row)
    shapes = resources.shapes_of([row.page_id for row in rows])
    subscribed = resources.subscribed_people(supporter_keys, campaign_keys)
    return [
        resources.person(request, key, by_person[key], shapes, subscribed)
        for key in supporter_keys
        if by_person[key]
    ]


@endpoint("GET")
def people(request, token):
    pagination = Pagination(request)
    signed, campaign_keys = people_of(token)
    keys = signed.order_by("supporter_key").values_list("supporter_key", flat=True).distinct()
    total = keys.count()
    chosen = list(keys[pagination.start : pagination.end])
    items = people_representations(request, signed, chosen, campaign_keys)
    audit_people(token, len(items))
    return response(pagination.collection(request, "people", "people", (), items, total))


@endpoint("GET")
def person(request, token, key):
    signed, campaign_keys = people_of(token)
    items = people_representations(request, signed, [key], campaign_keys)
    if not items:
        raise Problem(404, _("No such person."))
    audit_people(token, 1)
    return response(items[0])


def audit_people(token, count):
    """People cross campaigns: the look is logged on the token, in the site's history."""
    log(instance=token, action=PEOPLE_READ, user=token.user, data={"count": count})
