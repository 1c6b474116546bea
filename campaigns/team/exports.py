"""The admin's list and export of signatures, safe to open in a spreadsheet.

Wagtail's CSV export writes formula cells as they are (Wagtail treats CSV injection as the
spreadsheet's problem), has no byte-order mark, so Excel shows Chinese as mojibake, and writes
times in UTC. Here a cell that a spreadsheet would run as a formula starts with an apostrophe,
the file starts with a UTF-8 BOM, and times are in the site's time zone (TIME_ZONE).

The list and exports speak the team's words: a checkbox answer is "Yes" or "No" (the consent
text the supporter agreed to has its own column), an empty answer is an empty cell, not "None",
and where-they-came-from columns (utm_* parameters) nobody's address carried are left out.
Each optional opt-in has a column (campaigns.models.opt_ins.EXPORT_COLUMNS): "Yes (version 2)"
with the version of the words ticked, "No", or why not yet; the partner's only where one was
used. The
downloads are labelled buttons, not entries of an unlabelled "…" menu.

Exports also run in bounded memory: Wagtail's listing counts the rows with len() and iterates a
queryset that caches every signature as a model instance, so a campaign with a million
signatures needed gigabytes. Here the rows come from the database as plain values, in chunks.
"""

import csv
import datetime
import itertools
import re

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.views.mixins import Echo
from wagtail.admin.widgets import HeaderButton
from wagtail.contrib.forms.views import SubmissionsListView

from campaigns.models.opt_ins import OptIn, Scope, export_cells
from campaigns.models.signatures import CampaignSubmission
from campaigns.signing.sources import COLUMNS
from portal.languages import language_name

from . import audit

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
BOM = "\ufeff"
# What XML 1.0 cannot hold. openpyxl refuses control characters but writes U+FFFE, U+FFFF and
# the like as they are, and Excel, openpyxl and expat then refuse the whole file.
XML_ILLEGAL = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
# Rows per round trip (a server-side cursor on PostgreSQL): memory stays flat whatever the size.
CHUNK_SIZE = 2000


def xml_safe(value):
    return XML_ILLEGAL.sub("", value) if isinstance(value, str) else value


def neutralise(value):
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def csv_lines(rows):
    """The CSV writer of every export (signatures, the delivery pack): a UTF-8 byte-order mark,
    then each row as a line of bytes, formula cells neutralised."""
    writer = csv.writer(Echo())
    yield BOM.encode()
    for row in rows:
        yield writer.writerow([neutralise(cell) for cell in row])


def yes_no(value):
    return gettext("Yes") if value else gettext("No")


def shown_value(value):
    """A cell of the HTML list: Yes/No for a checkbox, nothing for no answer."""
    if isinstance(value, bool):
        return yes_no(value)
    if value is None:
        return ""
    if isinstance(value, list):
        return ", ".join(value)
    return value


def unused_sources(queryset):
    """The source and utm_* parameters, partner, partner consent and partner opt-in no
    signature in `queryset` came with (one query)."""
    used = queryset.order_by().aggregate(
        **{f"with_{name}": Count("pk", filter=Q(source__has_key=name)) for name in COLUMNS},
        with_partner_consent=Count("pk", filter=Q(partner_consent__isnull=False)),
        with_opt_in_partner=Count("pk", filter=Q(opt_ins__scope=Scope.PARTNER)),
    )
    names = [*COLUMNS, "partner_consent", "opt_in_partner"]
    return {name for name in names if not used[f"with_{name}"]}


def opt_in_cells(ids):
    """{signature id: its opt-in columns} for these signatures (one query)."""
    found = {pk: [] for pk in ids}
    rows = OptIn.objects.filter(signature_id__in=ids).values_list(
        "signature_id", "scope", "wording__version", "given_at", "withdrawn_at"
    )
    for signature_id, *opt_in in rows:
        found[signature_id].append(opt_in)
    return {pk: export_cells(opt_ins) for pk, opt_ins in found.items()}


