"""The scheduler: publishes and expires pages at their time, every language in step, recounts
signatures for the pages' counts, erases supporters' details when their campaign's retention
period ends and sent emails after SENT_EMAIL_DAYS, and then delivers supporters' letters to the
campaigns' targets (after erasing, so details due for erasure are never sent).

Once (for cron or a systemd timer, every minute), or in a loop with --every SECONDS (what
`make run` starts next to the web server, and a worker process in production).
"""

import datetime
import time

from django.core.management.base import BaseCommand
from django.utils import timezone

from campaigns.cache_purge import purge_closed_since
from campaigns.data_protection import anonymise_expired, delete_unconfirmed, forget_sent_emails
from campaigns.delivery import deliver_letters
from campaigns.lifecycle import publish_due
from campaigns.tally import tally_signatures


class Command(BaseCommand):
    help = "Publish and expire scheduled pages, translations in step with their source."

    def add_arguments(self, parser):
        parser.add_argument(
            "--every", type=int, default=0, help="Run again every N seconds (0: run once)."
        )

    def handle(self, *args, every=0, **options):
        tallied_since = None  # the first run recounts every campaign
        last_run = timezone.now() - datetime.timedelta(seconds=max(every, 60))
        while True:
            now = timezone.now()
            done = publish_due()
            purge_closed_since(last_run, now)
            last_run = now
            _changed, tallied_since = tally_signatures(tallied_since)
            unconfirmed = delete_unconfirmed()
            if unconfirmed:
                self.stdout.write(f"Deleted {unconfirmed} signature(s) never confirmed.")
            anonymised = anonymise_expired()
            if anonymised:
                self.stdout.write(f"Retention: anonymised {anonymised} signature(s).")
            forgotten = forget_sent_emails()
            if forgotten:
                self.stdout.write(f"Deleted {forgotten} email(s) sent or failed long ago.")
            delivered = deliver_letters()
            if delivered:
                self.stdout.write(f"Delivery: queued {delivered} letter(s) to targets.")
            if any(done.values()):
                self.stdout.write(
                    "Scheduled publishing: published {published}, expired {expired}, "
                    "held back until their source is live {held_back}".format(**done)
                )
            if not every:
                return
            time.sleep(every)
