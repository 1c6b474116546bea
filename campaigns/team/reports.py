"""Numbers for the campaign team: signatures today, this week and in total on the dashboard, and a
report per campaign with signatures per day by language and by source (the channel a share link
named, a partner, or direct: campaigns.team.report_sources), each as a chart and as a table.

Days and weeks are the site's (TIME_ZONE, Hong Kong): "today" starts at local midnight, a week
on Monday. Today and this week count online signatures as they are stored (confirmed ones only);
totals are the tally that pages show, paper signatures included, so they lag by up to a minute.
"""

import datetime
import math

from django.conf import settings
from django.db.models import Count, Q
from django.db.models.fields.json import KT
from django.db.models.functions import TruncDate
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.ui.components import Component
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.widgets.button import HeaderButton

from campaigns.models import CampaignPage, CampaignSubmission, SignatureTally
from campaigns.signing import sources
from portal.time_zones import time_zone_name

from . import report_sources
from .permissions import campaign_for

# Distinguishable with the common colour-vision deficiencies (Okabe and Ito's palette); the
# legend and the table carry the same information in words and numbers.
LANGUAGE_COLOURS = {"en": "#0072b2", "zh-hant": "#e69f00", "zh-hans": "#009e73"}
OTHER_COLOUR = "#7f7f7f"
# Beyond this the bars get too thin to read; the table still lists the same days.
MAX_DAYS = 92


def local_midnight(day):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def recent_counts(keys, now=None):
    """{campaign_key: {"today": n, "week": n}} of counted online signatures, in one query."""
    today = timezone.localdate(now)
    today_start = local_midnight(today)
    week_start = local_midnight(today - datetime.timedelta(days=today.weekday()))
    rows = (
        CampaignSubmission.objects.counted()
        .filter(campaign_key__in=keys, submit_time__gte=week_start)
        .order_by()
        .values("campaign_key")
        .annotate(
            today=Count("pk", filter=Q(submit_time__gte=today_start)),
            week=Count("pk"),
        )
    )
    counts = {key: {"today": 0, "week": 0} for key in keys}
    for row in rows:
        counts[row["campaign_key"]] = {"today": row["today"], "week": row["week"]}
    return counts


def open_campaigns():
    """Open live campaigns with their tally, one page each: the default language's, or for a
    campaign live only in other languages, one of those."""
    pages = CampaignPage.objects.live().open().with_signature_count().one_per_campaign()
    return sorted(pages, key=lambda page: (-page.signature_count, page.title))


class CampaignMomentumPanel(Component):
    """Dashboard panel: every open campaign's signatures today, this week and in total."""

    name = "campaign_momentum"
    template_name = "campaigns/admin/momentum_panel.html"
    # Above Wagtail's own panels (workflow 100+, recent edits 250, locked pages 300).
    order = 50

    def get_context_data(self, parent_context):
        campaigns = list(open_campaigns())
        counts = recent_counts([page.translation_key for page in campaigns])
        rows = [
            {
                "page": page,
                "today": counts[page.translation_key]["today"],
                "week": counts[page.translation_key]["week"],
                "total": page.signature_count,
                "report_url": reverse("campaigns_report", args=[page.pk]),
            }
            for page in campaigns
        ]
        return {"rows": rows, "time_zone": time_zone_name()}


# --- the report ------------------------------------------------------------------------------


def languages():
    return [
        {"code": code, "name": name, "colour": LANGUAGE_COLOURS.get(code, OTHER_COLOUR)}
        for code, name in settings.LANGUAGES
    ]


def daily_counts(key):
    """{date: {"languages": {language: n}, "sources": {source: n}}} of counted signatures, by
    local date, in one query however many days, languages and sources."""
    rows = (
        CampaignSubmission.objects.counted()
        .filter(campaign_key=key)
        .annotate(
            day=TruncDate("submit_time", tzinfo=timezone.get_current_timezone()),
            utm_source=KT("source__utm_source"),
            named_source=KT("source__source"),
            partner=KT(f"source__{sources.PARTNER}"),
        )
        .order_by()
        .values_list("day", "language", "utm_source", "named_source", "partner")
        .annotate(n=Count("pk"))
    )
    days = {}
    for day, language, utm_source, named_source, partner, n in rows:
        counts = days.setdefault(day, {"languages": {}, "sources": {}})
        counts["languages"][language] = counts["languages"].get(language, 0) + n
        source = report_sources.source_of(utm_source, named_source, partner)
        counts["sources"][source] = counts["sources"].get(source, 0) + n
    return days


def report_days(counts, page):
    """Every day from the first signature to today (or to the closing day), at most the last
    MAX_DAYS; and whether earlier days were left out."""
    if not counts:
        return [], False
    last = timezone.localdate()
    if not page.action_is_open:
        last = min(last, timezone.localdate(page.action_closes_at))
    last = max(last, max(counts))
    first = max(min(counts), last - datetime.timedelta(days=MAX_DAYS - 1))
    days = [first + datetime.timedelta(days=i) for i in range((last - first).days + 1)]
    return days, first > min(counts)


