"""The outbox scenario: `python -m bench.outbox N` prints, as JSON, how fast one mail worker
sends N thank-you emails to a real SMTP server on loopback.

N signatures of the first demo campaign are stored and their emails queued as signing does
(one task per signature, written by the worker from the stored row), then one worker process
(`manage.py db_worker --backend outbox`) sends them to an aiosmtpd server in this process, which
counts what it receives. The clock runs from the worker's start to the Nth message; the worker
keeps one SMTP connection open (campaigns.outbox.tasks), and the target is 200 emails a second.
"""

import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
django.setup()

from aiosmtpd.controller import Controller  # noqa: E402
from django.db import transaction  # noqa: E402

from bench.servers import free_port  # noqa: E402
from campaigns.models import CampaignPage, CampaignSubmission  # noqa: E402
from campaigns.outbox import tasks  # noqa: E402
from campaigns.signing.supporters import supporter_key  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
TIMEOUT = 300


class Counter:
    def __init__(self, expected):
        self.expected, self.received = expected, 0
        self.done = threading.Event()

    async def handle_DATA(self, server, session, envelope):
        self.received += 1
        if self.received >= self.expected:
            self.done.set()
        return "250 OK"


def queue(count):
    page = CampaignPage.objects.live().order_by("path").first()
    email = next(f.clean_name for f in page.get_form_fields() if f.field_type == "email")
    url = page.get_full_url()
    run = f"outbox{int(time.time())}"
    with transaction.atomic():
        for n in range(count):
            submission = CampaignSubmission.objects.create(
                page=page,
                form_data={email: f"{run}n{n}@bench.example.org", "first_name": "Bench"},
                supporter_key=supporter_key(f"{run}n{n}@bench.example.org"),
            )
            tasks.queue_for_signature(submission, ["thanks"], url)


def main(count):
    queue(count)
    counter = Counter(count)
    port = free_port()
    controller = Controller(counter, hostname="127.0.0.1", port=port)
    controller.start()
    env = {
        **os.environ,
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(port),
        "EMAIL_USE_TLS": "false",
    }
    worker = subprocess.Popen(
        [sys.executable, "manage.py", "db_worker", "--backend", "outbox", "--interval", "0.1"]
        + ["--no-reload", "--no-startup-delay"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    started = time.perf_counter()
    try:
        finished = counter.done.wait(TIMEOUT)
        seconds = time.perf_counter() - started
    finally:
        worker.terminate()
        worker.wait(30)
        controller.stop()
    print(
        json.dumps(
            {
                "emails": counter.received,
                "seconds": round(seconds, 2),
                "per_second": round(counter.received / seconds, 1),
                "finished": finished,
            }
        )
    )


if __name__ == "__main__":
    main(int(sys.argv[1]))
