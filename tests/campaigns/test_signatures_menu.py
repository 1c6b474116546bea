"""Signatures in the team's words: one menu row per campaign with its count, lists and exports
with Yes/No and no "None", unused columns left out; a deleted campaign's signatures warned
about, then kept, listed, exported and erased when their retention period ends."""

import csv
import datetime
import io
import json

from bs4 import BeautifulSoup
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from openpyxl import load_workbook
from wagtail.models import GroupPagePermission, ModelLogEntry

from campaigns.models import CampaignSubmission, DeletedCampaign, PaperSignatures
from campaigns.team import audit
from campaigns.team.data_protection import anonymise_expired
from campaigns.team.tally import tally_signatures
from tests.conftest import supporter_key_of
from tests.factories import CampaignPageFactory, add_petition_fields

MENU = "/admin/signatures/"


def sign(page, email, **fields):
    return CampaignSubmission.objects.create(
        page=page,
        form_data={"first_name": "Ada", "email": email, "i_agree_to_be_contacted": True},
        supporter_key=supporter_key_of(email),
        consent="I agree to be contacted",
        **fields,
    )


def menu_rows(client):
    response = client.get(MENU)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    return {
        row.select_one("td.title a").get_text(strip=True): {
            "url": row.select_one("td.title a")["href"],
            "languages": row.select("td")[1].get_text(strip=True),
            "total": row.select_one("[data-total]").get_text(" ", strip=True),
            "waiting": row.select_one("[data-waiting]").get_text(strip=True),
            "held": row.select_one("[data-held]").get_text(strip=True),
        }
        for row in soup.select("tr[data-campaign]")
    }


def csv_rows(client, url):
    response = client.get(url, {"export": "csv"})
    assert response.status_code == 200
    content = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(content)))


def delete_page(client, page):
    response = client.post(f"/admin/pages/{page.pk}/delete/")
    assert response.status_code == 302


def test_one_row_per_campaign_with_its_count_in_a_bounded_number_of_queries(
    admin_client, campaign, zh_campaigns, home, django_assert_max_num_queries
):
    sign(campaign, "a@example.org")
    sign(zh_campaigns["zh-hant"], "b@example.org")
    sign(campaign, "c@example.org", confirmed_at=None)  # waiting for confirmation
    sign(campaign, "d@example.org", confirmed_at=None, quarantined_at=timezone.now())
    PaperSignatures.objects.create(page=campaign, count=40)
    tally_signatures()

    with CaptureQueriesContext(connection) as one_campaign:
        rows = menu_rows(admin_client)

    assert rows == {
        "Protect rights in Hong Kong": {
            "url": f"/admin/forms/submissions/{campaign.pk}/",
            "languages": "English, 繁體中文, 简体中文",
            "total": "42 including 40 on paper",
            "waiting": "1",
            "held": "1",
        }
    }
    for n in range(5):
        page = CampaignPageFactory(parent=home, slug=f"more-{n}", title=f"More {n}")
        add_petition_fields(page)
        sign(page, f"more{n}@example.org")
    tally_signatures()
    with django_assert_max_num_queries(len(one_campaign)):
        rows = menu_rows(admin_client)
    assert len(rows) == 6
    assert rows["More 3"]["total"] == "1"


def test_the_menu_replaces_wagtails_forms_for_people_allowed_to_see_signatures(
    client, admin_client, campaign, django_user_model
):
    dashboard = admin_client.get("/admin/").content.decode()
    assert '"url": "/admin/signatures/"' in dashboard
    assert '"url": "/admin/forms/"' not in dashboard

    translator = django_user_model.objects.create_user("translator", password="pw")
    translator.groups.add(Group.objects.get(name="Translators"))
    client.force_login(translator)
    assert '"url": "/admin/signatures/"' not in client.get("/admin/").content.decode()
    assert client.get(MENU).status_code in (302, 403)


