"""Pushing counted signatures to a campaign's OSDI endpoint: queued with the signature, sent
by the outbox's worker to a real HTTP server on loopback, the body a record-signature-helper
body written at send time (valid against the schema), retried after a failure, logged."""

import pytest
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from campaigns.models import CampaignSubmission, ConsentWording, OptIn, Scope
from osdi.models import CampaignPush, PushAttempt
from tests.conftest import supporter_key_of

from .conftest import valid

pytestmark = pytest.mark.django_db


@pytest.fixture
def push(campaign, http_receiver):
    return CampaignPush.objects.create(
        campaign_key=campaign.translation_key,
        endpoint=f"{http_receiver.url}/api/v2/petitions/abc/signatures/",
        api_key="an-secret-key",
        add_tags="hong-kong, portal",
    )


def sign(client, campaign, valid_post, email="ada@example.org"):
    response = client.post(campaign.url, {**valid_post, "email": email})
    assert response.status_code == 303
    return CampaignSubmission.objects.get(supporter_key=supporter_key_of(email))


def opt_in(signature, scope):
    wording = ConsentWording.for_text(scope, "en", "Yes", campaign_key=signature.campaign_key)
    return OptIn.objects.create(
        signature=signature,
        wording=wording,
        scope=scope,
        campaign_key=signature.campaign_key,
        given_at=timezone.now(),
    )


def test_a_counted_signature_is_pushed_as_osdi_expects(
    client, campaign, valid_post, push, http_receiver, deliver
):
    signature = sign(client, campaign, valid_post)
    opt_in(signature, Scope.CAMPAIGN)  # given after signing: the body is written when sent
    deliver()
    [request] = http_receiver.requests
    assert (request.method, request.path) == ("POST", "/api/v2/petitions/abc/signatures/")
    headers = {name.lower(): value for name, value in request.headers.items()}
    assert headers["osdi-api-token"] == "an-secret-key"  # names are case-insensitive
    assert headers["content-type"] == "application/json"
    body = valid("record_signature_helper", request.json())
    person = body["person"]
    assert (person["given_name"], person["family_name"]) == ("Ada", "Lovelace")
    assert person["email_addresses"] == [
        {"address": "ada@example.org", "primary": True, "status": "unsubscribed"}
    ]
    assert person["postal_addresses"] == [{"primary": True, "country": "GB"}]
    assert body["add_tags"] == ["hong-kong", "portal", "portal-opt-in-campaign"]
    assert body["triggers"] == {"autoresponse": {"enabled": False}}
    assert "comments" not in body  # the letter stays in the portal
    [attempt] = PushAttempt.objects.all()
    assert (attempt.signature_id, attempt.outcome, attempt.status_code) == (
        signature.pk,
        "sent",
        200,
    )


def test_subscribed_only_with_the_organisations_opt_in(
    client, campaign, valid_post, push, http_receiver, deliver
):
    signature = sign(client, campaign, valid_post)
    opt_in(signature, Scope.ORGANISATION)
    deliver()
    body = valid("record_signature_helper", http_receiver.requests[0].json())
    assert body["person"]["email_addresses"][0]["status"] == "subscribed"
    assert "portal-opt-in-organisation" in body["add_tags"]
    assert body["person"]["custom_fields"]["portal-opt-in-organisation"] == "yes"


def test_a_failed_push_is_tried_again_later(
    client, campaign, valid_post, push, http_receiver, deliver
):
    http_receiver.answers = [500, 201]
    signature = sign(client, campaign, valid_post)
    deliver()
    assert len(http_receiver.requests) == 1
    assert list(PushAttempt.objects.values_list("attempt", "outcome", "status_code")) == [
        (1, "retry", 500)
    ]
    retry = DBTaskResult.objects.get(status="READY", task_path__startswith="osdi.")
    assert retry.args_kwargs["kwargs"] == {"signature_id": signature.pk, "attempt": 2}
    assert retry.run_after > timezone.now()
    deliver()  # not yet due
    assert len(http_receiver.requests) == 1
    DBTaskResult.objects.filter(pk=retry.pk).update(run_after=timezone.now())
    deliver()
    assert len(http_receiver.requests) == 2
    assert http_receiver.requests[0].body == http_receiver.requests[1].body
    valid("record_signature_helper", http_receiver.requests[1].json())
    assert PushAttempt.objects.order_by("attempt").values_list("outcome", flat=True)[1] == "sent"


