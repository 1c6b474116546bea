"""Links that share a page on messaging apps and social networks: plain links to each
service's own share address, so no third-party script or tracker is loaded on our pages."""

from dataclasses import dataclass
from urllib.parse import quote, urlencode

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class ShareLink:
    service: str  # a stable name, for CSS and tests
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


def share_links(url, text, subject):
    """Every share link for `url`, with `text` (both already in the reader's language)."""
    text_and_url = f"{text} {url}"
    return [
        ShareLink(
            "email",
            _("Share by email"),
            f"mailto:?{query(subject=subject, body=text_and_url)}",
            new_tab=False,
        ),
        ShareLink(
            "whatsapp", _("Share on WhatsApp"), f"https://wa.me/?{query(text=text_and_url)}"
        ),
        ShareLink(
            "telegram",
            _("Share on Telegram"),
            f"https://t.me/share/url?{query(url=url, text=text)}",
        ),
        ShareLink(
            "facebook",
            _("Share on Facebook"),
            f"https://www.facebook.com/sharer/sharer.php?{query(u=url)}",
        ),
        ShareLink("x", _("Share on X"), f"https://x.com/intent/post?{query(url=url, text=text)}"),
        ShareLink(
            "line",
            _("Share on LINE"),
            f"https://social-plugins.line.me/lineit/share?{query(url=url)}",
        ),
    ]