def chunks(iterable, size):
    """Lists of `size` items in turn (itertools.batched, which Python 3.11 lacks)."""
    iterator = iter(iterable)
    while chunk := list(itertools.islice(iterator, size)):
        yield chunk


def signature_rows(queryset):
    """Each signature as CampaignSubmission.get_data() gives it, without building the model;
    its opt-ins read a chunk at a time."""
    values = queryset.values_list(
        "pk",
        "form_data",
        "source",
        "submit_time",
        "language",
        "consent",
        "partner_consent",
        "confirmed_at",
    )
    for chunk in chunks(values.iterator(chunk_size=CHUNK_SIZE), CHUNK_SIZE):
        opt_ins = opt_in_cells([row[0] for row in chunk])
        for (
            pk,
            form_data,
            source,
            submit_time,
            language,
            consent,
            partner_consent,
            confirmed_at,
        ) in chunk:
            yield {
                **form_data,
                **source,
                "submit_time": submit_time,
                "language": language_name(language),
                "consent": consent,
                "partner_consent": partner_consent or "",
                "confirmed_at": confirmed_at,
                **opt_ins[pk],
            }


class CampaignSubmissionsListView(SubmissionsListView):
    """A campaign's signatures, every language, in one list (CampaignPage.get_submissions).

    `form_page` is the campaign's page, or what is kept of a deleted campaign
    (campaigns.models.deleted.DeletedCampaign, listed by campaigns.team.signatures)."""

    page_title = _("Signatures")
    header_icon = "form"
    # Labelled buttons instead (header_buttons).
    show_export_buttons = False
    custom_value_preprocess = {
        **SubmissionsListView.custom_value_preprocess,
        datetime.datetime: {
            SubmissionsListView.FORMAT_CSV: lambda value: timezone.localtime(value).isoformat(
                sep=" ", timespec="seconds"
            ),
            SubmissionsListView.FORMAT_XLSX: lambda value: timezone.make_naive(value),
        },
        bool: {
            SubmissionsListView.FORMAT_CSV: yes_no,
            SubmissionsListView.FORMAT_XLSX: yes_no,
        },
    }

    @cached_property
    def data_fields(self):
        """The page's columns but those nobody's signature has a value for."""
        unused = unused_sources(self.get_base_queryset())
        return [
            (name, label) for name, label in self.form_page.get_data_fields() if name not in unused
        ]

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("campaigns_signatures"), "label": gettext("Signatures")},
            {"url": "", "label": self.get_page_subtitle()},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if self.is_export:
            return context
        # Wagtail builds the rows from every data field; keep the shown ones, in words.
        names = [name for name, _label in self.form_page.get_data_fields()]
        shown = {name for name, _label in self.data_fields}
        keep = [index for index, name in enumerate(names) if name in shown]
        context["data_headings"] = [context["data_headings"][index] for index in keep]
        for row in context["data_rows"]:
            # Answers stored as codes (a country) named for people, before columns are left out.
            fields = [
                self.named_answers[name].answer_for_people(value)
                if name in self.named_answers
                else value
                for name, value in zip(names, row["fields"], strict=True)
            ]
            row["fields"] = [shown_value(fields[index]) for index in keep]
        return context

    def download_buttons(self):
        return [
            HeaderButton(_("Download CSV"), url=self.csv_export_url, icon_name="download"),
            HeaderButton(_("Download Excel"), url=self.xlsx_export_url, icon_name="download"),
        ]

    # Signatures waiting for their supporter's confirmation (double opt-in) are listed apart,
    # at ?status=unconfirmed: they do not count, and are deleted if never confirmed.
    @cached_property
    def lists_unconfirmed(self):
        return self.request.GET.get("status") == "unconfirmed"

    def get_base_queryset(self):
        if self.lists_unconfirmed:
            return CampaignSubmission.objects.unconfirmed().filter(
                campaign_key=self.form_page.translation_key
            )
        return super().get_base_queryset()

    def get_queryset(self):
        queryset = super().get_queryset()
        # The list's page of rows shows each one's opt-ins (get_data); exports read theirs a
        # chunk at a time (signature_rows).
        return queryset if self.is_export else queryset.prefetch_related("opt_ins__wording")

    def get_page_subtitle(self):
        title = super().get_page_subtitle()
        return f"{title} – {_('waiting for confirmation')}" if self.lists_unconfirmed else title

    @cached_property
    def header_buttons(self):
        buttons = [*super().header_buttons, *self.download_buttons()]
        report_url = reverse("campaigns_report", args=[self.form_page.pk])
        buttons.insert(0, HeaderButton(_("Signatures per day"), url=report_url, icon_name="table"))
        if self.lists_unconfirmed:
            buttons.append(HeaderButton(_("Signatures that count"), url=self.get_index_url()))
            return buttons
        # The letters as the target receives them, to print or export (.delivery_pack).
        buttons.append(
            HeaderButton(
                _("Delivery pack"),
                url=reverse("campaigns_delivery_pack", args=[self.form_page.pk]),
                icon_name="doc-full",
            )
        )
        waiting = CampaignSubmission.objects.unconfirmed().filter(
            campaign_key=self.form_page.translation_key
        )
        if waiting.exists():
            label = _("Waiting for confirmation (%(count)s)") % {"count": waiting.count()}
            url = f"{self.get_index_url()}?status=unconfirmed"
            buttons.append(HeaderButton(label, url=url, icon_name="time"))
        return buttons

    def get(self, request, *args, **kwargs):
        if self.is_export:
            self.list_export = [name for name, _label in self.data_fields]
            self.export_headings = dict(self.data_fields)
            queryset = self.get_queryset()
            audit.record(
                audit.EXPORTED,
                self.form_page,
                request.user,
                format=request.GET.get("export"),
                count=queryset.count(),
                unconfirmed=self.lists_unconfirmed,
            )
            # The listing's context (its len() of every row) is for the HTML page only.
            return self.as_spreadsheet(queryset, request.GET.get("export"))
        response = super().get(request, *args, **kwargs)
        shown = len(response.context_data.get("object_list") or ())
        audit.record(
            audit.VIEWED,
            self.form_page,
            request.user,
            count=shown,
            unconfirmed=self.lists_unconfirmed,
        )
        return response

    def to_row_dict(self, item):
        return {field: item.get(field) for field in self.list_export}

    @cached_property
    def named_answers(self):
        """{key: field} of the answers stored as codes (a country's), to be named for people."""
        return {
            field.clean_name: field
            for field in self.form_page.get_form_fields()
            if field.stores_codes
        }

    # Headings all come from the page's data fields, so the rows need not be a queryset.
    def stream_csv(self, queryset):
        headings = [self.get_heading(queryset, field) for field in self.list_export]
        rows = (
            [
                self.preprocess_field_value(field, value, self.FORMAT_CSV)
                for field, value in self.to_row_dict(row).items()
            ]
            for row in signature_rows(queryset)
        )
        return csv_lines(itertools.chain([headings], rows))

    def write_xlsx(self, queryset, output):
        # Signatures stored before text was cleaned on the way in may hold anything.
        self.export_headings = {
            key: xml_safe(str(label)) for key, label in self.export_headings.items()
        }
        super().write_xlsx(signature_rows(queryset), output)

    def preprocess_field_value(self, field, value, export_format):
        if field in self.named_answers:
            value = self.named_answers[field].answer_for_people(value)
        value = super().preprocess_field_value(field, value, export_format)
        return xml_safe(value) if export_format == self.FORMAT_XLSX else value

    def write_csv_response(self, queryset):
        response = super().write_csv_response(queryset)
        response["Content-Type"] = "text/csv; charset=utf-8"
        return response