def test_an_unreachable_endpoint_is_a_retry_too(
    client, campaign, valid_post, push, http_receiver, deliver
):
    http_receiver.stop()
    sign(client, campaign, valid_post)
    deliver()
    attempt = PushAttempt.objects.get()
    assert (attempt.outcome, attempt.status_code) == ("retry", None)
    assert attempt.error


def test_an_erased_signature_is_not_pushed(
    client, campaign, valid_post, push, http_receiver, deliver
):
    signature = sign(client, campaign, valid_post)
    signature.anonymise(timezone.now())
    deliver()
    assert http_receiver.requests == []
    assert PushAttempt.objects.get().outcome == "skipped"


def test_only_counted_signatures_of_pushed_campaigns_are_queued(
    client, campaign, valid_post, push, http_receiver, deliver
):
    campaign.require_confirmation = True
    campaign.save_revision().publish()
    signature = sign(client, campaign, valid_post)
    assert not DBTaskResult.objects.filter(task_path__startswith="osdi.").exists()
    from campaigns import events

    CampaignSubmission.objects.filter(pk=signature.pk).update(confirmed_at=timezone.now())
    signature.refresh_from_db()
    events.signature_confirmed.send(CampaignSubmission, submission=signature)
    assert DBTaskResult.objects.filter(task_path__startswith="osdi.").count() == 1
    push.enabled = False
    push.save()
    campaign.require_confirmation = False
    campaign.save_revision().publish()
    sign(client, campaign, valid_post, email="bob@example.org")
    assert DBTaskResult.objects.filter(task_path__startswith="osdi.").count() == 1


def test_the_push_log_is_visible_to_the_team(
    admin_client, client, campaign, valid_post, push, http_receiver, deliver
):
    sign(client, campaign, valid_post)
    deliver()
    response = admin_client.get("/admin/osdi/push-log/")
    assert response.status_code == 200
    assert b'data-outcome="sent"' in response.content
    assert b"ada@example.org" not in response.content


def test_editors_set_a_push_with_its_key_encrypted(admin_client, campaign, settings):
    response = admin_client.post(
        "/admin/osdi_pushes/new/",
        {
            "campaign": str(campaign.translation_key),
            "endpoint": "https://actionnetwork.org/api/v2/petitions/x/signatures/",
            "api_key": "secret-key-1",
            "add_tags": "hk",
            "enabled": "on",
        },
    )
    assert response.status_code == 302, response.content[:2000]
    push = CampaignPush.objects.get()
    assert push.api_key == "secret-key-1"
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT api_key FROM osdi_campaignpush")
        assert "secret-key-1" not in cursor.fetchone()[0]
    edit = admin_client.get(f"/admin/osdi_pushes/edit/{push.pk}/")
    assert edit.status_code == 200
    assert b"secret-key-1" not in edit.content
    listing = admin_client.get("/admin/osdi_pushes/")
    assert b"actionnetwork.org" in listing.content


def test_a_push_waiting_to_be_retried_is_no_email(
    admin_client, client, campaign, valid_post, push, http_receiver, deliver
):
    from campaigns.team.outbox import unsent

    http_receiver.answers = [500]
    sign(client, campaign, valid_post)
    deliver()
    assert DBTaskResult.objects.filter(task_path__startswith="osdi.", status="READY").exists()
    assert all(not email.task.task_path.startswith("osdi.") for email in unsent())
    assert admin_client.get(reverse("campaigns_outbox")).status_code == 200


def test_a_held_signature_is_pushed_once_released(
    client, campaign, valid_post, push, http_receiver, deliver
):
    from campaigns.signing import quarantine

    response = client.post(campaign.url, {**valid_post, "form_token": ""})  # no token: held
    assert response.status_code == 303
    held = CampaignSubmission.objects.get()
    assert held.quarantined_at is not None
    deliver()
    assert http_receiver.requests == []
    quarantine.release(CampaignSubmission.objects.filter(pk=held.pk))
    deliver()
    [request] = http_receiver.requests
    assert valid("record_signature_helper", request.json())["identifiers"] == [
        f"portal:signature-{held.pk}"
    ]


def test_a_push_needs_https_and_a_key(admin_client, campaign):
    response = admin_client.post(
        "/admin/osdi_pushes/new/",
        {
            "campaign": str(campaign.translation_key),
            "endpoint": "http://actionnetwork.org/api/v2/petitions/x/signatures/",
            "api_key": "",
        },
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "https://" in str(errors["endpoint"])
    assert "api_key" in errors
    assert not CampaignPush.objects.exists()
