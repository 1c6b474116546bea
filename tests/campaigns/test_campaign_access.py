"""Access follows the campaign: a team with page permissions on one campaign only reaches none of
another campaign's signatures, paper signatures, report, delivery pack, held signatures or
deletions; and every look at supporters' data is in Wagtail's audit log."""

import pytest
from django.contrib.auth.models import Group, Permission
from wagtail.models import GroupPagePermission, PageLogEntry

from campaigns.models import CampaignSubmission, PaperSignatures
from tests.conftest import supporter_key_of
from tests.factories import CampaignPageFactory, add_petition_fields

TEAM_PERMISSIONS = [
    ("wagtailadmin", "access_admin"),
    ("campaigns", "view_campaignsubmission"),
    ("campaigns", "review_campaignsubmission"),
    ("campaigns", "add_papersignatures"),
    ("campaigns", "change_papersignatures"),
    ("campaigns", "delete_papersignatures"),
    ("campaigns", "view_papersignatures"),
]


@pytest.fixture
def other(home):
    page = CampaignPageFactory(parent=home, slug="other", title="Another team's campaign")
    add_petition_fields(page)
    page.save_revision().publish()
    return page


@pytest.fixture
def team(campaign, django_user_model, client):
    """A campaign team: the admin, signatures and paper signatures, and edit rights on its own
    campaign's page only."""
    group = Group.objects.create(name="Hong Kong team")
    for app, codename in TEAM_PERMISSIONS:
        group.permissions.add(
            Permission.objects.get(content_type__app_label=app, codename=codename)
        )
    for codename in ("change_page", "publish_page"):
        GroupPagePermission.objects.create(
            group=group, page=campaign, permission=Permission.objects.get(codename=codename)
        )
    user = django_user_model.objects.create_user("team", password="x")
    user.groups.add(group)
    client.force_login(user)
    return user


def signed(page, email):
    return CampaignSubmission.objects.create(
        page=page,
        form_data={"first_name": "Ada", "email": email, "your_message": "A letter"},
        supporter_key=supporter_key_of(email),
    )


def denied(response):
    # Wagtail sends a browser without permission to the dashboard (a script gets a 403).
    return response.status_code in (403, 404) or (
        response.status_code == 302 and response["Location"] == "/admin/"
    )


def urls(page):
    return [
        f"/admin/forms/submissions/{page.pk}/",
        f"/admin/forms/submissions/{page.pk}/?export=csv",
        f"/admin/forms/submissions/{page.pk}/?export=xlsx",
        f"/admin/campaigns/report/{page.pk}/",
        f"/admin/campaigns/{page.pk}/delivery-pack/",
        f"/admin/campaigns/{page.pk}/delivery-pack.csv",
    ]


def test_a_team_reaches_its_own_campaign(client, campaign, other, team):
    signed(campaign, "own@example.org")
    for url in urls(campaign):
        assert client.get(url).status_code == 200, url


def test_a_team_reaches_nothing_of_another_campaign(client, campaign, other, team):
    signature = signed(other, "theirs@example.org")
    for url in urls(other):
        response = client.get(url)
        assert denied(response), url
        assert b"theirs@example.org" not in response.content
    delete = f"/admin/forms/submissions/{other.pk}/delete/?selected-submissions={signature.pk}"
    assert denied(client.get(delete))
    assert denied(client.post(delete))
    assert denied(client.get("/admin/erase-supporter/"))
    assert CampaignSubmission.objects.filter(pk=signature.pk).exists()


def test_paper_signatures_of_another_campaign_are_out_of_reach(client, campaign, other, team):
    theirs = PaperSignatures.objects.create(page=other, count=7)

    listing = client.get("/admin/paper_signatures/")
    assert listing.status_code == 200
    assert f"/admin/paper_signatures/edit/{theirs.pk}/".encode() not in listing.content
    # A 404 (LocaleMiddleware first tries the address under /en/, which is no page either).
    edit = client.get(f"/admin/paper_signatures/edit/{theirs.pk}/", follow=True)
    assert edit.status_code == 404
    client.post(f"/admin/paper_signatures/edit/{theirs.pk}/", {"page": other.pk, "count": 99})
    client.post(f"/admin/paper_signatures/delete/{theirs.pk}/")
    theirs.refresh_from_db()
    assert theirs.count == 7

    refused = client.post("/admin/paper_signatures/new/", {"page": other.pk, "count": 5})
    assert refused.status_code == 200  # the form again, with its error
    accepted = client.post("/admin/paper_signatures/new/", {"page": campaign.pk, "count": 5})
    assert accepted.status_code == 302
    assert list(PaperSignatures.objects.values_list("page_id", "count").order_by("pk")) == [
        (other.pk, 7),
        (campaign.pk, 5),
    ]


