"""The scheduler: publishes and expires pages at their time, every language in step, recounts
signatures for the pages' counts, reminds supporters who have not confirmed, tells teams when
many signatures are held for review, erases supporters' details when their campaign's retention
period ends and sent emails after SENT_EMAIL_DAYS, and then delivers supporters' letters to the
campaigns' targets (after erasing, so details due for erasure are never sent).

Once (for cron or a systemd timer, every minute), or in a loop with --every SECONDS (what
`make run` starts next to the web server, and a worker process in production).
"""

import datetime
import time

from django.core.management.base import BaseCommand
from django.utils import timezone

from caching.purge import purge_pages
from campaigns.events import scheduler_ran
from campaigns.models import CampaignPage
from campaigns.outbox.leases import reclaim_abandoned
from campaigns.outbox.retention import delete_sent_emails
from campaigns.team.alerts import alert_held_signatures
from campaigns.team.data_protection import (
    anonymise_expired,
    delete_unconfirmed,
    warn_before_erasure,
)
from campaigns.team.delivery import deliver_letters
from campaigns.team.reminders import remind_unconfirmed
from campaigns.team.tally import tally_signatures
from publishing.in_step import publish_due
from webhooks.retention import clean_up as clean_up_webhooks

# After the tally, in this order: erasure before delivery, so details due for erasure are never
# sent. Each returns how many rows it handled, which the message reports when not 0 (pruning the
# outbox is django-tasks-db's, and reports nothing).
CLEAN_UP_AND_DELIVER = (
    (reclaim_abandoned, "Outbox: {} email task(s) taken up again after their worker stopped."),
    (alert_held_signatures, "Quarantine: told {} campaign team(s) of held signatures."),
    (delete_unconfirmed, "Deleted {} signature(s) never confirmed."),
    (remind_unconfirmed, "Confirmation: reminded {} supporter(s) to confirm."),
    (warn_before_erasure, "Retention: told {} campaign team(s) of an erasure within a week."),
    (anonymise_expired, "Retention: anonymised {} signature(s)."),
    (delete_sent_emails, ""),
    (clean_up_webhooks, "Webhooks: {} attempt(s) taken up again after their worker stopped."),
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
            # Then the work of the apps above campaigns (report-backs to supporters).
            for _receiver, said in scheduler_ran.send(sender=self.__class__, now=now):
                if said:
                    self.stdout.write(said)
            if any(done.values()):
                self.stdout.write(
                    "Scheduled publishing: published {published}, expired {expired}, "
                    "held back until their source is live {held_back}".format(**done)
                )
            if not every:
                return
            time.sleep(every)


def purge_closed_since(moment, now):
    """Campaigns whose action closed in (moment, now]: their pages lose the form."""
    closed = CampaignPage.objects.live().filter(
        action_closes_at__gt=moment, action_closes_at__lte=now
    )
    purge_pages(closed.specific())
