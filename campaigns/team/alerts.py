"""The team is told when a campaign's held signatures jump (campaigns.signing.quarantine).

Run by the scheduler every minute. In the last hour, a campaign with at least
QUARANTINE_ALERT_MINIMUM held signatures, making at least QUARANTINE_ALERT_SHARE of its
signatures, is under attack or catching real supporters in a limit: either way the team must look.
Once every QUARANTINE_ALERT_HOURS per campaign at most, remembered in the cache: if the cache is
emptied the team may hear twice, which is better than never.
"""

import datetime

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count
from django.utils import timezone

from campaigns.models import CampaignPage, CampaignSubmission
from campaigns.outbox import messages, tasks

WINDOW = datetime.timedelta(hours=1)


def alert_held_signatures(now=None):
    """Email the teams whose campaigns' held signatures jumped; returns how many were told."""
    now = now or timezone.now()
    since = now - WINDOW
    held = dict(
        CampaignSubmission.objects.quarantined()
        .filter(quarantined_at__gte=since)
        .order_by()
        .values_list("campaign_key")
        .annotate(n=Count("pk"))
    )
    told = 0
    for key, n in held.items():
        if n < settings.QUARANTINE_ALERT_MINIMUM:
            continue
        counted = (
            CampaignSubmission.objects.counted()
            .filter(campaign_key=key, confirmed_at__gte=since)
            .count()
        )
        if n / (n + counted) < settings.QUARANTINE_ALERT_SHARE:
            continue
        pages = CampaignPage.objects.filter(translation_key=key).one_per_campaign()
        if not pages or not pages[0].to_address:
            continue
        timeout = settings.QUARANTINE_ALERT_HOURS * 3600
        if not cache.add(f"held-alert:{key}", now.isoformat(), timeout=timeout):
            continue
        tasks.queue(
            messages.held_alert(pages[0], n, counted), f"held-alert-{key}-{now:%Y%m%d%H%M}"
        )
        told += 1
    return told
