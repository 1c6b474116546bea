"""Counts for the world outside the portal: a JSON list of live campaigns, and a small counter
that partner sites can put in an iframe.

Both show only what the campaign pages already show to anyone (titles, links, the tallied count,
goal and closing time) and never anything about a supporter.
"""

from urllib.parse import urlencode

from csp.decorators import csp_replace
from django.core.cache import cache
from django.http import Http404, JsonResponse
from django.shortcuts import render
from django.utils.cache import patch_cache_control
from django.utils.decorators import method_decorator
from django.utils.translation import get_language
from django.views import View
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_safe
from wagtail.coreutils import get_supported_content_language_variant

from campaigns.models import CampaignPage
from campaigns.signing.sources import sources_from

# The tally itself is at most a minute behind: a list as old again is fresh enough, and costs
# one query a minute however often partners poll it.
OPEN_DATA_SECONDS = 60
# By host: the list holds absolute addresses on the host the reader reached.
CAMPAIGNS_CACHE_KEY = "open-data:campaigns:{host}"


def live_campaigns():
    """Every language of every live, public campaign, with its tallied count."""
    return (
        CampaignPage.objects.live()
        .public()
        .with_signature_count()
        .select_related("locale")
        .order_by("path")
    )


def campaigns_data(request):
    # Addresses on the host the reader reached, as og:url and the share links are: Wagtail's Site
    # may name another (localhost:80 under `make run`).
    campaigns = {}
    for page in live_campaigns():
        entry = campaigns.setdefault(
            str(page.translation_key),
            {
                "id": str(page.translation_key),
                "count": page.signature_count,
                "goal": page.current_goal,
                "status": "open" if page.action_is_open else "closed",
                "closes_at": page.action_closes_at.isoformat() if page.action_closes_at else None,
                "languages": {},
            },
        )
        entry["languages"][page.locale.language_code] = {
            "title": page.title,
            "url": request.build_absolute_uri(page.url),
        }
    return {"campaigns": list(campaigns.values())}


@method_decorator(csrf_exempt, name="dispatch")  # read-only: a POST gets a plain 405
class CampaignsJSONView(View):
    """GET /api/campaigns.json: open to scripts on any site (CORS), read-only."""

    http_method_names = ["get", "head", "options"]

    def dispatch(self, request, *args, **kwargs):
        response = super().dispatch(request, *args, **kwargs)
        response["Access-Control-Allow-Origin"] = "*"
        response["Access-Control-Allow-Methods"] = "GET, HEAD, OPTIONS"
        return response

    def get(self, request):
        data = cache.get_or_set(
            CAMPAIGNS_CACHE_KEY.format(host=request.get_host()),
            lambda: campaigns_data(request),
            OPEN_DATA_SECONDS,
        )
        response = JsonResponse(data, json_dumps_params={"ensure_ascii": False})
        patch_cache_control(response, public=True, max_age=OPEN_DATA_SECONDS)
        return response


# Partner sites frame this one view, so it alone allows framing by any site. It is not stored
# by the page cache: a stored copy is rebuilt without these decorators' marks, and would be
# sent with the site-wide `frame-ancestors 'self'` and X-Frame-Options.
@require_safe
@xframe_options_exempt
@csp_replace({"frame-ancestors": ["*"]})
def embed_counter(request, translation_key):
    """The campaign's count and goal in the language of the URL, with a link to sign."""
    page = (
        live_campaigns()
        .filter(
            translation_key=translation_key,
            # Not Locale.get_active(): it falls back to English for a language with no locale.
            locale__language_code=get_supported_content_language_variant(get_language()),
        )
        .first()
    )
    if page is None:
        raise Http404
    # Signatures that come through the counter say so in the export (campaigns.sources); a
    # partner may name itself with ?source= on the counter's own address.
    tracking = {**sources_from(request), "utm_medium": "embed"}
    sign_url = f"{request.build_absolute_uri(page.url)}?{urlencode(tracking)}"
    response = render(
        request, "campaigns/embed/counter.html", {"page": page, "sign_url": sign_url}
    )
    patch_cache_control(response, public=True, max_age=OPEN_DATA_SECONDS)
    return response
