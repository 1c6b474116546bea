"""Every page of the default language beside its translations: what is missing, in draft, live
or behind its source, how many strings are left, and the one thing to do next.

One admin view (Reports menu, "Translations") and a dashboard panel for people who may submit
translations (translators, editors). Both take a fixed number of queries however many pages
and languages there are (tests/publishing/test_overview.py counts them).
"""

from collections import Counter
from dataclasses import dataclass
from urllib.parse import urlencode

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.ui.components import Component
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.models import Locale, Page
from wagtail_localize.models import (
    StringSegment,
    StringTranslation,
    Translation,
    TranslationSource,
)

SUBMIT_TRANSLATION = "wagtail_localize.submit_translation"

MISSING = "missing"
DRAFT = "draft"
LIVE = "live"
STATE_LABELS = {
    MISSING: _("Not translated"),
    DRAFT: _("Draft"),
    LIVE: _("Live"),
}


@dataclass
class Cell:
    """One page in one language."""

    locale: Locale
    state: str
    page_id: int | None = None
    outdated: bool = False
    strings_total: int = 0
    strings_left: int = 0
    action_url: str = ""
    action_label: str = ""
    sync_url: str = ""

    @property
    def state_label(self):
        return STATE_LABELS[self.state]

    @property
    def needs_work(self):
        return self.state != LIVE or self.outdated or self.strings_left > 0


@dataclass
class Row:
    source: Page
    cells: list

    @property
    def needs_work(self):
        return any(cell.needs_work for cell in self.cells)


def translation_rows(next_url=""):
    """A row per page of the default language below its home page, a cell per other language."""
    default = Locale.get_default()
    order = [code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES]
    locales = sorted(
        Locale.objects.exclude(pk=default.pk),
        key=lambda locale: (
            order.index(locale.language_code) if locale.language_code in order else len(order)
        ),
    )
    sources = list(
        Page.objects.filter(locale=default, depth__gt=2)
        .order_by("path")
        .only("pk", "title", "draft_title", "translation_key", "last_published_at", "live")
    )
    keys = [page.translation_key for page in sources]
    translated = {
        (page.translation_key, page.locale_id): page
        for page in Page.objects.filter(translation_key__in=keys, alias_of__isnull=True)
        .exclude(locale=default)
        .only("pk", "translation_key", "locale_id", "live")
    }
    translation_sources = {
        source.object_id: source
        for source in TranslationSource.objects.filter(object_id__in=keys, locale=default)
    }
    enabled = {
        (translation.source_id, translation.target_locale_id)
        for translation in Translation.objects.filter(
            source__in=translation_sources.values(), enabled=True
        ).only("source_id", "target_locale_id")
    }
    total, done = string_counts(keys, translation_sources.values())

    rows = []
    for source_page in sources:
        translation_source = translation_sources.get(source_page.translation_key)
        cells = []
        for locale in locales:
            page = translated.get((source_page.translation_key, locale.pk))
            cell = Cell(locale=locale, state=MISSING)
            if page is not None:
                cell.page_id = page.pk
                cell.state = LIVE if page.live else DRAFT
                cell.action_url = reverse("wagtailadmin_pages:edit", args=[page.pk])
                cell.action_label = _("Edit translation")
            else:
                cell.action_url = "{}?{}".format(
                    reverse("wagtail_localize:submit_page_translation", args=[source_page.pk]),
                    urlencode({"select_locale": locale.language_code}),
                )
                cell.action_label = _("Translate")
            if (
                translation_source is not None
                and (
                    translation_source.pk,
                    locale.pk,
                )
                in enabled
            ):
                cell.strings_total = total[translation_source.pk]
                cell.strings_left = cell.strings_total - done[(translation_source.pk, locale.pk)]
                cell.outdated = bool(
                    source_page.last_published_at
                    and source_page.last_published_at > translation_source.last_updated_at
                )
                if cell.outdated:
                    cell.sync_url = "{}?{}".format(
                        reverse(
                            "wagtail_localize:update_translations", args=[translation_source.pk]
                        ),
                        urlencode({"next": next_url}) if next_url else "",
                    ).rstrip("?")
            cells.append(cell)
        rows.append(Row(source=source_page, cells=cells))
    return locales, rows


def string_counts(keys, translation_sources):
    """Strings to translate per source, and translated per (source, language): two queries."""
    source_ids = [source.pk for source in translation_sources]
    segments = list(
        StringSegment.objects.filter(source_id__in=source_ids).values_list(
            "source_id", "string_id", "context_id"
        )
    )
    total = Counter(source_id for source_id, _string, _context in segments)
    translated = set(
        StringTranslation.objects.filter(context__object_id__in=keys, has_error=False).values_list(
            "translation_of_id", "context_id", "locale_id"
        )
    )
    done = Counter()
    locale_ids = {locale_id for _string, _context, locale_id in translated}
    for source_id, string_id, context_id in segments:
        for locale_id in locale_ids:
            if (string_id, context_id, locale_id) in translated:
                done[(source_id, locale_id)] += 1
    return total, done


class TranslationsView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "publishing/admin/translations.html"
    page_title = _("Translations")
    header_icon = "wagtail-localize-language"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(SUBMIT_TRANSLATION):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def get_context_data(self, **kwargs):
        locales, rows = translation_rows(next_url=self.request.get_full_path())
        return {**super().get_context_data(**kwargs), "locales": locales, "rows": rows}


class TranslationsPanel(Component):
    """On the dashboard: the pages whose translations need work, up to `limit`."""

    name = "translations"
    order = 150
    template_name = "publishing/admin/translations_panel.html"
    limit = 10

    def get_context_data(self, parent_context):
        request = parent_context["request"]
        locales, rows = translation_rows(next_url=request.get_full_path())
        to_do = [row for row in rows if row.needs_work]
        return {
            "locales": locales,
            "rows": to_do[: self.limit],
            "more": max(len(to_do) - self.limit, 0),
            "overview_url": reverse("publishing_translations"),
        }
