from django import template
from django.conf import settings
from django.db.models import F
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.models import Page

from caching import routes
from campaigns.models import CampaignPage
from portal.languages import language_name, language_tag

register = template.Library()


@register.simple_tag(takes_context=True)
def page_translations(context, page=None):
    """The live translations of `page` (itself included), in the order of settings.LANGUAGES,
    each as {"code", "name", "url", "full_url", "current"}. Languages the page is not live in
    are left out: the switcher never links to a page that would fall back to another language.
    Without a page (a 404), each language's home page."""
    request = context.get("request")
    if not isinstance(page, Page):
        return language_homes(request)
    order = [code for code, _name in settings.LANGUAGES]

    def live_translations():
        # Live, private or not: a private translation asks for its password or a login, and the
        # switcher shows only language names. (Checking privacy here would cost a query.)
        translations = page.get_translations(inclusive=True).live().select_related("locale")
        found = [
            (translated.locale.language_code, translated.get_url(request=request), translated.pk)
            for translated in translations
            if translated.locale.language_code in order
        ]
        return sorted(found, key=lambda item: order.index(item[0]))

    # URLs may be relative to the request's site, hence the host in the key.
    host = request.get_host() if request else ""
    key = f"translations:{host}:{page.translation_key}"
    found = routes.get_or_set(request, key, live_translations)
    return [link(request, code, url) | {"current": pk == page.pk} for code, url, pk in found]


@register.simple_tag(takes_context=True)
def open_campaigns(context, limit=3):
    """Up to `limit` open campaigns in the reader's language, closing soonest first, as
    {"title", "url"}: the way on from a page that has none (the 404). Kept with the routes, so
    that a flood of unknown addresses costs no query; a campaign that has closed since is left
    out when shown."""
    request = context.get("request")
    language = translation.get_language()

    def find():
        campaigns = (
            CampaignPage.objects.live()
            .public()
            .filter(locale__language_code=language)
            .open()
            .order_by(F("action_closes_at").asc(nulls_last=True), "-first_published_at")
        )
        return [
            (page.title, page.get_url(request=request), page.action_closes_at)
            for page in campaigns[: limit * 2]
        ]

    now = timezone.now()
    found = routes.get_or_set(request, f"open-campaigns:{language}", find)
    return [
        {"title": title, "url": url}
        for title, url, closes_at in found
        if closes_at is None or closes_at > now
    ][:limit]


def language_homes(request):
    current = translation.get_language()
    links = []
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            url = reverse("wagtail_serve", args=[""])
        links.append(link(request, code, url) | {"current": code == current})
    return links


@register.filter(name="language_tag")
def language_tag_filter(code):
    """{{ LANGUAGE_CODE|language_tag }}: the code as `lang=` wants it (zh-Hant-HK)."""
    return language_tag(code)


def link(request, code, url):
    return {
        "code": code,
        "tag": language_tag(code),
        "default": code == settings.LANGUAGE_CODE,
        "name": language_name(code),
        "url": url,
        "full_url": request.build_absolute_uri(url) if request else url,
    }


@register.simple_tag
def home_url():
    """The home page in the active language: the root of its language prefix, no query needed."""
    return reverse("wagtail_serve", args=[""])
