from django import template
from django.conf import settings
from django.urls import reverse
from wagtail.models import Page

register = template.Library()


@register.simple_tag(takes_context=True)
def page_translations(context, page=None):
    """The live translations of `page` (itself included), in the order of settings.LANGUAGES,
    each as {"code", "name", "url", "current"}. Pages that are not translated yet are left out:
    the switcher never links to a language that would fall back to another."""
    request = context.get("request")
    names = dict(settings.LANGUAGES)
    order = [code for code, _name in settings.LANGUAGES]
    if not isinstance(page, Page):
        return []
    pages = page.get_translations(inclusive=True).live().public().select_related("locale")
    links = []
    for translation in pages:
        code = translation.locale.language_code
        if code not in names:
            continue
        links.append(
            {
                "code": code,
                "name": names[code],
                "url": translation.get_url(request=request),
                "full_url": translation.get_full_url(request=request),
                "current": translation.pk == page.pk,
            }
        )
    return sorted(links, key=lambda link: order.index(link["code"]))


@register.simple_tag
def home_url():
    """The home page in the active language: the root of its language prefix, no query needed."""
    return reverse("wagtail_serve", args=[""])
