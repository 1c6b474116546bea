"""The push's task in the outbox: one signature, one POST, retried with the outbox's delays
(campaigns.outbox.tasks.RETRY_DELAYS, about two days) and logged (osdi.models.PushAttempt).

The task holds the signature's id alone; the body is written when it is sent. Redirects are
not followed: a redirect would carry the API key to wherever it points.
"""

import datetime
import json
import logging
import urllib.error
import urllib.request

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils import timezone
from django_tasks import task

from campaigns.models import CampaignSubmission
from campaigns.outbox.tasks import RETRY_DELAYS
from osdi.models import CampaignPush, PushAttempt

from .body import push_body

logger = logging.getLogger(__name__)


class PushFailed(Exception):
    """An attempt that failed: the task fails visibly (the next attempt is queued apart)."""


# The campaigns that push, in the cache: signing asks on every signature, and its queries are
# counted (tests/campaigns/test_queries.py). Deleted when a push changes; the task checks the
# push again when it runs, so a stale list at worst logs a push as skipped.
PUSHED_CAMPAIGNS = "osdi:pushed-campaigns"


def pushed_campaigns():
    keys = cache.get(PUSHED_CAMPAIGNS)
    if keys is None:
        enabled = CampaignPush.objects.filter(enabled=True)
        keys = {str(key) for key in enabled.values_list("campaign_key", flat=True)}
        cache.set(PUSHED_CAMPAIGNS, keys, 300)
    return keys


@receiver(post_save, sender=CampaignPush)
@receiver(post_delete, sender=CampaignPush)
def forget_pushed_campaigns(**kwargs):
    cache.delete(PUSHED_CAMPAIGNS)
    transaction.on_commit(lambda: cache.delete(PUSHED_CAMPAIGNS))


def queue_if_pushed(submission):
    """Queue the push of a signature that counts now, if its campaign pushes."""
    if submission.confirmed_at is None or submission.quarantined_at is not None:
        return
    if str(submission.campaign_key) in pushed_campaigns():
        push_signature.enqueue(signature_id=submission.pk)


class NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # the 3xx is then an HTTPError, and a failed attempt


opener = urllib.request.build_opener(NoRedirects)


def post(endpoint, api_key, body):
    """The answer's status code; raises OSError (URLError, timeouts) when there is none."""
    request = urllib.request.Request(  # noqa: S310 (an https address editors set)
        endpoint,
        data=json.dumps(body, ensure_ascii=False).encode("utf-8"),
        headers={"OSDI-API-Token": api_key, "Content-Type": "application/json"},
        method="POST",
    )
    try:
        with opener.open(request, timeout=settings.OSDI_PUSH_TIMEOUT) as answer:
            return answer.status
    except urllib.error.HTTPError as refused:
        refused.close()
        return refused.code


@task(backend="outbox")
def push_signature(*, signature_id, attempt=1):
    submission = CampaignSubmission.objects.filter(pk=signature_id).select_related("page").first()
    if submission is None:
        return  # deleted altogether: there is nothing to send, nor a campaign to log it under
    push = CampaignPush.objects.filter(campaign_key=submission.campaign_key, enabled=True).first()
    # Erased, or its campaign deleted, since it was queued: nothing is left to send.
    gone = submission.anonymised_at is not None or submission.page_id is None
    if push is None or gone or submission.confirmed_at is None:
        log(submission.campaign_key, signature_id, attempt, PushAttempt.Outcome.SKIPPED)
        return
    body = push_body(submission, push, submission.page.specific.get_form_fields())
    status, error = None, ""
    try:
        status = post(push.endpoint, push.api_key, body)
    except (OSError, ValueError) as failure:  # ValueError: an address urllib cannot use
        error = type(failure).__name__
    if status is not None and 200 <= status < 300:
        log(push.campaign_key, signature_id, attempt, PushAttempt.Outcome.SENT, status)
        return
    error = error or f"HTTP {status}"
    if attempt > len(RETRY_DELAYS):
        log(push.campaign_key, signature_id, attempt, PushAttempt.Outcome.FAILED, status, error)
        raise PushFailed(error)
    delay = datetime.timedelta(minutes=RETRY_DELAYS[attempt - 1])
    with transaction.atomic():
        log(push.campaign_key, signature_id, attempt, PushAttempt.Outcome.RETRY, status, error)
        push_signature.using(run_after=timezone.now() + delay).enqueue(
            signature_id=signature_id, attempt=attempt + 1
        )
    logger.warning(
        "OSDI push of signature %s failed (%s): again in %s", signature_id, error, delay
    )
    raise PushFailed(error)


def log(campaign_key, signature_id, attempt, outcome, status=None, error=""):
    PushAttempt.objects.create(
        campaign_key=campaign_key,
        signature_id=signature_id,
        attempt=attempt,
        outcome=outcome,
        status_code=status,
        error=error[:100],
    )
