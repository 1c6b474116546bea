"""A mail worker killed in the middle of an update's batch: the next worker sends only those the
dead one had not handed over, so each supporter gets the update once. Real parts: the worker is
`manage.py db_worker` in a process of its own, killed with SIGKILL while a real SMTP server on
loopback holds one email's DATA unanswered (tests/campaigns/test_outbox_workers.py)."""

import asyncio
import email
import signal
import threading
import time

import pytest
from aiosmtpd.controller import Controller
from django.core.management import call_command
from django.utils import timezone

from reportbacks import sending
from reportbacks.models import Recipient
from tests.campaigns.test_mail_outbox import Recorder, free_port
from tests.campaigns.test_outbox_workers import worker


class HoldsTheThirdUpdate(Recorder):
    """Takes the third update's DATA (not a thank-you's) and never answers it; accepts every
    other message. The first two are handed over by then."""

    def __init__(self):
        super().__init__()
        self.updates = 0
        self.held = threading.Event()

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.content)
        if message["List-Unsubscribe"] is not None and not self.held.is_set():
            self.updates += 1
            if self.updates == 3:
                self.held.set()
                await asyncio.sleep(60)  # the worker dies waiting for "250 OK"
                return "451 Too late"
        return await super().handle_DATA(server, session, envelope)


@pytest.mark.django_db(transaction=True)
def test_a_worker_killed_mid_batch_leaves_the_rest_to_the_next_each_sent_once(
    campaign, signer, update, settings
):
    addresses = [f"s{number}@example.org" for number in range(4)]
    for address in addresses:
        signer(campaign, address)
    port = free_port()
    recorder = HoldsTheThirdUpdate()
    server = Controller(recorder, hostname="127.0.0.1", port=port)
    server.start()
    first = worker(port)
    try:
        sending.schedule(update, timezone.now())
        assert sending.send_due() == 4
        assert recorder.held.wait(timeout=60), first.stderr and first.stderr.read()
        first.send_signal(signal.SIGKILL)
        first.wait(timeout=10)

        settings.OUTBOX_LEASE_SECONDS = 0
        time.sleep(0.01)
        call_command("run_scheduled_publishing", verbosity=0)  # reclaims it, queues nothing
        second = worker(port, "--batch")
        assert second.wait(timeout=60) == 0, second.stderr.read()
    finally:
        if first.poll() is None:
            first.kill()
        server.stop()

    updates = [m["To"] for m in recorder.messages if m["List-Unsubscribe"]]
    assert len(updates) == 4 and sorted(updates) == addresses  # each once
    assert Recipient.objects.filter(sent_at__isnull=False).count() == 4
