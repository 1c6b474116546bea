"""Signatures posted for real, the webhooks worker run for real (`db_worker --backend
webhooks`), and a real HTTP receiver on loopback that checks each message with the
`standardwebhooks` package, an implementation of the spec that is not ours."""

import datetime
import json

import pytest
import time_machine
from django.utils import timezone
from standardwebhooks.webhooks import Webhook, WebhookVerificationError

from campaigns.models import CampaignSubmission
from campaigns.team.data_protection import erase_supporter
from tests.peers import free_port
from webhooks.models import EventType, Status, WebhookDelivery, WebhookEndpoint
from webhooks.sending import send_again

pytestmark = pytest.mark.django_db

PERSONAL = ("Ada", "Lovelace", "ada@example.org", "Chief Executive")


def verified(request, secret):
    return Webhook(secret).verify(request.body, request.headers)


def sign(client, campaign, post):
    response = client.post(campaign.url, post)
    assert response.status_code == 303
    return CampaignSubmission.objects.latest("pk")


def test_a_signature_is_posted_signed_with_ids_only(
    client, campaign, valid_post, endpoint, http_receiver, webhook_worker
):
    signature = sign(client, campaign, valid_post)
    assert http_receiver.requests == []  # queued, not sent by the request

    webhook_worker()

    [request] = http_receiver.requests
    assert request.method == "POST" and request.path == "/hook"
    assert request.headers["Content-Type"] == "application/json"
    assert request.headers["User-Agent"].startswith("campaigns-portal-webhooks")
    assert request.headers["webhook-id"].startswith("msg_")
    message = verified(request, endpoint.secret)
    assert message["type"] == "signature.created"
    assert datetime.datetime.fromisoformat(message["timestamp"])
    assert message["data"] == {
        "signature_id": signature.pk,
        "campaign": {"key": str(campaign.translation_key), "slug": "hong-kong"},
        "language": "en",
        "submitted_at": signature.submit_time.isoformat(),
        "counted": True,
        "held_for_review": False,
        "source": {},
        "erased": False,
    }
    assert not any(word.encode() in request.body for word in PERSONAL)
    delivery = WebhookDelivery.objects.get()
    assert (delivery.status, delivery.attempts, delivery.last_status_code) == (
        Status.DELIVERED,
        1,
        200,
    )
    assert delivery.message_id == request.headers["webhook-id"]
    assert delivery.delivered_at is not None


def test_an_endpoint_set_to_include_details_gets_the_answers(
    client, campaign, valid_post, endpoint, http_receiver, webhook_worker
):
    endpoint.include_personal_data = True
    endpoint.save()
    sign(client, campaign, valid_post)
    webhook_worker()
    [request] = http_receiver.requests
    answers = verified(request, endpoint.secret)["data"]["supporter"]
    assert answers["first_name"] == "Ada" and answers["email"] == "ada@example.org"


def test_a_forged_or_altered_message_does_not_verify(
    client, campaign, valid_post, endpoint, http_receiver, webhook_worker
):
    """The verifier is not a rubber stamp: another secret, or a changed body, fails."""
    sign(client, campaign, valid_post)
    webhook_worker()
    [request] = http_receiver.requests
    with pytest.raises(WebhookVerificationError):
        Webhook("whsec_" + "A" * 43 + "=").verify(request.body, request.headers)
    with pytest.raises(WebhookVerificationError):
        Webhook(endpoint.secret).verify(request.body + b" ", request.headers)


def test_a_500_is_tried_again_with_the_same_id_and_a_fresh_signature(
    client, campaign, valid_post, endpoint, http_receiver, webhook_worker
):
    http_receiver.answers = [500, 200]
    sign(client, campaign, valid_post)
    webhook_worker()

    delivery = WebhookDelivery.objects.get()
    assert (delivery.status, delivery.attempts, delivery.last_status_code) == (
        Status.PENDING,
        1,
        500,
    )
    assert delivery.next_attempt_at > timezone.now()
    webhook_worker()  # the retry waits for its time
    assert len(http_receiver.requests) == 1

    with time_machine.travel(delivery.next_attempt_at + datetime.timedelta(seconds=1)):
        webhook_worker()
        first, second = http_receiver.requests
        verified(second, endpoint.secret)

    assert first.headers["webhook-id"] == second.headers["webhook-id"]
    assert first.headers["webhook-timestamp"] != second.headers["webhook-timestamp"]
    assert first.headers["webhook-signature"] != second.headers["webhook-signature"]
    assert first.body == second.body
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts, delivery.last_status_code) == (
        Status.DELIVERED,
        2,
        200,
    )


def test_after_the_last_retry_the_delivery_has_failed(
    client, campaign, valid_post, endpoint, http_receiver, webhook_worker
):
    from campaigns.outbox.tasks import RETRY_DELAYS

    http_receiver.answers = [503]
    sign(client, campaign, valid_post)
    WebhookDelivery.objects.update(attempts=len(RETRY_DELAYS))
    webhook_worker()
    delivery = WebhookDelivery.objects.get()
    assert (delivery.status, delivery.attempts, delivery.next_attempt_at) == (
        Status.FAILED,
        len(RETRY_DELAYS) + 1,
        None,
    )
    assert sum(RETRY_DELAYS) / 60 / 24 == pytest.approx(2, abs=0.1)  # about two days


