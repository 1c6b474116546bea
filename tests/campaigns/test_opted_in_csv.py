"""The CSV of supporters who asked to hear more, for a mailing tool (campaigns.team.opted_in):
exactly the reachable people, once each, safe to open in a spreadsheet, for the team only."""

import csv
import io

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from wagtail.models import ModelLogEntry, PageLogEntry

from campaigns.models import OptIn, Scope, Suppression, Withdrawal
from campaigns.models.signatures import CampaignSubmission
from campaigns.signing import opt_ins
from campaigns.signing.text import clean_text
from campaigns.team import audit
from campaigns.team.exports import FORMULA_PREFIXES
from campaigns.team.opted_in import OptedInView  # noqa: F401 (the view under test)
from tests.campaigns.test_any_text import TEXT
from tests.conftest import started_token, supporter_key_of
from tests.factories import CampaignPageFactory, add_petition_fields

pytestmark = pytest.mark.django_db

URL = "/admin/signatures/opted-in/"
BOTH = {opt_ins.CAMPAIGN_FIELD: "on", opt_ins.ORGANISATION_FIELD: "on"}


def sign(client, page, post, **extra):
    data = {**post, "form_token": started_token(60, page.translation_key), **extra}
    response = client.post(page.url, data)
    assert response.status_code == 303
    return CampaignSubmission.objects.latest("pk")


def download(client, audience):
    response = client.get(URL, {"audience": audience})
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    raw = b"".join(response.streaming_content)
    assert raw.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))


@pytest.fixture
def another(home):
    page = CampaignPageFactory(parent=home, slug="another", title="Free the journalists")
    add_petition_fields(page)
    page.save_revision().publish()
    return page


@pytest.fixture
def supporters(client, campaign, another, valid_post, organisation):
    """Ada twice (two campaigns), and one of each way not to be reachable."""
    ada = sign(client, campaign, valid_post, **BOTH)
    ada_again = sign(client, another, {**valid_post, "first_name": "Ada K."}, **BOTH)
    withdrawn = sign(client, campaign, {**valid_post, "email": "bob@example.org"}, **BOTH)
    OptIn.objects.filter(signature=withdrawn).withdraw(Withdrawal.PREFERENCES)
    held = sign(
        client,
        campaign,
        {**valid_post, "email": "carol@example.org"},
        hp_website="https://x.example",
        **BOTH,
    )
    erased = sign(client, campaign, {**valid_post, "email": "dan@example.org"}, **BOTH)
    erased.anonymise(timezone.now())
    suppressed = sign(client, campaign, {**valid_post, "email": "eve@example.org"}, **BOTH)
    # Suppressed without its opt-ins withdrawn (as a row written another way could be).
    Suppression.objects.create(supporter_key=supporter_key_of("eve@example.org"), reason="bounce")
    unticked = sign(client, campaign, {**valid_post, "email": "frank@example.org"})
    only_updates = sign(
        client,
        campaign,
        {**valid_post, "email": "grace@example.org", "first_name": "Grace", "last_name": "Hopper"},
        **{opt_ins.CAMPAIGN_FIELD: "on"},
    )
    assert held.quarantined_at is not None and unticked and suppressed
    return {"ada": ada, "ada_again": ada_again, "grace": only_updates}


def test_the_campaigns_list_is_exactly_the_reachable_people(admin_client, campaign, supporters):
    rows = download(admin_client, f"campaign:{campaign.translation_key}")

    assert rows[0] == [
        "Email",
        "First name",
        "Last name",
        "Language",
        "Scope",
        "Wording version",
        "Given at",
    ]
    by_email = {row[0]: row for row in rows[1:]}
    assert sorted(by_email) == ["ada@example.org", "grace@example.org"]
    assert len(rows) == 3
    assert by_email["grace@example.org"][1:6] == ["Grace", "Hopper", "en", "campaign", "1"]
    ada = OptIn.objects.get(signature=supporters["ada"], scope=Scope.CAMPAIGN)
    given = timezone.localtime(ada.given_at).isoformat(sep=" ", timespec="seconds")
    assert by_email["ada@example.org"][6] == given


def test_the_organisations_list_has_each_person_once_their_newest_opt_in(admin_client, supporters):
    rows = download(admin_client, "organisation")[1:]

    assert [row[0] for row in rows] == ["ada@example.org"]
    # Ada signed two campaigns: the newer signature's opt-in (and name) wins.
    assert rows[0][1] == "Ada K."
    newest = OptIn.objects.get(signature=supporters["ada_again"], scope=Scope.ORGANISATION)
    assert rows[0][6] == timezone.localtime(newest.given_at).isoformat(sep=" ", timespec="seconds")


