"""Signature counts at scale: recounted in batches, as large petition sites do.

A page view reads one precomputed row (SignatureTally) and never counts submissions; a signature
never updates a shared counter row, so thousands signing at once do not queue behind one lock.
The scheduler calls `tally_signatures` every minute: it recounts only the campaigns that had new
signatures since its last run, so the count is exact once the queue drains and at most a minute
behind. Paper signatures and deleted signatures are recounted at once (`recount`). Pages showing
a count that changed are purged from the page cache.
"""

import datetime
import threading

from django.db import transaction
from django.db.models import Count, Sum
from django.utils import timezone

from caching.purge import purge_translations
from campaigns.models.counts import PaperSignatures, SignatureTally
from campaigns.models.signatures import CampaignSubmission

# A signature's confirmed_at (its submit time, or when its supporter confirmed it) is set before
# its transaction commits; look back this far so a slow commit is still seen by the next run.
COMMIT_SLACK = datetime.timedelta(minutes=5)


def tally_signatures(since=None):
    """Recount campaigns with signatures counted after `since` (every campaign if None).

    Returns (keys whose count changed, the `since` to pass next time).
    """
    started = timezone.now()
    submissions = CampaignSubmission.objects.order_by()
    if since is not None:
        submissions = submissions.filter(confirmed_at__gte=since - COMMIT_SLACK)
    keys = set(submissions.values_list("campaign_key", flat=True).distinct())
    if since is None:
        keys |= set(PaperSignatures.objects.values_list("campaign_key", flat=True))
        keys |= set(SignatureTally.objects.values_list("campaign_key", flat=True))
    return recount(keys), started


def recount(keys):
    """Count the given campaigns' signatures afresh; returns the keys whose total changed."""
    if not keys:
        return set()
    by_language = {key: {} for key in keys}
    online = (
        CampaignSubmission.objects.counted()
        .filter(campaign_key__in=keys)
        .order_by()
        .values_list("campaign_key", "language")
        .annotate(n=Count("pk"))
    )
    for key, language, n in online:
        by_language[key][language] = n
    paper = dict(
        PaperSignatures.objects.filter(campaign_key__in=keys)
        .order_by()
        .values_list("campaign_key")
        .annotate(n=Sum("count"))
    )
    with transaction.atomic():
        before = {
            tally.campaign_key: tally.total
            for tally in SignatureTally.objects.select_for_update().filter(campaign_key__in=keys)
        }
        tallies = [
            SignatureTally(
                campaign_key=key,
                online=sum(languages.values()),
                paper=paper.get(key) or 0,
                by_language=languages,
                updated_at=timezone.now(),
            )
            for key, languages in by_language.items()
        ]
        SignatureTally.objects.bulk_create(
            tallies,
            update_conflicts=True,
            unique_fields=["campaign_key"],
            update_fields=["online", "paper", "by_language", "updated_at"],
        )
    changed = {
        tally.campaign_key for tally in tallies if before.get(tally.campaign_key) != tally.total
    }
    purge_translations(changed)
    return changed


# Campaigns waiting for the commit of the transaction that changed them, per thread.
_waiting = threading.local()


def recount_on_commit(key):
    """Recount a campaign once the current transaction commits. Deleting many signatures in one
    transaction recounts each campaign once: the first callback takes every key waiting, the
    rest find none. (After a rollback the keys wait for the next commit: a harmless recount.)"""
    if not hasattr(_waiting, "keys"):
        _waiting.keys = set()
    _waiting.keys.add(key)
    transaction.on_commit(recount_waiting)


def recount_waiting():
    keys, _waiting.keys = getattr(_waiting, "keys", set()), set()
    if keys:
        recount(keys)