def test_410_gone_turns_the_endpoint_off(
    client, campaign, valid_post, endpoint, http_receiver, webhook_worker
):
    http_receiver.answers = [410]
    sign(client, campaign, valid_post)
    webhook_worker()
    endpoint.refresh_from_db()
    assert not endpoint.active and endpoint.disabled_at is not None
    assert WebhookDelivery.objects.get().status == Status.FAILED

    sign(client, campaign, {**valid_post, "email": "eve@example.org"})
    assert WebhookDelivery.objects.count() == 1  # nothing queued for it any more


def test_an_endpoint_hears_only_the_events_it_asked_for(
    client, campaign, valid_post, endpoint, http_receiver, webhook_worker
):
    endpoint.events = [EventType.SIGNATURE_ERASED]
    endpoint.save()
    sign(client, campaign, valid_post)
    webhook_worker()
    assert http_receiver.requests == []
    assert not WebhookDelivery.objects.exists()


def test_an_event_unsubscribed_before_sending_is_not_sent(
    client, campaign, valid_post, endpoint, http_receiver, webhook_worker
):
    sign(client, campaign, valid_post)
    endpoint.events = [EventType.SIGNATURE_ERASED]
    endpoint.save()
    webhook_worker()
    assert http_receiver.requests == []
    assert WebhookDelivery.objects.get().status == Status.FAILED


def test_a_dead_receiver_leaves_the_delivery_pending_with_its_error(
    client, campaign, valid_post, endpoint, webhook_worker
):
    endpoint.url = f"http://127.0.0.1:{free_port()}/hook"  # nothing listens there
    endpoint.save()
    sign(client, campaign, valid_post)
    webhook_worker()
    delivery = WebhookDelivery.objects.get()
    assert delivery.status == Status.PENDING
    assert delivery.attempts == 1
    assert delivery.last_error == "ConnectionRefusedError"
    assert delivery.last_status_code is None
    assert delivery.next_attempt_at > timezone.now()


def bodies(requests):
    return [request.body.decode() for request in requests]


def test_erasure_is_sent_and_nothing_after_it_names_the_supporter(
    client, campaign, valid_post, endpoint, http_receiver, webhook_worker
):
    """The signature's own message was still waiting when the supporter was erased: it goes
    out with ids only, and so does the erasure."""
    endpoint.include_personal_data = True
    endpoint.save()
    signature = sign(client, campaign, valid_post)
    assert erase_supporter("ada@example.org") == 1

    webhook_worker()

    messages = [verified(request, endpoint.secret) for request in http_receiver.requests]
    types = [message["type"] for message in messages]
    assert "signature.created" in types and "signature.erased" in types
    erased = next(m for m in messages if m["type"] == "signature.erased")
    assert erased["data"] == {
        "signature_id": signature.pk,
        "campaign": {"key": str(campaign.translation_key)},
        "erased": True,
    }
    created = next(m for m in messages if m["type"] == "signature.created")
    assert created["data"]["erased"] is True and "supporter" not in created["data"]
    for body in bodies(http_receiver.requests):
        assert not any(word in body for word in PERSONAL), body


def test_a_retry_after_erasure_no_longer_names_the_supporter(
    client, campaign, valid_post, endpoint, http_receiver, webhook_worker
):
    endpoint.include_personal_data = True
    endpoint.save()
    http_receiver.answers = [500, 200]
    sign(client, campaign, valid_post)
    webhook_worker()
    [before] = http_receiver.requests
    assert b"Lovelace" in before.body  # sent before the erasure, as asked

    erase_supporter("ada@example.org")
    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=2)):
        webhook_worker()
    later = http_receiver.requests[1:]
    assert {json.loads(request.body)["type"] for request in later} >= {
        "signature.created",
        "signature.erased",
    }
    for body in bodies(later):
        assert not any(word in body for word in PERSONAL), body


def test_deleted_signatures_are_sent_as_erased(
    client, campaign, valid_post, endpoint, http_receiver, webhook_worker
):
    """Unconfirmed signatures past their link's life, held ones a reviewer rejects and those an
    editor deletes are deleted rather than anonymised: receivers hear of them all the same."""
    from campaigns.signing import quarantine
    from campaigns.team.data_protection import delete_unconfirmed

    endpoint.events = [EventType.SIGNATURE_ERASED]
    endpoint.save()
    unconfirmed = sign(client, campaign, valid_post)
    held = sign(client, campaign, {**valid_post, "email": "eve@example.org"})
    CampaignSubmission.objects.filter(pk=unconfirmed.pk).update(
        confirmed_at=None, submit_time=timezone.now() - datetime.timedelta(days=30)
    )
    CampaignSubmission.objects.filter(pk=held.pk).update(
        confirmed_at=None, quarantined_at=timezone.now()
    )
    deleted = sign(client, campaign, {**valid_post, "email": "deleted@example.org"})
    assert delete_unconfirmed() >= 1
    assert quarantine.reject(CampaignSubmission.objects.filter(pk=held.pk)) >= 1
    deleted_id = deleted.pk
    CampaignSubmission.objects.filter(pk=deleted_id).delete()  # as an editor's "delete" does
    assert not CampaignSubmission.objects.exists()

    webhook_worker()

    sent = [verified(request, endpoint.secret) for request in http_receiver.requests]
    assert sorted((m["type"], m["data"]["signature_id"]) for m in sent) == [
        ("signature.erased", unconfirmed.pk),
        ("signature.erased", held.pk),
        ("signature.erased", deleted_id),
    ]


