"""The sign form on a partner's site: `<campaign page>embed/?partner=<slug>` in an iframe.

It is the campaign page's own form and way of a POST (guards, bot filters, quarantine, store,
confirmation: CampaignPage.serve), on a page of its own, with three differences:
- the partner the address names is recorded as the signature's source, if the organisation
  lists it (organisation.partners); any other name is recorded as no partner, and nothing says
  so;
- with a partner, the form ends with the partner's own consent line, never ticked in advance,
  kept with the signature as the main consent is (`partner_consent`), and as an opt-in of
  the partner's (campaigns.signing.opt_ins, which adds the line to the form);
- the page may be framed by the listed partners' origins, and by no other site.

The form posts from our own origin (it is our page, in the partner's frame), so the same-origin
check of every post (caching.csrf.same_origin) holds as on the campaign page.

These pages are never stored in the page cache, by us or a CDN: each carries a reader's own form
token, and the origins that may frame it change with the partners list, which purges nothing.
"""

from csp.decorators import csp_replace
from django.utils.cache import add_never_cache_headers
from django.views.decorators.clickjacking import xframe_options_exempt

from organisation.partners import Partner

from .text import clean_text

PATH = "embed"
PARAMETER = "partner"
# Unlike any name Wagtail's form builder gives an editor's field ("Partner consent" would be
# "partner_consent").
CONSENT_FIELD = "embed_partner_consent"


def is_embedded(request):
    return getattr(request, "embedded", False)


def start(request):
    """Mark the request as the embedded form's, with the partner its address names (or None)."""
    request.embedded = True
    slug = clean_text(request.GET.get(PARAMETER, "")).strip()[:50]
    request.partner = Partner.for_slug(slug)


def partner_of(request):
    return getattr(request, "partner", None) if request is not None else None


def query(request):
    """`?partner=<slug>` for links that stay within the embed (the thank-you), or ""."""
    partner = partner_of(request)
    return f"?{PARAMETER}={partner.slug}" if partner is not None else ""


def framed(response):
    """Let the listed partners (and this site) frame the response, with the decorators' own
    marks, read by Django's XFrameOptionsMiddleware and django-csp's middleware; and keep it out
    of every cache."""
    ancestors = ["'self'", *Partner.framing_origins()]

    @xframe_options_exempt
    @csp_replace({"frame-ancestors": ancestors})
    def marked():
        return response

    add_never_cache_headers(response)
    return marked()
