"""A mail worker killed while sending: its email is taken up again after the lease and sent once.

Real parts: the worker is `manage.py db_worker` in a process of its own, killed with SIGKILL in
the middle of an SMTP conversation with a real server on loopback (aiosmtpd).
"""

import asyncio
import email
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from django.core.management import call_command
from django.db import connection
from django_tasks_db.models import DBTaskResult

from tests.campaigns.test_mail_outbox import Recorder, free_port

ROOT = Path(__file__).resolve().parent.parent.parent


class HoldsTheFirstMessage(Recorder):
    """Takes the first message's DATA and never answers it; accepts every later one."""

    def __init__(self):
        super().__init__()
        self.held = threading.Event()
        self.held_message = None

    async def handle_DATA(self, server, session, envelope):
        if not self.held.is_set():
            self.held_message = email.message_from_bytes(envelope.content)
            self.held.set()
            await asyncio.sleep(60)  # the worker dies waiting for "250 OK"
            return "451 Too late"
        return await super().handle_DATA(server, session, envelope)


class HoldsTheMessageTo(Recorder):
    """Takes the DATA of the first message to one address and never answers it; accepts every
    other message."""

    def __init__(self, address):
        super().__init__()
        self.address = address
        self.held = threading.Event()

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.content)
        if message["To"] == self.address and not self.held.is_set():
            self.held.set()
            await asyncio.sleep(60)  # the worker dies waiting for "250 OK"
            return "451 Too late"
        return await super().handle_DATA(server, session, envelope)


def database_url():
    """The test database, for the worker process."""
    db = connection.settings_dict
    if db["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{db['NAME']}"
    return f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


def worker(port, *extra):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.test",
        "DATABASE_URL": database_url(),
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(port),
        "EMAIL_USE_TLS": "false",
        "EMAIL_TIMEOUT": "30",
    }
    command = [sys.executable, "manage.py", "db_worker", "--backend=outbox", "--queue-name=*"]
    return subprocess.Popen(
        [*command, "--no-reload", "--no-startup-delay", "--interval=0.2", *extra],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


@pytest.mark.django_db(transaction=True)
def test_a_worker_killed_mid_send_leaves_its_email_to_the_next_sent_once(
    client, campaign, valid_post, settings
):
    port = free_port()
    recorder = HoldsTheFirstMessage()
    server = Controller(recorder, hostname="127.0.0.1", port=port)
    server.start()
    first = worker(port)
    try:
        client.post(campaign.url, valid_post)  # the team's notification and the thank-you
        assert recorder.held.wait(timeout=60), first.stderr and first.stderr.read()
        first.send_signal(signal.SIGKILL)
        first.wait(timeout=10)

        task = DBTaskResult.objects.get()
        assert task.status == "RUNNING"  # and nothing would ever take it again

        settings.OUTBOX_LEASE_SECONDS = 0
        time.sleep(0.01)
        call_command("run_scheduled_publishing", verbosity=0)  # the scheduler reclaims it
        assert DBTaskResult.objects.get().status == "READY"

        second = worker(port, "--batch")
        assert second.wait(timeout=60) == 0, second.stderr.read()
    finally:
        if first.poll() is None:
            first.kill()
        server.stop()

    task = DBTaskResult.objects.get()
    assert task.status == "SUCCESSFUL"
    assert len(task.worker_ids) == 2
    recipients = sorted(message["To"] for message in recorder.messages)
    assert recipients == sorted([campaign.to_address, valid_post["email"]])  # each once
    # Sent again under the Message-ID of the attempt that died.
    again = next(m for m in recorder.messages if m["To"] == recorder.held_message["To"])
    assert again["Message-ID"] == recorder.held_message["Message-ID"]


@pytest.mark.django_db(transaction=True)
def test_a_worker_killed_sending_the_second_email_leaves_only_that_one_to_the_next(
    client, campaign, valid_post, settings
):
    port = free_port()
    recorder = HoldsTheMessageTo(valid_post["email"])  # the thank-you, after the team's
    server = Controller(recorder, hostname="127.0.0.1", port=port)
    server.start()
    first = worker(port)
    try:
        client.post(campaign.url, valid_post)
        assert recorder.held.wait(timeout=60), first.stderr and first.stderr.read()
        first.send_signal(signal.SIGKILL)
        first.wait(timeout=10)
        assert [message["To"] for message in recorder.messages] == [campaign.to_address]

        settings.OUTBOX_LEASE_SECONDS = 0
        time.sleep(0.01)
        call_command("run_scheduled_publishing", verbosity=0)
        second = worker(port, "--batch")
        assert second.wait(timeout=60) == 0, second.stderr.read()
    finally:
        if first.poll() is None:
            first.kill()
        server.stop()

    assert DBTaskResult.objects.get().status == "SUCCESSFUL"
    # The team's notification, handed over before the worker died, is not sent again.
    assert [message["To"] for message in recorder.messages] == [
        campaign.to_address,
        valid_post["email"],
    ]