def test_during_the_overlap_both_secrets_verify_then_only_the_new(
    client, campaign, valid_post, endpoint, http_receiver, webhook_worker
):
    old = endpoint.secret
    endpoint.rotate_secret()
    new = endpoint.secret
    assert new != old and new.startswith("whsec_")
    sign(client, campaign, valid_post)
    webhook_worker()
    [during] = http_receiver.requests
    assert len(during.headers["webhook-signature"].split(" ")) == 2
    assert verified(during, old) == verified(during, new)

    delivery = WebhookDelivery.objects.get()
    with time_machine.travel(timezone.now() + datetime.timedelta(hours=25)):
        send_again(delivery)
        webhook_worker()
        after = http_receiver.requests[1]
        assert len(after.headers["webhook-signature"].split(" ")) == 1
        verified(after, new)
        with pytest.raises(WebhookVerificationError):
            verified(after, old)

        from webhooks.retention import clean_up

        clean_up()
    endpoint.refresh_from_db()
    assert endpoint.previous_secret is None  # dropped, not only unused


def test_the_secret_is_stored_encrypted(endpoint):
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT secret FROM webhooks_webhookendpoint")
        [(stored,)] = cursor.fetchall()
    assert endpoint.secret.startswith("whsec_")
    assert "whsec_" not in stored and endpoint.secret not in stored


def test_opt_ins_given_and_withdrawn_are_sent(endpoint, http_receiver, webhook_worker, campaign):
    from campaigns.events import opt_in_changed
    from campaigns.models.opt_ins import OptIn

    opt_in_changed.send(OptIn, opt_in_ids=[12345], change="withdrawn")
    webhook_worker()
    [request] = http_receiver.requests
    message = verified(request, endpoint.secret)
    assert message["type"] == "opt_in.changed"
    assert message["data"] == {"change": "withdrawn", "opt_ins": []}  # gone since


def test_the_production_rule_refuses_a_private_address_at_send_time(
    client, campaign, valid_post, endpoint, http_receiver, webhook_worker, settings
):
    """An endpoint whose name resolves to loopback (or an address set before the rule) is
    never called in production."""
    settings.WEBHOOKS_ALLOW_LOOPBACK = False
    port = http_receiver.url.rpartition(":")[2]
    second = WebhookEndpoint.objects.create(
        url=f"https://localhost:{port}/hook", events=list(EventType.values)
    )
    sign(client, campaign, valid_post)
    webhook_worker()
    assert http_receiver.requests == []
    for delivery in WebhookDelivery.objects.all():
        assert delivery.status == Status.PENDING
        assert delivery.last_error == "RefusedAddress", delivery.endpoint
    assert {d.endpoint_id for d in WebhookDelivery.objects.all()} == {endpoint.pk, second.pk}


def test_a_message_that_cannot_be_written_is_retried_where_the_log_shows_it(
    client, campaign, valid_post, endpoint, http_receiver, webhook_worker, monkeypatch
):
    from cryptography.fernet import InvalidToken

    def undecryptable(*args):
        raise InvalidToken

    monkeypatch.setattr("webhooks.sending.payload", undecryptable)
    sign(client, campaign, valid_post)
    webhook_worker()
    assert http_receiver.requests == []
    delivery = WebhookDelivery.objects.get()
    assert (delivery.status, delivery.last_error) == (Status.PENDING, "InvalidToken")
    assert delivery.next_attempt_at is not None


def test_an_endpoint_added_or_turned_off_is_heard_at_the_next_signature(
    client, campaign, valid_post, http_receiver
):
    """Which endpoints want an event is cached (webhooks.subscriptions): a change must reach
    the very next signature."""
    from webhooks.models import EventType, WebhookEndpoint

    sign(client, campaign, valid_post)  # no endpoint yet: "none" is what the cache holds
    endpoint = WebhookEndpoint.objects.create(
        url=f"{http_receiver.url}/hook", events=[EventType.SIGNATURE_CREATED]
    )
    sign(client, campaign, {**valid_post, "email": "eve@example.org"})
    assert WebhookDelivery.objects.filter(endpoint=endpoint).count() == 1

    endpoint.active = False
    endpoint.save()
    sign(client, campaign, {**valid_post, "email": "bob@example.org"})
    assert WebhookDelivery.objects.filter(endpoint=endpoint).count() == 1
