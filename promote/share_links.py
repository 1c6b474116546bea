"""Links that share a page on messaging apps and social networks: plain links to each
service's own share address, so no third-party script or tracker is loaded on our pages.

Each link shares the page's address tagged with the channel it was shared on
(`utm_source=whatsapp&utm_medium=share&utm_campaign=<slug>`): a friend who signs from it
has those parameters stored with the signature (campaigns.signing.sources), and the
campaign's report counts signatures per channel. The page cache ignores them
(caching.pages), so every tagged address is served the same cached page.
"""

from dataclasses import dataclass
from urllib.parse import quote, urlencode, urlsplit, urlunsplit

from django.utils.translation import gettext_lazy as _

# What utm_medium says of every link here: a supporter shared the page.
MEDIUM = "share"
# utm_source of the address handed to the device's own share menu (navigator.share).
SHARE_SHEET = "share_sheet"


@dataclass(frozen=True)
class ShareLink:
    service: str  # a stable name, for CSS, tests and utm_source
    label: str  # the link's text, in the reader's language
    url: str
    new_tab: bool = True


def share_text_for(page, organisation=None):
    """The campaign's own share text, else the organisation's default, else the title."""
    return (
        getattr(page, "share_text", "")
        or (organisation.default_share_text if organisation else "")
        or page.title
    )


def query(**params):
    # quote, not quote_plus: "+" for a space is not understood by every app (mailto: clients).
    return urlencode(params, quote_via=quote)


def tracked(url, channel, campaign=""):
    """`url` tagged with the channel it is shared on, for the report by source. Without a
    `campaign` (the page's slug) the address is left as it is."""
    if not campaign:
        return url
    parts = urlsplit(url)
    tags = query(utm_source=channel, utm_medium=MEDIUM, utm_campaign=campaign)
    return urlunsplit(parts._replace(query=f"{parts.query}&{tags}" if parts.query else tags))


EMAIL, WHATSAPP = "email", "whatsapp"


def share_links(url, text, subject, campaign=""):
    """Every share link for `url`, with `text` (both already in the reader's language); with
    `campaign` (the page's slug), each shares the address tagged with its own channel."""

    def on(channel):
        return tracked(url, channel, campaign)

    return [
        ShareLink(
            EMAIL,
            _("Share by email"),
            f"mailto:?{query(subject=subject, body=f'{text} {on(EMAIL)}')}",
            new_tab=False,
        ),
        ShareLink(
            WHATSAPP,
            _("Share on WhatsApp"),
            f"https://wa.me/?{query(text=f'{text} {on(WHATSAPP)}')}",
        ),
        ShareLink(
            "telegram",
            _("Share on Telegram"),
            f"https://t.me/share/url?{query(url=on('telegram'), text=text)}",
        ),
        ShareLink(
            "facebook",
            _("Share on Facebook"),
            f"https://www.facebook.com/sharer/sharer.php?{query(u=on('facebook'))}",
        ),
        ShareLink(
            "x", _("Share on X"), f"https://x.com/intent/post?{query(url=on('x'), text=text)}"
        ),
        # LINE's share page takes the text beside the address (LINE Social Plugins, "Using
        # custom icons"); the chat shows both.
        ShareLink(
            "line",
            _("Share on LINE"),
            f"https://social-plugins.line.me/lineit/share?{query(url=on('line'), text=text)}",
        ),
    ]
