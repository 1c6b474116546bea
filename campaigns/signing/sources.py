"""Where supporters came from: `source` and `utm_*` parameters on the campaign page's address.

The cached page is the same for every address (caching.pages ignores these parameters),
so nothing about them is written into the form: the form posts to its own address
(a form with no action), query string included, and the signature keeps what the query says.
"""

from django.utils.translation import gettext_lazy as _

from .text import clean_text

PARAMETERS = {
    "source": _("Source"),
    "utm_source": _("UTM source"),
    "utm_medium": _("UTM medium"),
    "utm_campaign": _("UTM campaign"),
    "utm_term": _("UTM term"),
    "utm_content": _("UTM content"),
}
MAX_LENGTH = 200
# The partner whose site framed the form (campaigns.signing.partners): recorded only for a
# partner the organisation lists, never read from a query string as it stands.
PARTNER = "partner"
COLUMNS = {**PARAMETERS, PARTNER: _("Partner")}


def sources_from(request):
    if request is None:
        return {}
    found = {}
    for name in PARAMETERS:
        value = clean_text(request.GET.get(name, "")).strip()[:MAX_LENGTH]
        if value:
            found[name] = value
    partner = getattr(request, "partner", None)
    if partner is not None:
        found[PARTNER] = partner.slug
    return found