def nice_ceiling(n):
    """The smallest 1, 2 or 5 × 10^k at or above n, so the axis has round labels."""
    if n <= 1:
        return 1
    power = 10 ** math.floor(math.log10(n))
    for step in (1, 2, 5, 10):
        if n <= step * power:
            return step * power
    return 10 * power  # not reached


class Chart:
    """Geometry of a stacked bar chart, in SVG user units; the template draws it. `series` are
    the stacked parts (languages, or sources), `rows` the days with their counts by series."""

    width, height = 720, 260
    left, right, top, bottom = 48, 8, 12, 32

    def __init__(self, rows, series):
        self.plot_width = self.width - self.left - self.right
        self.plot_height = self.height - self.top - self.bottom
        self.baseline = self.top + self.plot_height
        self.maximum = nice_ceiling(max((row["total"] for row in rows), default=0))
        band = self.plot_width / max(len(rows), 1)
        label_every = math.ceil(len(rows) / 8) or 1
        self.bars = []
        for i, row in enumerate(rows):
            x = self.left + i * band
            y = self.baseline
            segments = []
            for one in series:
                n = row["counts"][one["code"]]
                if not n:
                    continue
                h = n * self.plot_height / self.maximum
                y -= h
                segments.append(
                    {
                        "series": one,
                        "count": n,
                        "x": round(x + band * 0.1, 2),
                        "y": round(y, 2),
                        "width": round(band * 0.8, 2),
                        "height": round(h, 2),
                    }
                )
            self.bars.append(
                {
                    "day": row["day"],
                    "total": row["total"],
                    "segments": segments,
                    "label_x": round(x + band / 2, 2),
                    "labelled": i % label_every == 0 or i == len(rows) - 1,
                }
            )
        self.ticks = [
            {
                "value": value,
                "y": round(self.baseline - value * self.plot_height / self.maximum, 2),
            }
            for value in sorted({0, self.maximum // 2, self.maximum})
        ]

    @property
    def view_box(self):
        return f"0 0 {self.width} {self.height}"

    @property
    def plot_right(self):
        return self.left + self.plot_width


class CampaignReportView(WagtailAdminTemplateMixin, TemplateView):
    """/admin/campaigns/report/<page_id>/: signatures per day by language, every language of
    the campaign together, whichever translation's id is in the URL."""

    template_name = "campaigns/admin/report.html"
    page_title = gettext_lazy("Signatures per day")
    header_icon = "table"

    def dispatch(self, request, page_id):
        self.page = campaign_for(request, page_id)
        return super().dispatch(request, page_id)

    def get_page_subtitle(self):
        return self.page.get_admin_display_title()

    def submissions_url(self):
        return reverse("wagtailforms:list_submissions", args=[self.page.pk])

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("wagtailforms:index"), "label": gettext("Forms")},
            {"url": self.submissions_url(), "label": self.get_page_subtitle()},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_header_buttons(self):
        return [HeaderButton(gettext("Signatures"), self.submissions_url(), icon_name="form")]

    def get_context_data(self, **kwargs):
        key = self.page.translation_key
        counts = daily_counts(key)
        days, limited = report_days(counts, self.page)
        langs = languages()
        by_language = split(days, langs, lambda day: counts.get(day, {}).get("languages", {}))
        source_totals = {}
        for day in days:
            for source, n in counts.get(day, {}).get("sources", {}).items():
                source_totals[source] = source_totals.get(source, 0) + n
        sources, column = report_sources.series_for(source_totals)

        def by_column(day):
            found = {}
            for source, n in counts.get(day, {}).get("sources", {}).items():
                found[column[source]] = found.get(column[source], 0) + n
            return found

        by_source = split(days, sources, by_column)
        tally = SignatureTally.objects.filter(pk=key).first()
        recent = recent_counts([key])[key]
        return super().get_context_data(
            **kwargs,
            page=self.page,
            splits=[
                by_language
                | {
                    "name": "language",
                    "heading": gettext("By language"),
                    "caption": gettext("Online signatures per day by language"),
                },
                by_source
                | {
                    "name": "source",
                    "heading": gettext("By source"),
                    "caption": gettext("Online signatures per day by source"),
                },
            ],
            # The language table, as before the split by source.
            languages=langs,
            rows=by_language["rows"],
            last_day=days[-1] if days else None,
            limited=limited,
            max_days=MAX_DAYS,
            total=tally.total if tally else 0,
            paper=tally.paper if tally else 0,
            today=recent["today"],
            week=recent["week"],
            time_zone=time_zone_name(),
            submissions_url=self.submissions_url(),
        )


def split(days, series, counts_of):
    """One table and chart of the report: a row per day with its count in each of `series`
    (from `counts_of(day)`, {code: n}), the column totals, and the chart's geometry."""
    rows = []
    for day in days:
        found = counts_of(day)
        by_series = {one["code"]: found.get(one["code"], 0) for one in series}
        rows.append(
            {
                "day": day,
                "counts": by_series,
                "cells": list(by_series.values()),
                "total": sum(by_series.values()),
            }
        )
    column_totals = [sum(row["counts"][one["code"]] for row in rows) for one in series]
    return {
        "series": series,
        "rows": rows,
        "column_totals": column_totals,
        "shown_total": sum(column_totals),
        "chart": Chart(rows, series) if rows else None,
    }
