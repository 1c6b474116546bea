"""A signature that comes to count is pushed where its campaign says (osdi.push): made counted,
confirmed by its supporter, or released from review. Queued inside the signal's transaction,
so the push is queued if and only if the change is kept."""

from django.dispatch import receiver

from campaigns import events

from .push.tasks import queue_if_pushed


@receiver(events.signature_made)
@receiver(events.signature_confirmed)
@receiver(events.signature_released)
def push_counted_signature(sender, submission, **kwargs):
    queue_if_pushed(submission)
