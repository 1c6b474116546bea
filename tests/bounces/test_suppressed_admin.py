"""The admin's Suppressed addresses, for people who handle data protection requests: a list
that shows no address, a check of one address by its keyed hash, and lifting one (with a
confirmation, in the audit log) for a supporter who asks to receive email again."""

import datetime
import json

import pytest
from django.contrib.auth.models import Group, Permission
from wagtail.models import ModelLogEntry

from bounces.lifting import LIFTED
from bounces.models import Lifted
from campaigns.models.opt_ins import Suppression
from tests.conftest import SupporterPost, supporter_key_of

from .payloads import POSTMARK, basic_auth, configure

pytestmark = pytest.mark.django_db

ADA = "ada@example.org"
INDEX = "/admin/suppressions/"
CHECK = "/admin/suppressions/check/"


@pytest.fixture(autouse=True)
def _webhook_secret(settings):
    configure(settings)


def user_with(django_user_model, name, *permissions):
    user = django_user_model.objects.create_user(name, password="x")
    group = Group.objects.create(name=f"{name} group")
    for app, codename in [("wagtailadmin", "access_admin"), *permissions]:
        group.permissions.add(
            Permission.objects.get(content_type__app_label=app, codename=codename)
        )
    user.groups.add(group)
    return user


@pytest.fixture
def data_protection(client, django_user_model):
    """Who handles supporters' requests: may erase a supporter's data, and so may see this."""
    user = user_with(django_user_model, "dpo", ("campaigns", "delete_campaignsubmission"))
    client.force_login(user)
    return user


@pytest.fixture
def bounced(client):
    assert POSTMARK.post(client, "bounce", ADA, event_id="first-bounce").status_code == 200
    return Suppression.objects.get()


def test_the_list_shows_reason_time_and_service_and_no_address(client, bounced, data_protection):
    response = client.get(INDEX)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Bounced" in page
    assert bounced.source in page
    assert bounced.supporter_key not in page
    assert ADA not in page
    assert f"/admin/suppressions/delete/{bounced.pk}/" in page  # "Lift"
    assert "/admin/suppressions/new/" not in page
    assert "/admin/suppressions/edit/" not in page


def test_the_settings_menu_offers_it_to_data_protection_only(
    client, django_user_model, data_protection
):
    assert INDEX in client.get("/admin/").content.decode()
    editor = user_with(django_user_model, "editor", ("campaigns", "view_campaignsubmission"))
    client.force_login(editor)
    assert INDEX not in client.get("/admin/").content.decode()


def test_people_who_cannot_erase_cannot_see_check_or_lift(client, django_user_model, bounced):
    editor = user_with(django_user_model, "editor", ("campaigns", "view_campaignsubmission"))
    client.force_login(editor)
    for response in (
        client.get(INDEX),
        client.post(CHECK, {"email": ADA}),
        client.post(f"/admin/suppressions/delete/{bounced.pk}/"),
    ):
        assert response.status_code in (302, 403)
        assert b"suppressed:" not in response.content
    assert Suppression.objects.filter(pk=bounced.pk).exists()


def test_no_one_adds_or_changes_a_suppression_by_hand(admin_client, bounced):
    assert admin_client.get("/admin/suppressions/new/").status_code in (302, 403)
    assert admin_client.post("/admin/suppressions/new/", {"reason": "bounce"}).status_code in (
        302,
        403,
    )
    edit = f"/admin/suppressions/edit/{bounced.pk}/"
    assert admin_client.post(edit, {"reason": "complaint"}).status_code in (302, 403)
    assert Suppression.objects.get().reason == Suppression.Reason.BOUNCE
    assert Suppression.objects.count() == 1


def test_checking_an_address_hashes_it_and_says_whether_it_is_suppressed(
    client, bounced, data_protection
):
    found = client.post(CHECK, {"email": "ADA@example.org"})
    assert found.status_code == 200
    assert b'data-result="suppressed"' in found.content
    assert f"/admin/suppressions/delete/{bounced.pk}/".encode() in found.content

    other = client.post(CHECK, {"email": "grace@example.org"})
    assert b'data-result="not-suppressed"' in other.content

    invalid = client.post(CHECK, {"email": "not an address"})
    assert invalid.status_code == 200
    assert b"data-result" not in invalid.content
    # A GET with an address in its URL checks nothing (it would be in the server's logs).
    assert b"data-result" not in client.get(CHECK, {"email": ADA}).content


def test_lifting_asks_first_then_logs_who_lifted_it_and_mail_flows_again(
    client, campaign, valid_post, deliver, smtp, bounced, data_protection
):
    lift = f"/admin/suppressions/delete/{bounced.pk}/"
    confirmation = client.get(lift)
    assert confirmation.status_code == 200
    assert b"asked to receive email again" in confirmation.content
    assert Suppression.objects.exists()  # nothing happens before the confirmation

    response = client.post(lift)
    assert response.status_code == 302
    assert not Suppression.objects.exists()
    entry = ModelLogEntry.objects.get(action=LIFTED)
    assert entry.user == data_protection
    assert entry.data["reason"] == "bounce"
    assert ADA not in repr(entry.data) + entry.label
    assert bounced.supporter_key not in repr(entry.data) + entry.label
    assert Lifted.objects.filter(supporter_key=supporter_key_of(ADA)).exists()
    message = entry.message
    assert message.startswith("Lifted the suppression of an address (bounce since 20")

    # The same bounce, replayed, does not suppress it again; a new one does.
    assert POSTMARK.post(client, "bounce", ADA, event_id="first-bounce").status_code == 200
    assert not Suppression.objects.exists()
    client.logout()
    post = SupporterPost(lambda: campaign.translation_key, {**dict(valid_post.items())})
    assert client.post(campaign.url, dict(post.items())).status_code == 303
    deliver()
    assert len(smtp.to(ADA)) == 1  # thanked again


def test_a_bounce_after_the_lift_suppresses_it_again(client, bounced, data_protection):
    client.post(f"/admin/suppressions/delete/{bounced.pk}/")
    after = Lifted.objects.get().lifted_at + datetime.timedelta(seconds=1)
    content, headers = POSTMARK.body("bounce", ADA, "a-new-bounce")
    event = {**json.loads(content), "BouncedAt": after.isoformat()}
    response = client.post(
        POSTMARK.url, json.dumps(event), content_type="application/json", **basic_auth()
    )
    assert response.status_code == 200
    assert Suppression.objects.get().source == f"postmark:{event['ID']}"