def test_the_download_is_logged(admin_client, campaign, supporters):
    download(admin_client, f"campaign:{campaign.translation_key}")
    download(admin_client, "organisation")

    entry = PageLogEntry.objects.get(action=audit.OPTED_IN_EXPORTED)
    assert entry.page_id == campaign.pk and entry.data["count"] == 2
    organisation_entry = ModelLogEntry.objects.get(action=audit.OPTED_IN_EXPORTED)
    assert organisation_entry.data["count"] == 1


def test_people_without_permission_get_nothing(client, django_user_model, campaign, supporters):
    translator = django_user_model.objects.create_user("translator", password="pw")
    translator.groups.add(Group.objects.get(name="Translators"))
    client.force_login(translator)

    response = client.get(URL, {"audience": "organisation"})

    assert response.status_code in (302, 403)
    assert b"ada@example.org" not in b"".join(getattr(response, "streaming_content", [b""]))
    assert not ModelLogEntry.objects.filter(action=audit.OPTED_IN_EXPORTED).exists()


def test_a_forged_choice_is_a_form_error_not_a_failure(admin_client, supporters):
    for audience in ["campaign:not-a-key", "partner:00000000-0000-0000-0000-000000000000", "x"]:
        response = admin_client.get(URL, {"audience": audience})
        assert response.status_code == 200
        assert response["Content-Type"].startswith("text/html")


def test_the_screen_offers_each_list(admin_client, campaign, another, supporters):
    response = admin_client.get(URL)
    html = response.content.decode()

    assert response.status_code == 200
    assert f"campaign:{campaign.translation_key}" in html
    assert f"campaign:{another.translation_key}" in html
    assert 'value="organisation"' in html
    # Reached from the Signatures screen.
    assert URL in admin_client.get("/admin/signatures/").content.decode()


# What a form field keeps (campaigns.signing.text): an answer of nothing but invisible marks is
# empty, and the form asks for it again.
ANSWER = TEXT.filter(lambda text: clean_text(text).strip())


@given(first=ANSWER, last=ANSWER, words=TEXT)
@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_hostile_words_and_answers_survive_safely(
    admin_client, client, campaign, valid_post, organisation, first, last, words
):
    OptIn.objects.all().delete()
    CampaignSubmission.objects.all().delete()
    organisation.campaign_updates_opt_in = words
    organisation.save()

    form = client.get(campaign.url).content.decode()
    signature = sign(
        client,
        campaign,
        {**valid_post, "first_name": first, "last_name": last},
        **{opt_ins.CAMPAIGN_FIELD: "on"},
    )

    # The words as shown are the words kept, exactly; escaped on the page.
    (opt_in,) = OptIn.objects.filter(signature=signature)
    assert opt_in.wording.text == (words.strip() or "Email me updates about this campaign.")
    assert (
        "<script>" not in form.split('class="field field--opt-ins"', 1)[1].split("</fieldset>")[0]
    )
    rows = download(admin_client, f"campaign:{campaign.translation_key}")
    assert len(rows) == 2
    (row,) = rows[1:]
    stored = signature.form_data
    for cell, answer in [(row[1], stored["first_name"]), (row[2], stored["last_name"])]:
        assert not cell.startswith(FORMULA_PREFIXES)
        assert cell in (answer.strip(), "'" + answer.strip())


def test_the_signatures_exports_say_yes_or_no_per_scope_with_the_version(
    admin_client, campaign, supporters
):
    from openpyxl import load_workbook

    response = admin_client.get(f"/admin/forms/submissions/{campaign.pk}/", {"export": "csv"})
    raw = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(raw)))
    by_email = {row["Email"]: row for row in rows}
    updates, others = (
        "Opt-in: updates about this campaign",
        "Opt-in: the organisation's other campaigns",
    )
    assert by_email["ada@example.org"][updates] == "Yes (version 1)"
    assert by_email["grace@example.org"][others] == "No"
    assert by_email["frank@example.org"][updates] == "No"
    assert by_email["bob@example.org"][updates] == "No: withdrawn (version 1)"
    # No partner's form was used: no partner column.
    assert "Opt-in: the partner" not in rows[0]

    response = admin_client.get(f"/admin/forms/submissions/{campaign.pk}/", {"export": "xlsx"})
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    column = values[0].index(updates)
    assert "Yes (version 1)" in [row[column] for row in values[1:]]

    listing = admin_client.get(f"/admin/forms/submissions/{campaign.pk}/").content.decode()
    assert "Yes (version 1)" in listing
