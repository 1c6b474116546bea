"""What a tracking event from the email service changes: a bounce, a complaint or an
unsubscribe suppresses the address (Suppression.add, which also withdraws its opt-ins);
every other event (delivered, opened, deferred, …) changes nothing and stores nothing.

Only the keyed hash of the address is kept, with the reason and "<service>:<event id>". The
address, the payload and the service's description of the failure are never stored or
logged. Suppression.add is idempotent, so a replayed event changes nothing; an event from
before a suppression was lifted (bounces.lifting) does not suppress it again.
"""

import datetime
import logging
import re

from anymail.signals import EventType, tracking
from django.dispatch import receiver
from django.utils import timezone

from campaigns.models.opt_ins import Suppression
from campaigns.signing.supporters import supporter_key

from .models import Lifted

logger = logging.getLogger(__name__)

REASONS = {
    EventType.BOUNCED: Suppression.Reason.BOUNCE,
    EventType.REJECTED: Suppression.Reason.BOUNCE,
    EventType.COMPLAINED: Suppression.Reason.COMPLAINT,
    EventType.UNSUBSCRIBED: Suppression.Reason.UNSUBSCRIBE,
}
SOURCE_LENGTH = Suppression._meta.get_field("source").max_length
# What an event id may keep of itself in `source`: the services' ids are letters, digits and
# a few marks; anything else (a NUL, which PostgreSQL refuses, or markup) is dropped.
NOT_ID = re.compile(r"[^A-Za-z0-9._:+=/-]")


@receiver(tracking, dispatch_uid="bounces.suppress")
def suppress(sender, event, esp_name, **kwargs):
    reason = REASONS.get(event.event_type)
    if reason is None or soft_bounce(esp_name, event):
        return
    key = key_of(event.recipient)
    if key is None:
        logger.warning("A %s %s event without a usable address: ignored", esp_name, reason)
        return
    if lifted_since(key, event.timestamp):
        return
    Suppression.add(key, reason, source=source_of(esp_name, event.event_id))


def soft_bounce(esp_name, event):
    """A bounce that anymail reports as "bounced" though the service itself will try again
    (and reports a hard bounce if it gives up): Postmark's SoftBounce, Amazon SES's Transient
    bounces. Suppressing on those would lose supporters whose mailbox was full for an hour."""
    if event.event_type != EventType.BOUNCED or not isinstance(event.esp_event, dict):
        return False
    if esp_name == "Postmark":
        return event.esp_event.get("Type") == "SoftBounce"
    if esp_name == "Amazon SES":
        bounce = event.esp_event.get("bounce")
        return isinstance(bounce, dict) and bounce.get("bounceType") == "Transient"
    return False


def key_of(recipient):
    """The recipient's keyed hash, as signatures store it; None for what cannot be an address
    (a webhook's recipient is whatever the payload says)."""
    if not isinstance(recipient, str):  # a number, a list, null: the payload's word
        return None
    # supporter_key drops what UTF-8 cannot carry (a lone surrogate, which JSON allows) and
    # answers None for what has no "@" (tests/bounces/test_hostile_recipients.py).
    return supporter_key(recipient)


def lifted_since(key, timestamp):
    """Whether the address's suppression was lifted after the event happened. An event
    without a time is taken as new: writing to an address that bounced is worse than not
    writing to one that asked again."""
    if not isinstance(timestamp, datetime.datetime):
        return False
    if timezone.is_naive(timestamp):
        timestamp = timezone.make_aware(timestamp, datetime.UTC)
    return Lifted.objects.filter(supporter_key=key, lifted_at__gte=timestamp).exists()


def source_of(esp_name, event_id):
    """ "postmark:1234567": which service reported it, and its id for the event."""
    service = re.sub(r"\W+", "_", str(esp_name or "")).strip("_").lower() or "unknown"
    return f"{service}:{NOT_ID.sub('', str(event_id or ''))}"[:SOURCE_LENGTH]
