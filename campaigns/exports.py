"""The admin's list and export of signatures, safe to open in a spreadsheet.

Wagtail's CSV export writes formula cells as they are (Wagtail treats CSV injection as the
spreadsheet's problem), has no byte-order mark, so Excel shows Chinese as mojibake, and writes
times in UTC. Here a cell that a spreadsheet would run as a formula starts with an apostrophe,
the file starts with a UTF-8 BOM, and times are in the site's time zone (TIME_ZONE).
"""

import datetime

from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.widgets.button import HeaderButton
from wagtail.contrib.forms.views import SubmissionsListView

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
BOM = "\ufeff"


def neutralise(value):
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


class CampaignSubmissionsListView(SubmissionsListView):
    custom_value_preprocess = {
        **SubmissionsListView.custom_value_preprocess,
        datetime.datetime: {
            SubmissionsListView.FORMAT_CSV: lambda value: timezone.localtime(value).isoformat(
                sep=" ", timespec="seconds"
            ),
            SubmissionsListView.FORMAT_XLSX: lambda value: timezone.make_naive(value),
        },
    }

    @cached_property
    def header_buttons(self):
        # The letters as the target receives them, to print or export (campaigns.delivery_pack).
        return [
            HeaderButton(
                _("Delivery pack"),
                url=reverse("campaigns_delivery_pack", args=[self.form_page.pk]),
                icon_name="doc-full",
            )
        ]

    def preprocess_field_value(self, field, value, export_format):
        value = super().preprocess_field_value(field, value, export_format)
        return neutralise(value) if export_format == self.FORMAT_CSV else value

    def stream_csv(self, queryset):
        yield BOM
        yield from super().stream_csv(queryset)

    def write_csv_response(self, queryset):
        response = super().write_csv_response(queryset)
        response["Content-Type"] = "text/csv; charset=utf-8"
        return response