def test_the_list_speaks_yes_and_no_and_leaves_out_what_nobody_used(admin_client, campaign):
    sign(campaign, "a@example.org", source={"utm_source": "newsletter"})
    sign(campaign, "b@example.org")
    url = f"/admin/forms/submissions/{campaign.pk}/"

    soup = BeautifulSoup(admin_client.get(url).content, "html.parser")
    headings = [th.get_text(strip=True) for th in soup.select("table.listing thead th")]
    cells = [td.get_text(strip=True) for td in soup.select("table.listing tbody td")]
    rows = csv_rows(admin_client, url)

    assert "UTM source" in headings
    assert "UTM medium" not in headings and "Source" not in headings
    assert "None" not in cells and "True" not in cells
    assert cells.count("Yes") == 2
    assert cells.count("I agree to be contacted") == 2
    assert [row["I agree to be contacted"] for row in rows] == ["Yes", "Yes"]
    assert [row["UTM source"] for row in rows] == ["newsletter", ""]
    assert "UTM medium" not in rows[0]
    # Labelled buttons in the header, not an unlabelled "…" menu.
    buttons = {a.get_text(strip=True): a["href"] for a in soup.select("header a.button")}
    assert buttons["Download CSV"].endswith("?export=csv")
    assert buttons["Download Excel"].endswith("?export=xlsx")


def test_the_delete_screen_says_what_happens_to_the_signatures(
    admin_client, campaign, zh_campaigns
):
    sign(campaign, "a@example.org")
    sign(zh_campaigns["zh-hant"], "b@example.org")
    campaign.action_closes_at = datetime.datetime(2027, 3, 1, 12, tzinfo=datetime.UTC)
    campaign.retention_days = 30
    campaign.save()

    warning = admin_client.get(f"/admin/pages/{campaign.pk}/delete/").content.decode()
    assert "This campaign holds 2 signatures, in all its languages." in warning
    assert "they stay listed under Signatures with the campaign" in warning

    for page in zh_campaigns.values():
        delete_page(admin_client, page)
    warning = admin_client.get(f"/admin/pages/{campaign.pk}/delete/").content.decode()
    assert "This campaign holds 2 signatures. Deleting the page does not delete them" in warning
    assert "Supporters&#x27; details are erased on 31 March 2027." in warning


def test_a_deleted_campaigns_signatures_stay_listed_and_exportable(
    admin_client, campaign, zh_campaigns
):
    sign(campaign, "a@example.org")
    sign(zh_campaigns["zh-hant"], "b@example.org", source={"utm_medium": "email"})
    delete_page(admin_client, campaign)
    for page in zh_campaigns.values():
        delete_page(admin_client, page)

    assert CampaignSubmission.objects.filter(page=None).count() == 2
    deleted = DeletedCampaign.objects.get()
    assert deleted.title == "Protect rights in Hong Kong"  # the default language's
    rows = menu_rows(admin_client)
    assert rows["Protect rights in Hong Kong"]["url"] == f"/admin/signatures/deleted/{deleted.pk}/"

    url = rows["Protect rights in Hong Kong"]["url"]
    soup = BeautifulSoup(admin_client.get(url).content, "html.parser")
    cells = [td.get_text(strip=True) for td in soup.select("table.listing tbody td")]
    exported = csv_rows(admin_client, url)
    workbook = load_workbook(
        io.BytesIO(b"".join(admin_client.get(url, {"export": "xlsx"}).streaming_content))
    )
    sheet = list(workbook.active.values)

    assert {"a@example.org", "b@example.org", "繁體中文", "email"} <= set(cells)
    assert sorted(row["Email"] for row in exported) == ["a@example.org", "b@example.org"]
    assert {row["Language"] for row in exported} == {"English", "繁體中文"}
    assert {row["I agree to be contacted"] for row in exported} == {"Yes"}
    assert "Email" in sheet[0] and len(sheet) == 3
    # Every look is in the audit log, on what is kept of the campaign.
    actions = ModelLogEntry.objects.filter(object_id=str(deleted.pk)).values_list(
        "action", flat=True
    )
    assert audit.EXPORTED in actions and audit.VIEWED in actions


def test_deleting_a_translation_keeps_its_signatures_in_the_campaigns_list(
    admin_client, campaign, zh_campaigns
):
    sign(zh_campaigns["zh-hant"], "b@example.org")
    delete_page(admin_client, zh_campaigns["zh-hant"])

    rows = csv_rows(admin_client, f"/admin/forms/submissions/{campaign.pk}/")

    assert [(row["Email"], row["Language"]) for row in rows] == [("b@example.org", "繁體中文")]
    assert menu_rows(admin_client)["Protect rights in Hong Kong"]["languages"] == (
        "English, 简体中文"
    )


