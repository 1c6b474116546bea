from django.shortcuts import redirect
from django.utils import translation
from wagtail import hooks
from wagtail.models import Locale, Page
from wagtail.permissions import register_permission_policy

from portal.languages import language_code

from .roles import SourcesVisibleToTranslatorsPolicy

# Before anything asks for the pages' policy (Wagtail's advice: at the top of wagtail_hooks.py).
register_permission_policy(Page, SourcesVisibleToTranslatorsPolicy(Page))


@hooks.register("before_serve_page")
def redirect_to_a_language_the_page_exists_in(page, request, serve_args, serve_kwargs):
    """Never serve a page in another language than its URL says.

    Wagtail routes /zh-hant/... through the English tree when the Chinese home page is not live,
    and HomePage.route falls back to English for untranslated pages: either way the reader is
    sent to the page in a language it exists in, and a POST is never stored against it.
    """
    language = translation.get_language()
    if language_code(page.locale_id) == language:
        return None
    target = page
    try:
        wanted = Locale.objects.get_for_language(language)
    except Locale.DoesNotExist:
        wanted = None
    if wanted is not None:
        translated = page.get_translation_or_none(wanted)
        if translated is not None and is_reachable(translated):
            target = translated
    return redirect(target.get_url(request=request))


def is_reachable(page):
    """Live, and so is its language's home page: otherwise its URL routes elsewhere."""
    return (
        page.live
        and Page.objects.ancestor_of(page, inclusive=True).filter(depth=2, live=True).exists()
    )
