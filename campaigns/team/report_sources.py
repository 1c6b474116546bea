"""Where a campaign's signatures came from, for the per-day report: the channel a supporter's
share link named (utm_source, promote.share_links), else the `source` a partner's page or a
stall's link gave (campaigns.signing.sources), else Direct. A signature made in the sign form a
partner frames (campaigns.signing.partners) counts for that partner.

Sources are kept with each signature in `CampaignSubmission.source`, a plain JSON column (not
encrypted: they say how an address was reached, not who signed), so the database groups by
them. Anyone can put anything in an address, so the report shows the sources with most
signatures by name and adds up the others.
"""

from django.utils.translation import gettext_lazy as _

from promote.share_links import SHARE_SHEET

# The names of the channels our share links tag (promote.share_links), as the team knows them.
CHANNEL_NAMES = {
    "email": _("Email"),
    "whatsapp": "WhatsApp",
    "telegram": "Telegram",
    "facebook": "Facebook",
    "x": "X",
    "line": "LINE",
    SHARE_SHEET: _("Phone's share menu"),
}
DIRECT = "direct"
OTHER = "other"
# Named columns at most; the rest are added up under "Other sources".
MAX_SOURCES = 6
# Okabe and Ito's palette, as for languages; greys for the sums and black for Direct.
COLOURS = ["#0072b2", "#e69f00", "#009e73", "#cc79a7", "#56b4e9", "#d55e00"]
OTHER_COLOUR = "#9a9a9a"
DIRECT_COLOUR = "#15171a"


def source_of(utm_source, source, partner=None):
    """The report's key for one signature's parameters: the partner whose site framed the form
    (checked against the organisation's list, so it wins over what an address says), else
    utm_source, else source, else Direct. Case is ignored ("WhatsApp" and "whatsapp" are one
    channel)."""
    for value in (partner, utm_source, source):
        value = (value or "").strip().lower()
        if value:
            return value
    return DIRECT


def series_for(totals):
    """The report's sources, from {key: signatures}: the MAX_SOURCES with most signatures by
    name (ties by name), then Other sources, then Direct; with each key's column."""
    named = sorted((key for key in totals if key != DIRECT), key=lambda k: (-totals[k], k))
    shown, rest = named[:MAX_SOURCES], named[MAX_SOURCES:]
    series = [
        {"code": key, "name": CHANNEL_NAMES.get(key, key), "colour": COLOURS[i]}
        for i, key in enumerate(shown)
    ]
    if rest:
        series.append({"code": OTHER, "name": _("Other sources"), "colour": OTHER_COLOUR})
    if DIRECT in totals:
        series.append({"code": DIRECT, "name": _("Direct"), "colour": DIRECT_COLOUR})
    column = {key: key for key in shown} | dict.fromkeys(rest, OTHER) | {DIRECT: DIRECT}
    return series, column
