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

# After the tally, in this order: erasure before delivery, so details due for erasure are never
# sent. Each returns how many rows it handled, which the message reports when not 0.
CLEAN_UP_AND_DELIVER = (
    (delete_unconfirmed, "Deleted {} signature(s) never confirmed."),
    (anonymise_expired, "Retention: anonymised {} signature(s)."),
    (forget_sent_emails, "Deleted {} email(s) sent or failed long ago."),
    (deliver_letters, "Delivery: queued {} letter(s) to targets."),
)


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
            for step, message in CLEAN_UP_AND_DELIVER:
                if handled := step():
                    self.stdout.write(message.format(handled))
            if any(done.values()):
                self.stdout.write(
                    "Scheduled publishing: published {published}, expired {expired}, "
                    "held back until their source is live {held_back}".format(**done)
                )
            if not every:
                return
            time.sleep(every)
