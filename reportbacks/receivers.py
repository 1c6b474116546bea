"""The scheduler's minute (campaigns.events.scheduler_ran): automatic updates first, so that an
event's update is sent in the same run, then whatever the rate allows of every update due."""

from django.dispatch import receiver

from campaigns.events import scheduler_ran

from .automatic import check_events
from .sending import send_due


@receiver(scheduler_ran, dispatch_uid="reportbacks.send")
def send_report_backs(sender, now, **kwargs):
    written = check_events(now)
    queued = send_due(now)
    said = []
    if written:
        said.append(f"Updates to signers: {written} written by campaigns' events.")
    if queued:
        said.append(f"Updates to signers: queued {queued} email(s).")
    return " ".join(said)
