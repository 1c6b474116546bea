from django import template
from django.utils.translation import get_language
from wagtail.models import Page

from promote.absolute_urls import absolute_url
from promote.share_links import SHARE_SHEET, share_links, share_text_for, tracked

register = template.Library()

# Open Graph wants a territory; these are the readers each language is written for.
OG_LOCALES = {"en": "en_GB", "zh-hant": "zh_HK", "zh-hans": "zh_CN"}
SOCIAL_IMAGE_SPEC = "fill-1200x630"


def og_locale(language_code):
    return OG_LOCALES.get(language_code, language_code.replace("-", "_"))


@register.simple_tag(takes_context=True)
def social_meta(context, page=None):
    """What link previews show: title, description, absolute URL, locales and image, with
    fallbacks (social image, hero image, the organisation's default image)."""
    request = context.get("request")
    organisation = context.get("organisation")
    meta = {
        "site_name": context.get("site_name"),
        "locale": og_locale(get_language()),
        "alternate_locales": [
            og_locale(link["code"])
            for link in context.get("translations") or []
            if not link.get("current")
        ],
    }
    if not isinstance(page, Page):
        return meta
    meta |= {
        "title": page.seo_title or page.title,
        "description": getattr(page, "preview_description", page.search_description),
        "url": absolute_url(page, request),
    }
    image = getattr(page, "preview_image", None)
    alt = getattr(page, "preview_image_alt", "") if image else ""
    if not image and organisation and organisation.default_social_image:
        image = organisation.default_social_image
        alt = image.description
    if image:
        rendition = image.get_rendition(SOCIAL_IMAGE_SPEC)
        meta["image"] = {
            "url": request.build_absolute_uri(rendition.url) if request else rendition.full_url,
            "width": rendition.width,
            "height": rendition.height,
            "alt": alt,
        }
    return meta


@register.simple_tag(takes_context=True)
def page_share_links(context, page):
    """Share links for `page` in the reader's language: its own URL and share text, the URL
    tagged per channel (the device's share menu is a channel of its own)."""
    request = context.get("request")
    url = absolute_url(page, request)
    text = share_text_for(page, context.get("organisation"))
    return {
        "url": tracked(url, SHARE_SHEET, page.slug),
        "text": text,
        "links": share_links(url, text, subject=page.title, campaign=page.slug),
    }
