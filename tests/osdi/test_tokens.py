"""Who may call the OSDI API: tokens in the OSDI-API-Token header, stored as hashes, with
scopes enforced (a read token records nothing), revoked tokens refused, wrong tokens rate
limited, and the token's user's own permissions on signatures."""

import pytest
from django.contrib.auth.models import Permission
from wagtail.models import ModelLogEntry, PageLogEntry

from campaigns.models import CampaignSubmission
from osdi.models import ApiToken, token_digest

from .conftest import person_body, valid

pytestmark = pytest.mark.django_db


def test_no_token_or_a_wrong_one_is_refused(api, campaign):
    for token in [None, "osdi_wrong", "x" * 5000]:
        response = api.get("petitions", token)
        assert response.status_code == 401
        assert "OSDI-API-Token" in valid("error", response.json())["error"] or token


def test_only_a_hash_of_the_token_is_stored(team_user):
    row, token = ApiToken.make(team_user, "Sync")
    row.refresh_from_db()
    assert row.digest == token_digest(token)
    stored = [str(value) for value in ApiToken.objects.values_list().get()]
    assert not any(token in value for value in stored)
    assert token.startswith(row.prefix)


def test_a_revoked_token_is_refused(api, team_user, read_token):
    assert api.get("", read_token).status_code == 200
    ApiToken.objects.update(revoked_at="2026-01-01T00:00:00Z")
    response = api.get("", read_token)
    assert response.status_code == 401
    assert "revoked" in response.json()["error"]


def test_a_read_token_cannot_record_a_signature(api, read_token, campaign):
    for path in ["record_signature_helper", "signatures"]:
        response = api.post(
            f"petitions/{campaign.translation_key}/{path}", read_token, person_body()
        )
        assert response.status_code == 403
        valid("error", response.json())
    assert not CampaignSubmission.objects.exists()


def test_a_write_only_token_cannot_read(api, team_user, campaign):
    _row, token = ApiToken.make(team_user, "Form", can_read=False, can_write=True)
    assert api.get("people", token).status_code == 403
    body = person_body()
    response = api.post(
        f"petitions/{campaign.translation_key}/record_signature_helper", token, body
    )
    assert response.status_code == 201


def test_wrong_tokens_are_rate_limited(api, settings, read_token):
    settings.OSDI_FAILED_TOKEN_LIMIT = 3
    for _attempt in range(3):
        assert api.get("", "osdi_guess").status_code == 401
    # Over the limit, even the right token waits: guessing must not pay.
    response = api.get("", read_token)
    assert response.status_code == 429
    valid("error", response.json())
    assert api.get("", read_token, REMOTE_ADDR="198.51.100.7").status_code == 200


def test_the_tokens_user_needs_the_permission_to_see_signatures(api, django_user_model, campaign):
    editor = django_user_model.objects.create_user("editor", password="x")
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    token = ApiToken.make(editor, "Editor's", can_write=True)[1]
    assert api.get("petitions", token).status_code == 200
    key = campaign.translation_key
    for path in ["people", f"petitions/{key}/signatures"]:
        assert api.get(path, token).status_code == 403, path
    response = api.post(f"petitions/{key}/record_signature_helper", token, person_body())
    assert response.status_code == 403
    assert not CampaignSubmission.objects.exists()


def test_reading_personal_data_is_audit_logged(api, read_token, team_user, campaign, write_token):
    key = campaign.translation_key
    api.post(f"petitions/{key}/record_signature_helper", write_token, person_body())
    api.get(f"petitions/{key}/signatures", read_token)
    entry = PageLogEntry.objects.get(action="osdi.signatures_read")
    assert (entry.user, entry.page_id, entry.data["count"]) == (team_user, campaign.pk, 1)
    assert entry.message == "Read 1 signature through the OSDI API"
    api.get("people", read_token)
    entry = ModelLogEntry.objects.get(action="osdi.people_read")
    assert (entry.user, entry.data["count"]) == (team_user, 1)


def test_tokens_are_made_and_revoked_in_the_admin(admin_client, admin_user):
    response = admin_client.post(
        "/admin/osdi/tokens/", {"name": "Action Network", "can_read": "on", "can_write": "on"}
    )
    assert response.status_code == 200
    token = response.context["new_token"]
    assert token.encode() in response.content
    row = ApiToken.objects.get()
    assert (row.user, row.can_read, row.can_write) == (admin_user, True, True)
    # Shown once: the list shows only its first characters.
    listing = admin_client.get("/admin/osdi/tokens/")
    assert token.encode() not in listing.content
    assert row.prefix.encode() in listing.content
    assert admin_client.post("/admin/osdi/tokens/", {"revoke": row.pk}).status_code == 302
    row.refresh_from_db()
    assert row.revoked_at is not None


def test_the_token_screen_takes_its_permission(client, django_user_model):
    user = django_user_model.objects.create_user("nobody", password="x")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    assert client.get("/admin/osdi/tokens/").status_code in (302, 403)
    assert client.post("/admin/osdi/tokens/", {"name": "x", "can_read": "on"}).status_code in (
        302,
        403,
    )
    assert not ApiToken.objects.exists()


def test_a_teams_token_reaches_only_its_own_campaigns_supporters(
    api, django_user_model, client, campaign, home, valid_post
):
    from django.contrib.auth.models import Group
    from wagtail.models import GroupPagePermission

    from tests.conftest import started_token
    from tests.factories import CampaignPageFactory, add_petition_fields

    other = CampaignPageFactory(parent=home, slug="other", title="Another team's campaign")
    add_petition_fields(other)
    other.save_revision().publish()
    group = Group.objects.create(name="Hong Kong team")
    for codename in ("access_admin", "view_campaignsubmission"):
        group.permissions.add(Permission.objects.get(codename=codename))
    GroupPagePermission.objects.create(
        group=group, page=campaign, permission=Permission.objects.get(codename="change_page")
    )
    user = django_user_model.objects.create_user("team", password="x")
    user.groups.add(group)
    token = ApiToken.make(user, "Team")[1]
    assert client.post(campaign.url, valid_post).status_code == 303
    other_post = {
        **valid_post,
        "email": "bob@example.org",
        "first_name": "Bob",
        "form_token": started_token(60, other.translation_key),
    }
    assert client.post(other.url, other_post).status_code == 303
    assert CampaignSubmission.objects.counted().count() == 2
    people = api.get("people", token).json()
    assert [p["given_name"] for p in people["_embedded"]["osdi:people"]] == ["Ada"]
    assert api.get(f"petitions/{other.translation_key}/signatures", token).status_code == 403
    assert api.get(f"petitions/{campaign.translation_key}/signatures", token).status_code == 200
