"""A mail outage loses no signature and no email: a real SMTP server on loopback, stopped, then
started; the worker delivers every email exactly once."""

import datetime
import email
import socket

import pytest
import time_machine
from aiosmtpd.controller import Controller
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from campaigns.models import CampaignSubmission

SIGNATURES = 200


class Recorder:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(email.message_from_bytes(envelope.content))
        return "250 OK"


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def smtp_settings(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = free_port()
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_TIMEOUT = 2
    return settings


@pytest.mark.django_db
def test_mail_outage_loses_nothing_and_every_email_is_sent_once(
    client, campaign, valid_post, smtp_settings, deliver
):
    # The SMTP server is down: supporters sign as usual.
    for number in range(SIGNATURES):
        response = client.post(
            campaign.url, {**valid_post, "email": f"s{number}@example.org"}, follow=True
        )
        assert response.status_code == 200
        assert b'id="thank-you-heading"' in response.content
    assert CampaignSubmission.objects.count() == SIGNATURES

    # One task per signature holds both its emails.
    deliver()  # every attempt fails, and is queued again for later
    assert DBTaskResult.objects.failed().count() == SIGNATURES
    assert DBTaskResult.objects.ready().count() == 0  # not yet due
    assert DBTaskResult.objects.filter(status="READY").count() == SIGNATURES

    recorder = Recorder()
    server = Controller(recorder, hostname="127.0.0.1", port=smtp_settings.EMAIL_PORT)
    server.start()
    try:
        with time_machine.travel(timezone.now() + datetime.timedelta(minutes=2)):
            deliver()
            deliver()  # nothing left to send twice
    finally:
        server.stop()

    assert len(recorder.messages) == 2 * SIGNATURES
    message_ids = [message["Message-ID"] for message in recorder.messages]
    assert len(set(message_ids)) == 2 * SIGNATURES
    thanked = sorted(m["To"] for m in recorder.messages if m["To"] != campaign.to_address)
    assert thanked == sorted(f"s{number}@example.org" for number in range(SIGNATURES))
    assert DBTaskResult.objects.successful().count() == SIGNATURES


class RefusesTheTeamOnce(Recorder):
    """A mail server that turns the team's email away once (a full mailbox, say)."""

    def __init__(self, team):
        super().__init__()
        self.team, self.refused = team, []

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.content)
        if message["To"] == self.team and not self.refused:
            self.refused.append(message)
            return "452 Mailbox full, try later"
        self.messages.append(message)
        return "250 OK"


@pytest.mark.django_db
def test_only_the_email_that_failed_is_sent_again(
    client, campaign, valid_post, smtp_settings, deliver
):
    recorder = RefusesTheTeamOnce(team=campaign.to_address)
    server = Controller(recorder, hostname="127.0.0.1", port=smtp_settings.EMAIL_PORT)
    server.start()
    try:
        client.post(campaign.url, valid_post)
        deliver()
        assert [m["To"] for m in recorder.messages] == ["ada@example.org"]

        with time_machine.travel(timezone.now() + datetime.timedelta(minutes=2)):
            deliver()
            deliver()
    finally:
        server.stop()

    assert len(recorder.refused) == 1
    assert [m["To"] for m in recorder.messages] == ["ada@example.org", campaign.to_address]
    # Written again for the new attempt, under the same Message-ID.
    assert recorder.messages[1]["Message-ID"] == recorder.refused[0]["Message-ID"]
    assert DBTaskResult.objects.failed().count() == 1
    assert DBTaskResult.objects.successful().count() == 1


@pytest.mark.django_db
def test_an_email_that_cannot_be_encoded_fails_alone_and_visibly(smtp_settings, deliver):
    # An address stored before addresses were cleaned: smtplib raises UnicodeError for it.
    from campaigns.outbox import tasks

    def message(to, key):
        return {
            "subject": "Thank you",
            "body": "Thank you for signing.",
            "html_body": "<p>Thank you for signing.</p>",
            "to": [to],
            "from_email": "campaigns@example.org",
            "message_id": f"<{key}@example.org>",
        }

    recorder = Recorder()
    server = Controller(recorder, hostname="127.0.0.1", port=smtp_settings.EMAIL_PORT)
    server.start()
    try:
        tasks.send_emails.enqueue(
            **tasks.seal(
                [message("ada@example.org\u202e", "bad"), message("eve@example.org", "good")]
            )
        )
        deliver()
        with time_machine.travel(timezone.now() + datetime.timedelta(days=3)):
            deliver()  # nothing is tried again
    finally:
        server.stop()

    assert [m["To"] for m in recorder.messages] == ["eve@example.org"]
    failed = DBTaskResult.objects.get()
    assert failed.status == "FAILED"
    assert "Undeliverable" in failed.traceback and "<bad@example.org>" in failed.traceback


class CountsConnections(Recorder):
    def __init__(self):
        super().__init__()
        self.peers = set()

    async def handle_DATA(self, server, session, envelope):
        self.peers.add(session.peer)
        return await super().handle_DATA(server, session, envelope)


@pytest.mark.django_db
def test_a_worker_sends_on_one_connection_and_reconnects_when_dropped(
    client, campaign, valid_post, smtp_settings, deliver
):
    recorder = CountsConnections()
    server = Controller(recorder, hostname="127.0.0.1", port=smtp_settings.EMAIL_PORT)
    server.start()
    try:
        for n in range(3):
            client.post(campaign.url, {**valid_post, "email": f"ada{n}@example.org"})
        deliver()
        assert len(recorder.messages) == 6
        assert len(recorder.peers) == 1  # one handshake for all six

        server.stop()  # the server goes away, and comes back: the old connection is dead
        server = Controller(recorder, hostname="127.0.0.1", port=smtp_settings.EMAIL_PORT)
        server.start()
        client.post(campaign.url, {**valid_post, "email": "eve@example.org"})
        deliver()
    finally:
        server.stop()

    assert len(recorder.messages) == 8  # sent at once on a new connection, not a minute later
    assert len(recorder.peers) == 2
    assert not DBTaskResult.objects.failed().exists()


@pytest.mark.django_db
def test_an_attempt_whose_worker_died_after_queueing_its_retry_leaves_the_emails_to_the_retry(
    client, campaign, valid_post, smtp_settings, deliver, monkeypatch
):
    from campaigns.outbox.leases import reclaim_abandoned

    client.post(campaign.url, valid_post)
    # The SMTP server is down; the worker queues the retry and dies before it marks the attempt
    # failed: the attempt stays RUNNING, and is taken up again after its lease.
    with monkeypatch.context() as dying:
        dying.setattr(DBTaskResult, "set_failed", lambda self, exception: None)
        deliver()
    assert sorted(DBTaskResult.objects.values_list("status", flat=True)) == ["READY", "RUNNING"]
    smtp_settings.OUTBOX_LEASE_SECONDS = 0
    assert reclaim_abandoned(timezone.now() + datetime.timedelta(seconds=1)) == 1

    recorder = Recorder()
    server = Controller(recorder, hostname="127.0.0.1", port=smtp_settings.EMAIL_PORT)
    server.start()
    try:
        with time_machine.travel(timezone.now() + datetime.timedelta(minutes=2)):
            deliver()  # the attempt taken up again, and its retry
            deliver()
    finally:
        server.stop()

    # Each email once, by the retry.
    assert sorted(m["To"] for m in recorder.messages) == sorted(
        [campaign.to_address, valid_post["email"]]
    )
    assert DBTaskResult.objects.successful().count() == 2
