from django import template
from django.conf import settings
from wagtail.models import Locale, Page

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


@register.simple_tag(takes_context=True)
def home_url(context):
    """The home page in the current language, or the default one."""
    request = context.get("request")
    site_root = Page.objects.none()
    try:
        locale = Locale.get_active()
        site_root = Page.objects.filter(depth=2, locale=locale).live().first()
    except Locale.DoesNotExist:
        pass
    site_root = site_root or Page.objects.filter(depth=2).live().first()
    return site_root.get_url(request=request) if site_root else "/"
