"""Which endpoints want to hear of which events, asked by every signature."""

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .models import WebhookEndpoint

# Every signature asks which endpoints want to hear of it, most often of none: the answer is
# kept in the default cache (Redis in production, so every process sees a change at once),
# dropped whenever an endpoint is saved or deleted, and at most a minute old otherwise (an
# endpoint turned off by a 410 is forgotten by webhooks.sending, and checked again as it is
# sent).
SUBSCRIPTIONS = "webhooks:subscriptions"
SUBSCRIPTIONS_SECONDS = 60


def subscriptions():
    """[(endpoint id, [event types])] of the active endpoints."""
    found = cache.get(SUBSCRIPTIONS)
    if found is None:
        found = list(
            WebhookEndpoint.objects.filter(active=True).order_by().values_list("pk", "events")
        )
        cache.set(SUBSCRIPTIONS, found, SUBSCRIPTIONS_SECONDS)
    return found


@receiver(post_save, sender=WebhookEndpoint)
@receiver(post_delete, sender=WebhookEndpoint)
def forget(**kwargs):
    cache.delete(SUBSCRIPTIONS)
    # And again once committed: a signature in between must not cache the old answer anew.
    transaction.on_commit(lambda: cache.delete(SUBSCRIPTIONS))
