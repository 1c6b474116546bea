"""The translations overview in the admin, and the publishing gate's word to the translator.

The gate itself is in the model (publishing.gate): these hooks stop a publish before it starts,
so that the translator reads what to translate instead of a generic error, and hold
wagtail-localize's sync to it (publishing.sync).
"""

from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.pages.utils import get_valid_next_url_from_request

from . import gate, overview, sync


# Before wagtail-localize's own hook (order 0), which takes over the editor of a translation and
# publishes from it.
@hooks.register("before_edit_page", order=-1)
def stop_publishing_an_untranslated_translation(request, page):
    if request.method != "POST" or request.POST.get("action") != "publish":
        return None
    items = gate.untranslated_items(page)
    if not items:
        return None
    sync.refuse(request, page, items)
    return redirect(request.path)


@hooks.register("before_bulk_action")
def stop_bulk_publishing_untranslated_translations(request, action_type, objects, action):
    if action_type != "publish":
        return None
    refused = 0
    for page in objects:
        items = gate.untranslated_items(page)
        if items:
            sync.refuse(request, page, items)
            refused += 1
    if refused:
        return redirect(get_valid_next_url_from_request(request) or reverse("wagtailadmin_home"))
    return None


# Before wagtail-localize's URLs (order 0), so that this address of theirs is ours.
@hooks.register("register_admin_urls", order=-1)
def register_sync_held_to_the_gate():
    return [
        path(
            "localize/update/<int:translation_source_id>/",
            sync.UpdateTranslationsView.as_view(),
            name="publishing_update_translations",
        )
    ]


@hooks.register("register_admin_urls")
def register_translations_overview():
    return [
        path(
            "translations/",
            overview.TranslationsView.as_view(),
            name="publishing_translations",
        )
    ]


class TranslationsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(overview.SUBMIT_TRANSLATION)


@hooks.register("register_admin_menu_item")
def register_translations_menu_item():
    return TranslationsMenuItem(
        _("Translations"),
        reverse("publishing_translations"),
        icon_name="wagtail-localize-language",
        order=250,
    )


@hooks.register("construct_homepage_panels")
def add_translations_panel(request, panels):
    if request.user.has_perm(overview.SUBMIT_TRANSLATION):
        panels.append(overview.TranslationsPanel())


# Two upstream menu labels are translated once per process, in the language of the first admin
# page it serves, and then shown in it to everyone: wagtail-localize's "Translations" report
# (gettext, not gettext_lazy, in its wagtail_hooks.py) and Wagtail 8.0.1's "What's new in
# Wagtail %(version)s" (a lazy string formatted at once). The menus keep their items, so each
# request gives them their label back in its own language, with the msgids upstream uses.
@hooks.register("construct_reports_menu")
def translate_the_translations_report_label(request, menu_items):
    url = reverse("wagtail_localize:translations_report")
    for item in menu_items:
        if item.url == url:
            item.label = gettext("Translations")


@hooks.register("construct_help_menu")
def translate_whats_new_label(request, menu_items):
    for item in menu_items:
        if item.name.startswith("whats-new-in-wagtail-"):
            version = item.name.removeprefix("whats-new-in-wagtail-")
            item.label = gettext("What's new in Wagtail %(version)s") % {"version": version}
