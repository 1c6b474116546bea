"""campaigns.events heard: a delivery row and its task for each active endpoint that asked for
the event, in the transaction of the change itself (the signals are sent inside it), so a
message is queued if and only if what it reports happened."""

from django.db import transaction
from django.dispatch import receiver

from campaigns import events

from .models import EventType, WebhookDelivery
from .sending import send_delivery
from .subscriptions import subscriptions


def queue_event(event_type, **about):
    subscribed = [pk for pk, wanted in subscriptions() if event_type in wanted]
    if not subscribed:
        return []
    with transaction.atomic():
        deliveries = WebhookDelivery.objects.bulk_create(
            [WebhookDelivery(endpoint_id=pk, event_type=event_type, **about) for pk in subscribed]
        )
        for delivery in deliveries:
            send_delivery.enqueue(delivery_id=delivery.pk, ticket=str(delivery.ticket))
    return deliveries


@receiver(events.signature_made)
def signature_made(sender, submission, **kwargs):
    queue_event(
        EventType.SIGNATURE_CREATED,
        signature_id=submission.pk,
        campaign_key=submission.campaign_key,
    )


@receiver(events.signature_confirmed)
def signature_confirmed(sender, submission, **kwargs):
    queue_event(
        EventType.SIGNATURE_CONFIRMED,
        signature_id=submission.pk,
        campaign_key=submission.campaign_key,
    )


@receiver(events.signature_released)
def signature_released(sender, submission, **kwargs):
    queue_event(
        EventType.SIGNATURE_RELEASED,
        signature_id=submission.pk,
        campaign_key=submission.campaign_key,
    )


@receiver(events.signature_erased)
def signature_erased(sender, campaign_key, submission_id, **kwargs):
    queue_event(EventType.SIGNATURE_ERASED, signature_id=submission_id, campaign_key=campaign_key)


@receiver(events.opt_in_changed)
def opt_in_changed(sender, opt_in_ids, change, **kwargs):
    queue_event(EventType.OPT_IN_CHANGED, opt_in_ids=list(opt_in_ids), change=change)
