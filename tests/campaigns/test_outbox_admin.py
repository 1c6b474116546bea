"""The outbox screen: what is waiting, being retried or failed for good, and "Retry now"; an
attempt that was followed by another is not shown as a failure. A real SMTP server on loopback
refuses what the tests need refused."""

import pytest
from aiosmtpd.controller import Controller
from bs4 import BeautifulSoup
from django_tasks_db.models import DBTaskResult

from campaigns.outbox import tasks
from tests.campaigns.test_mail_outbox import Recorder, RefusesTheTeamOnce, smtp_settings  # noqa: F401

OUTBOX = "/admin/campaigns/outbox/"


def listed(admin_client):
    soup = BeautifulSoup(admin_client.get(OUTBOX).content, "html.parser")
    return [
        (row["data-state"], row.find_all("td")[0].get_text(strip=True))
        for row in soup.select("tr[data-state]")
    ]


@pytest.fixture
def server(smtp_settings):  # noqa: F811
    servers = []

    def start(handler):
        controller = Controller(handler, hostname="127.0.0.1", port=smtp_settings.EMAIL_PORT)
        controller.start()
        servers.append(controller)
        return handler

    yield start
    for controller in servers:
        controller.stop()


@pytest.mark.django_db
def test_a_refused_email_waits_for_its_next_try_and_retry_now_sends_it(
    admin_client, client, campaign, valid_post, deliver, server
):
    recorder = server(RefusesTheTeamOnce(team=campaign.to_address))
    client.post(campaign.url, valid_post)
    deliver()  # the thank-you goes, the team's notification is refused

    signature = DBTaskResult.objects.get(status="FAILED").args_kwargs["kwargs"]["submission_id"]
    # The failed attempt has a successor waiting: not a failure.
    assert listed(admin_client) == [
        ("retrying", f"Signature {signature}: notification to the campaign team")
    ]
    page = admin_client.get(OUTBOX).content.decode()
    assert valid_post["email"] not in page and campaign.to_address not in page

    waiting = DBTaskResult.objects.get(status="READY")
    admin_client.post(OUTBOX, {"task": str(waiting.pk)})
    deliver()  # at once, not in a minute

    assert [m["To"] for m in recorder.messages] == [valid_post["email"], campaign.to_address]
    assert listed(admin_client) == []


@pytest.mark.django_db
def test_an_email_that_failed_for_good_is_listed_and_can_be_tried_once_more(
    admin_client, deliver, server
):
    recorder = server(Recorder())
    message = {
        "subject": "Letters",
        "body": "Letters.",
        "html_body": "<p>Letters.</p>",
        "to": ["office@example.org\u202e"],  # stored before addresses were cleaned
        "from_email": "campaigns@example.org",
        "message_id": "<20261127.delivery-7@example.org>",
    }
    tasks.send_emails.enqueue(**tasks.seal([message]))
    deliver()

    assert listed(admin_client) == [("failed", "Letters to the target (delivery 7)")]
    soup = BeautifulSoup(admin_client.get(OUTBOX).content, "html.parser")
    assert "Undeliverable" in soup.select_one("tr[data-state=failed]").get_text()

    failed = DBTaskResult.objects.get()
    admin_client.post(OUTBOX, {"task": str(failed.pk)})
    # One more try, by hand, after the automatic ones: the failed attempt is not listed again.
    assert listed(admin_client) == [("retrying", "Letters to the target (delivery 7)")]

    deliver()
    assert recorder.messages == []  # still undeliverable: failed again, listed once
    assert listed(admin_client) == [("failed", "Letters to the target (delivery 7)")]
    assert DBTaskResult.objects.count() == 2


@pytest.mark.django_db
def test_only_people_who_may_see_signatures_see_the_outbox(client, django_user_model):
    from django.contrib.auth.models import Group

    translator = django_user_model.objects.create_user("translator", password="x")
    translator.groups.add(Group.objects.get(name="Translators"))
    client.force_login(translator)

    assert client.get(OUTBOX).status_code in (302, 403)
