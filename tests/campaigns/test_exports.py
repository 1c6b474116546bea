"""Exports of signatures: no formula runs, Excel reads the Chinese, times are local."""

import csv
import io

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from campaigns.team.exports import FORMULA_PREFIXES
from tests.conftest import supporter_key_of

HOSTILE = {
    "first_name": '=HYPERLINK("http://evil.example","click")',
    "last_name": "+SUM(1,2)",
    "country": "-2+3",
    "your_message": "@cmd|' /C calc'!A0",
}


@pytest.fixture
def signed(client, campaign, valid_post):
    client.post(campaign.url, {**valid_post, **HOSTILE}, follow=True)
    client.post(
        campaign.url,
        {**valid_post, "email": "chan@example.org", "first_name": "陳大文", "country": "\t香港"},
        follow=True,
    )
    return campaign


def csv_export(admin_client, page):
    response = admin_client.get(f"/admin/forms/submissions/{page.pk}/", {"export": "csv"})
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    return b"".join(response.streaming_content)


def test_csv_has_a_bom_and_no_cell_starts_a_formula(admin_client, signed):
    raw = csv_export(admin_client, signed)

    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    cells = [cell for row in rows for cell in row]
    assert not [cell for cell in cells if cell.startswith(FORMULA_PREFIXES)]
    assert '\'=HYPERLINK("http://evil.example","click")' in cells
    assert "香港" in cells  # the form strips the tab; neutralise() covers one that gets in
    assert "陳大文" in cells


def test_csv_times_are_in_the_site_time_zone(admin_client, signed, settings):
    assert settings.TIME_ZONE == "Asia/Hong_Kong"

    rows = list(csv.DictReader(io.StringIO(csv_export(admin_client, signed).decode("utf-8-sig"))))

    assert all(row["Submission date"].endswith("+08:00") for row in rows)


def test_exports_carry_the_consent_as_read_and_when_it_was_confirmed(
    admin_client, client, campaign, zh_campaigns, valid_post
):
    client.post(zh_campaigns["zh-hant"].url, valid_post, follow=True)
    signature = campaign.get_submissions().get()

    rows = list(
        csv.DictReader(io.StringIO(csv_export(admin_client, campaign).decode("utf-8-sig")))
    )
    workbook = load_workbook(
        io.BytesIO(
            b"".join(
                admin_client.get(
                    f"/admin/forms/submissions/{campaign.pk}/", {"export": "xlsx"}
                ).streaming_content
            )
        )
    )
    sheet = list(workbook.active.values)
    excel = dict(zip(sheet[0], sheet[1], strict=True))

    assert rows[0]["Consent given"] == "我同意你們聯絡我" == excel["Consent given"]
    confirmed = timezone.localtime(signature.confirmed_at)
    assert rows[0]["Confirmed at"] == confirmed.isoformat(sep=" ", timespec="seconds")
    local = timezone.make_naive(signature.confirmed_at)
    assert abs(excel["Confirmed at"] - local).total_seconds() < 0.01


def test_xlsx_export_keeps_chinese_and_runs_no_formula(admin_client, signed):
    response = admin_client.get(f"/admin/forms/submissions/{signed.pk}/", {"export": "xlsx"})

    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    cells = [cell for row in workbook.active.iter_rows() for cell in row]
    values = [cell.value for cell in cells]
    assert "陳大文" in values
    assert all(cell.data_type != "f" for cell in cells)


@pytest.mark.parametrize(
    ("value", "exported"),
    [
        ("=1+1", "'=1+1"),
        ("+1", "'+1"),
        ("-1", "'-1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("a=b", "a=b"),
        ("香港", "香港"),
        (42, 42),
    ],
)
def test_neutralise(value, exported):
    from campaigns.team.exports import neutralise

    assert neutralise(value) == exported


def add_signatures(page, count):
    """`count` signatures straight into the table, as years of a busy campaign would leave."""
    from campaigns.models import CampaignSubmission

    CampaignSubmission.objects.bulk_create(
        (
            CampaignSubmission(
                page=page,
                campaign_key=page.translation_key,
                language="en",
                supporter_key=supporter_key_of(f"supporter{n}@example.org"),
                form_data={
                    "first_name": f"Supporter {n}",
                    "last_name": "Chan",
                    "email": f"supporter{n}@example.org",
                    "country": "Hong Kong",
                    "your_message": "Dear Chief Executive,\nPlease respect our rights.",
                    "i_agree_to_be_contacted": True,
                },
            )
            for n in range(count)
        ),
        batch_size=2000,
    )


def peak_memory_while_streaming(admin_client, page):
    """Python's peak allocation while the export is produced and read, and the rows read."""
    import tracemalloc

    tracemalloc.start()
    try:
        response = admin_client.get(f"/admin/forms/submissions/{page.pk}/", {"export": "csv"})
        lines = sum(chunk.count(b"\n") for chunk in response.streaming_content)
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return peak, lines


def test_csv_export_streams_in_bounded_memory(admin_client, campaign):
    # 20,000 signatures held at once take about 45 MB; read in chunks of 2,000, a few MB.
    add_signatures(campaign, 20_000)

    peak, lines = peak_memory_while_streaming(admin_client, campaign)

    assert lines == 1 + 20_000 + 20_000  # the heading, then each row with its two-line message
    assert peak < 16 * 1024 * 1024, f"peak {peak / 1024 / 1024:.1f} MB"