def test_held_signatures_of_another_campaign_are_out_of_reach(client, campaign, other, team):
    from django.utils import timezone

    theirs = signed(other, "held@example.org")
    CampaignSubmission.objects.filter(pk=theirs.pk).update(
        quarantined_at=timezone.now(), quarantine_reasons=["token_missing"], confirmed_at=None
    )

    page = client.get("/admin/campaigns/held/", {"campaign": str(other.translation_key)})
    assert b"held@example.org" not in page.content
    client.post("/admin/campaigns/held/", {"scope": "matching", "action": "approve"})
    client.post("/admin/campaigns/held/", {"selected": [theirs.pk], "action": "reject"})
    assert CampaignSubmission.objects.quarantined().filter(pk=theirs.pk).exists()


def test_deleting_signatures_takes_the_delete_permission(client, campaign, team, admin_client):
    signature = signed(campaign, "own@example.org")
    delete = f"/admin/forms/submissions/{campaign.pk}/delete/?selected-submissions={signature.pk}"

    assert denied(client.post(delete))
    assert CampaignSubmission.objects.filter(pk=signature.pk).exists()

    assert admin_client.post(delete).status_code == 302
    assert not CampaignSubmission.objects.filter(pk=signature.pk).exists()
    entry = PageLogEntry.objects.get(action="campaigns.signatures_deleted")
    assert entry.data == {"count": 1} and entry.user.is_superuser


def test_every_look_is_in_the_audit_log(client, campaign, team, admin_client):
    for n in range(3):
        signed(campaign, f"s{n}@example.org")

    client.get(f"/admin/forms/submissions/{campaign.pk}/")
    client.get(f"/admin/forms/submissions/{campaign.pk}/?export=csv")
    client.get(f"/admin/forms/submissions/{campaign.pk}/?export=xlsx")
    client.get(f"/admin/campaigns/{campaign.pk}/delivery-pack/")
    client.get(f"/admin/campaigns/{campaign.pk}/delivery-pack.csv")

    entries = [
        (e.action, e.data.get("format"), e.data["count"], e.user.username, e.page_id)
        for e in PageLogEntry.objects.filter(action__startswith="campaigns.").order_by("pk")
    ]
    assert entries == [
        ("campaigns.signatures_viewed", None, 3, "team", campaign.pk),
        ("campaigns.signatures_exported", "csv", 3, "team", campaign.pk),
        ("campaigns.signatures_exported", "xlsx", 3, "team", campaign.pk),
        ("campaigns.delivery_pack_exported", "print", 3, "team", campaign.pk),
        ("campaigns.delivery_pack_exported", "csv", 3, "team", campaign.pk),
    ]
    history = admin_client.get(f"/admin/pages/{campaign.pk}/history/").content.decode()
    assert "Exported 3 signatures (csv)" in history
    assert "Opened the delivery pack: 3 letters (print)" in history


def test_an_erasure_is_in_each_campaigns_log_without_the_address(
    admin_client, campaign, other, admin_user
):
    signed(campaign, "gone@example.org")
    signed(other, "Gone@Example.org")

    admin_client.post("/admin/erase-supporter/", {"email": "gone@example.org"})

    entries = PageLogEntry.objects.filter(action="campaigns.supporter_erased")
    assert {(e.page_id, e.data["count"], e.user) for e in entries} == {
        (campaign.pk, 1, admin_user),
        (other.pk, 1, admin_user),
    }
    assert not any("gone" in str(e.data).lower() + e.label.lower() for e in entries)
