"""The endpoints under Settings, their secret and its rotation, and the delivery log."""

import datetime

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group, Permission, User
from django.utils import timezone

from webhooks.models import EventType, Status, WebhookDelivery, WebhookEndpoint

pytestmark = pytest.mark.django_db

INDEX = "/admin/webhook_endpoints/"


def test_an_admin_adds_an_endpoint_with_a_secret_to_copy(admin_client, settings):
    settings.WEBHOOKS_ALLOW_LOOPBACK = False
    response = admin_client.post(
        f"{INDEX}new/",
        {
            "url": "https://crm.example.org/hooks/portal",
            "description": "Our CRM",
            "events": ["signature.created", "signature.erased"],
            "active": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()
    endpoint = WebhookEndpoint.objects.get()
    assert endpoint.events == ["signature.created", "signature.erased"]
    assert endpoint.include_personal_data is False  # off unless ticked
    assert endpoint.secret.startswith("whsec_")

    page = admin_client.get(f"{INDEX}edit/{endpoint.pk}/").content.decode()
    soup = BeautifulSoup(page, "html.parser")
    assert soup.select_one("[data-webhook-secret]").text == endpoint.secret
    assert "Include supporters&#x27; details" in page or "include supporters" in page.lower()
    assert "at risk" in page  # the help text says what it means for supporters


@pytest.mark.parametrize(
    "url",
    [
        "http://crm.example.org/hook",  # in clear
        "https://10.0.0.5/hook",
        "https://192.168.1.1/hook",
        "https://169.254.169.254/latest/meta-data/",  # a cloud's metadata service
        "https://[::1]/hook",
        "https://127.0.0.1:8000/hook",
        "https://localhost/hook",
        "https://[::ffff:10.0.0.1]/hook",
        "https://user:pass@crm.example.org/hook",
        "ftp://crm.example.org/hook",
    ],
)
def test_a_url_no_message_may_go_to_is_refused_with_a_message(admin_client, settings, url):
    settings.WEBHOOKS_ALLOW_LOOPBACK = False
    response = admin_client.post(
        f"{INDEX}new/", {"url": url, "events": ["signature.created"], "active": "on"}
    )
    assert response.status_code == 200
    assert not WebhookEndpoint.objects.exists()
    assert "error-message" in response.content.decode()


def test_loopback_over_http_only_where_the_setting_allows_it(admin_client, settings):
    settings.WEBHOOKS_ALLOW_LOOPBACK = True
    response = admin_client.post(
        f"{INDEX}new/",
        {"url": "http://127.0.0.1:9999/hook", "events": ["signature.created"], "active": "on"},
    )
    assert response.status_code == 302
    settings.WEBHOOKS_ALLOW_LOOPBACK = True
    response = admin_client.post(
        f"{INDEX}new/",
        {"url": "http://10.0.0.1/hook", "events": ["signature.created"], "active": "on"},
    )
    assert response.status_code == 200  # private but not loopback: never


def test_rotating_keeps_the_previous_secret_for_a_day(admin_client, endpoint):
    old = endpoint.secret
    response = admin_client.post(f"{INDEX}rotate/{endpoint.pk}/")
    assert response.status_code == 302
    endpoint.refresh_from_db()
    assert endpoint.secret != old and endpoint.previous_secret == old
    assert endpoint.signing_secrets() == [endpoint.secret, old]
    page = admin_client.get(f"{INDEX}edit/{endpoint.pk}/").content.decode()
    assert "The previous secret also signs until" in page
    assert old not in page  # the old one is not shown again
    history = admin_client.get(f"{INDEX}history/{endpoint.pk}/").content.decode()
    assert "Rotated the signing secret" in history


def test_the_log_lists_newest_first_filters_and_sends_again(
    admin_client, client, campaign, valid_post, endpoint, http_receiver, webhook_worker
):
    http_receiver.answers = [500, 200]
    client.post(campaign.url, valid_post)
    webhook_worker()  # 500: pending
    client.post(campaign.url, {**valid_post, "email": "eve@example.org"})
    webhook_worker()  # 200: delivered
    pending, delivered = WebhookDelivery.objects.order_by("pk")
    assert pending.status == Status.PENDING and delivered.pk > pending.pk

    log = f"{INDEX}log/{endpoint.pk}/"
    rows = BeautifulSoup(admin_client.get(log).content, "html.parser").select("[data-delivery]")
    assert [row["data-delivery"] for row in rows] == [str(delivered.pk), str(pending.pk)]
    assert "500" in rows[1].text
    rows = BeautifulSoup(admin_client.get(f"{log}?status=pending").content, "html.parser").select(
        "[data-delivery]"
    )
    assert [row["data-status"] for row in rows] == ["pending"]
    page = admin_client.get(log).content.decode()
    assert "Ada" not in page and "ada@example.org" not in page

    response = admin_client.post(f"{log}?status=pending", {"delivery": str(pending.pk)})
    assert response.status_code == 302
    webhook_worker()  # at once, not at the retry's time
    pending.refresh_from_db()
    assert (pending.status, pending.attempts) == (Status.DELIVERED, 2)
    assert len(http_receiver.requests) == 3

    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=2)):
        webhook_worker()  # the retry queued before "send again" sends nothing
    assert len(http_receiver.requests) == 3
    for hostile in ("", "abc", "²", "9" * 40, "-1"):
        assert admin_client.post(log, {"delivery": hostile}).status_code == 302


def test_the_screens_need_the_webhook_permission(client, endpoint, django_user_model):
    editor = django_user_model.objects.create_user("editor", password="x")
    editors = Group.objects.create(name="Webhook-less editors")
    editors.permissions.add(Permission.objects.get(codename="access_admin"))
    editor.groups.add(editors)
    client.force_login(editor)
    for url in (INDEX, f"{INDEX}edit/{endpoint.pk}/", f"{INDEX}log/{endpoint.pk}/"):
        response = client.get(url)
        assert response.status_code in (302, 403), url
        assert endpoint.secret not in response.content.decode()
    assert client.post(f"{INDEX}rotate/{endpoint.pk}/").status_code in (302, 403)
    assert WebhookEndpoint.objects.get().previous_secret is None

    editors.permissions.add(Permission.objects.get(codename="change_webhookendpoint"))
    editor = User.objects.get(pk=editor.pk)
    client.force_login(editor)
    assert client.get(f"{INDEX}log/{endpoint.pk}/").status_code == 200
    assert endpoint.secret in client.get(f"{INDEX}edit/{endpoint.pk}/").content.decode()


def test_the_event_choices_are_the_five_events():
    assert set(EventType.values) == {
        "signature.created",
        "signature.confirmed",
        "signature.released",
        "signature.erased",
        "opt_in.changed",
    }