def test_a_deleted_campaigns_signatures_are_erased_when_its_retention_ends(admin_client, campaign):
    campaign.retention_days = 30
    campaign.retention_from = "signing"
    campaign.save()
    signature = sign(campaign, "a@example.org")
    delete_page(admin_client, campaign)

    assert anonymise_expired(timezone.now() + datetime.timedelta(days=29)) == 0
    assert anonymise_expired(timezone.now() + datetime.timedelta(days=31)) == 1
    signature.refresh_from_db()
    assert signature.anonymised_at is not None
    assert set(signature.form_data.values()) == {""}


def test_a_deleted_campaign_is_out_of_reach_of_teams_without_rights_where_it_was(
    client, admin_client, campaign, django_user_model
):
    sign(campaign, "a@example.org")
    delete_page(admin_client, campaign)
    deleted = DeletedCampaign.objects.get()
    # May see signatures, and edit another campaign only.
    other = CampaignPageFactory(parent=campaign.get_parent(), slug="other", title="Other")
    group = Group.objects.create(name="Another team")
    for app, codename in (
        ("wagtailadmin", "access_admin"),
        ("campaigns", "view_campaignsubmission"),
    ):
        group.permissions.add(
            Permission.objects.get(content_type__app_label=app, codename=codename)
        )
    GroupPagePermission.objects.create(
        group=group, page=other, permission=Permission.objects.get(codename="change_page")
    )
    editor = django_user_model.objects.create_user("other", password="pw")
    editor.groups.add(group)
    client.force_login(editor)

    assert set(menu_rows(client)) == {"Other"}
    response = client.get(f"/admin/signatures/deleted/{deleted.pk}/", follow=True)
    assert response.status_code == 404


def test_paper_signatures_offer_each_campaign_once(admin_client, campaign, zh_campaigns):
    PaperSignatures.objects.create(page=campaign, count=10)
    PaperSignatures.objects.create(page=zh_campaigns["zh-hant"], count=5)

    form = BeautifulSoup(admin_client.get("/admin/paper_signatures/new/").content, "html.parser")
    listing = admin_client.get(
        "/admin/paper_signatures/", {"campaign_key": str(campaign.translation_key)}
    )
    filters = BeautifulSoup(listing.content, "html.parser")

    offered = [option.get_text(strip=True) for option in form.select("select[name=page] option")]
    assert offered == ["---------", "Protect rights in Hong Kong"]
    choices = [o.get_text(strip=True) for o in filters.select("select[name=campaign_key] option")]
    assert choices.count("Protect rights in Hong Kong") == 1
    assert [batch.count for batch in listing.context["object_list"]] == [5, 10]


def test_a_supporter_of_a_deleted_campaign_gets_its_title_and_the_look_is_logged(
    admin_client, campaign
):
    sign(campaign, "a@example.org")
    delete_page(admin_client, campaign)
    deleted = DeletedCampaign.objects.get()

    response = admin_client.post("/admin/supporter-data/", {"email": "a@example.org"})
    admin_client.post("/admin/erase-supporter/", {"email": "a@example.org"})

    [signature] = json.loads(response.content)["signatures"]
    assert signature["campaign"] == "Protect rights in Hong Kong"
    logged = ModelLogEntry.objects.filter(object_id=str(deleted.pk))
    assert set(logged.values_list("action", flat=True)) == {audit.SUBJECT_ACCESS, audit.ERASED}
    assert CampaignSubmission.objects.get().anonymised_at is not None


def test_an_email_queued_before_its_page_was_deleted_is_dropped(admin_client, campaign):
    from campaigns.outbox.messages import signature_emails

    signature = sign(campaign, "a@example.org")
    assert set(signature_emails(signature.pk, ["team", "thanks"], campaign.full_url)) == {
        "team",
        "thanks",
    }
    delete_page(admin_client, campaign)

    assert signature_emails(signature.pk, ["team", "thanks"], campaign.full_url) == {}
    assert CampaignSubmission.objects.filter(pk=signature.pk).exists()
