"""Whatever text a signature holds, every way out of the portal stays valid: the CSV and Excel
exports, the emails and the delivery pack (hypothesis draws the text).

Signatures are stored here directly, as rows stored before text was cleaned on the way in
(campaigns.signing.text) could be: the ways out must not rely on the way in.
"""

import csv
import email
import io
from email import policy

import pytest
from bs4 import BeautifulSoup
from defusedxml import ElementTree
from django.core.mail import EmailMultiAlternatives
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from campaigns.models import CampaignSubmission
from campaigns.outbox.messages import signature_emails
from campaigns.team.exports import neutralise, xml_safe
from campaigns.team.letters import full_name
from tests.conftest import supporter_key_of

# What breaks files and mail most often, mixed into arbitrary Unicode. Not NUL or lone surrogates:
# PostgreSQL's jsonb cannot hold them, and a request (UTF-8) cannot carry a surrogate.
NASTY = [
    "\u202e",
    "\u2066",
    "\u200b",
    "\u200d",
    "\ufeff",
    "\ufffe",
    "\uffff",
    "\x07",
    "\x1b",
    "\r",
    "\n",
    "\r\n",
    "\t",
    '"',
    ",",
    ";",
    "'",
    "=",
    "+",
    "-",
    "@",
    "<",
    ">",
    "&",
    "</script>",
    "<script>",
    "陳",
    "大文",
    "✊🏽",
    "👩‍👩‍👧",
    "\U0001f1ed\U0001f1f0",
    "\U000e0041",
]
TEXT = st.lists(
    st.one_of(
        st.characters(exclude_categories=("Cs",), exclude_characters="\x00"),
        st.sampled_from(NASTY),
    ),
    min_size=1,
    max_size=40,
).map("".join)
SETTINGS = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def store(campaign, name, message):
    CampaignSubmission.objects.all().delete()
    return CampaignSubmission.objects.create(
        page=campaign,
        form_data={
            "first_name": name,
            "last_name": name,
            "email": "ada@example.org",
            "country": name,
            "your_message": message,
            "i_agree_to_be_contacted": True,
        },
        supporter_key=supporter_key_of("ada@example.org"),
    )


def export(admin_client, campaign, kind):
    response = admin_client.get(f"/admin/forms/submissions/{campaign.pk}/", {"export": kind})
    assert response.status_code == 200
    if response.streaming:
        return b"".join(response.streaming_content)
    return b"".join(response)


def csv_rows(raw):
    assert raw.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))


@SETTINGS
@given(name=TEXT, message=TEXT)
def test_the_csv_export_holds_any_text_and_runs_no_formula(admin_client, campaign, name, message):
    store(campaign, name, message)

    heading, row = csv_rows(export(admin_client, campaign, "csv"))
    cells = dict(zip(heading, row, strict=True))

    assert cells["First name"] == neutralise(name)
    assert cells["Your message"] == neutralise(message)
    assert not any(cell.startswith(("=", "+", "-", "@")) for cell in row)


@SETTINGS
@given(name=TEXT, message=TEXT)
def test_the_excel_export_is_a_valid_file_whatever_the_text(admin_client, campaign, name, message):
    store(campaign, name, message)
    raw = export(admin_client, campaign, "xlsx")

    # Excel's own check is stricter than openpyxl's: every part must be well-formed XML.
    import zipfile

    with zipfile.ZipFile(io.BytesIO(raw)) as archive:
        for part in archive.namelist():
            if part.endswith(".xml"):
                ElementTree.fromstring(archive.read(part))
    sheet = load_workbook(io.BytesIO(raw)).active
    heading, row = ([cell.value for cell in line] for line in sheet.iter_rows())
    cells = dict(zip(heading, row, strict=True))

    def as_read(text):  # XML reads every line break as \n
        return xml_safe(text).replace("\r\n", "\n").replace("\r", "\n") or None

    assert cells["First name"] in (as_read(name), "'" + (as_read(name) or ""))
    assert cells["Your message"] in (as_read(message), "'" + (as_read(message) or ""))


@SETTINGS
@given(name=TEXT, message=TEXT)
def test_the_emails_encode_any_text_and_escape_it(campaign, name, message):
    submission = store(campaign, name, message)

    messages = signature_emails(submission.pk, ["team", "thanks"], "https://act.example.org/")

    assert set(messages) == {"team", "thanks"}
    for written in messages.values():
        mail = EmailMultiAlternatives(
            written["subject"], written["body"], written["from_email"], written["to"]
        )
        mail.attach_alternative(written["html_body"], "text/html")
        parsed = email.message_from_bytes(mail.message().as_bytes(), policy=policy.default)
        html = parsed.get_body(("html",)).get_content()
        assert BeautifulSoup(html, "html.parser").find("script") is None


@pytest.fixture
def pack_rows(admin_client, campaign):
    def rows():
        response = admin_client.get(f"/admin/campaigns/{campaign.pk}/delivery-pack.csv")
        return csv_rows(b"".join(response.streaming_content))

    return rows


@SETTINGS
@given(name=TEXT, message=TEXT)
def test_the_delivery_pack_holds_any_text(admin_client, campaign, pack_rows, name, message):
    store(campaign, name, message)

    letter = pack_rows()[-1]
    # Given and family name both `name`, put together as the letter writes names (Chinese
    # characters family name first, with no space).
    part = [name.strip()] if name.strip() else []
    assert letter[2] == neutralise(full_name(part, part) or "A supporter")
    assert letter[3] == neutralise(message.strip())

    page = admin_client.get(f"/admin/campaigns/{campaign.pk}/delivery-pack/")
    assert page.status_code == 200
    assert BeautifulSoup(page.content, "html.parser").find("script", string=message) is None


@SETTINGS
@given(
    answers=st.dictionaries(st.text(max_size=20), st.text() | st.booleans() | st.lists(st.text())),
    consent=st.text(),
)
@pytest.mark.django_db
def test_any_text_round_trips_through_encryption(campaign, answers, consent):
    # Any text at all, NUL and lone surrogates included: the database holds only ciphertext.
    stored = CampaignSubmission.objects.create(page=campaign, form_data=answers, consent=consent)

    read = CampaignSubmission.objects.get(pk=stored.pk)
    assert (read.form_data, read.consent) == (answers, consent)
    assert CampaignSubmission.objects.filter(pk=stored.pk).values_list(
        "form_data", "consent"
    ).get() == (answers, consent)
