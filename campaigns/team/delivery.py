"""Supporters' letters delivered to the campaign's target (the government office or official).

The scheduler calls `deliver_letters` every minute. A campaign with a target address sends either
one email per signature, or a daily digest: at most one email a day, once its hour has passed,
with every letter not yet delivered. Only signatures that count (confirmed) and whose details
have not been erased are sent.

Each email is queued in the mail outbox in the same transaction as its letters are marked
delivered, so a letter is never sent twice and never lost: if anything fails, both roll back and
the next run tries again. Rows are claimed with `select_for_update(skip_locked=True)` where the
database has it (PostgreSQL); SQLite serialises writers. A unique constraint allows one digest
per campaign and day even if two schedulers ran at once.
"""

import collections

from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from campaigns.models import CampaignPage, CampaignSubmission, DeliveryMode, LetterDelivery
from campaigns.outbox import messages, tasks

from .letters import LetterFields, public_figure

# Letters per campaign and run in one-email-per-signature mode: a campaign that sets a target
# after collecting thousands of signatures does not flood the recipient's mailbox in a minute.
EACH_PER_RUN = 100
# Rows marked delivered per UPDATE (SQLite limits the parameters of one statement).
MARK_CHUNK = 500


def deliver_letters(now=None):
    """Queue what is due for every campaign with a target. Returns how many letters."""
    now = now or timezone.now()
    campaigns = campaigns_with_a_target()
    today = timezone.localdate(now)
    sent_today = set(
        LetterDelivery.objects.filter(
            mode=DeliveryMode.DIGEST,
            period=today,
            campaign_key__in=[c.translation_key for c in campaigns],
        ).values_list("campaign_key", flat=True)
    )
    delivered = 0
    for page in campaigns:
        if page.delivery_mode == DeliveryMode.EACH:
            delivered += deliver_each(page, now)
        elif page.translation_key not in sent_today and digest_is_due(page, now):
            delivered += deliver_digest(page, today, now)
    return delivered


def campaigns_with_a_target():
    """One page per campaign (every language shares the target and mode; the default
    language's page gives the title and language of the email)."""
    return (
        CampaignPage.objects.exclude(target_address="").select_related("locale").one_per_campaign()
    )


def digest_is_due(page, now):
    local = timezone.localtime(now)
    return local >= local.replace(hour=page.digest_hour, minute=0, second=0, microsecond=0)


def undelivered(campaign_key):
    return (
        CampaignSubmission.objects.counted()
        .filter(campaign_key=campaign_key, delivered_at__isnull=True, anonymised_at__isnull=True)
        .order_by("submit_time", "pk")
    )


def deliver_each(page, now):
    with transaction.atomic():
        letters = list(
            undelivered(page.translation_key).select_for_update(skip_locked=True)[:EACH_PER_RUN]
        )
        if not letters:
            return 0
        fields = LetterFields.of(page)
        for submission in letters:
            delivery = LetterDelivery.objects.create(
                campaign_key=page.translation_key,
                mode=DeliveryMode.EACH,
                to_address=page.target_address,
                count=1,
                queued_at=now,
            )
            message = letters_email(page, [fields.letter(submission)], digest=False)
            tasks.queue(message, f"delivery-{delivery.pk}")
            submission.delivery, submission.delivered_at = delivery, now
        CampaignSubmission.objects.bulk_update(letters, ["delivery", "delivered_at"])
    return len(letters)


def deliver_digest(page, period, now):
    try:
        with transaction.atomic():
            submissions = list(
                undelivered(page.translation_key).select_for_update(skip_locked=True)
            )
            if not submissions:
                return 0
            delivery = LetterDelivery.objects.create(
                campaign_key=page.translation_key,
                mode=DeliveryMode.DIGEST,
                period=period,
                to_address=page.target_address,
                count=len(submissions),
                queued_at=now,
            )
            fields = LetterFields.of(page)
            letters = [fields.letter(submission) for submission in submissions]
            message = letters_email(page, letters, digest=True)
            tasks.queue(message, f"delivery-{delivery.pk}")
            pks = [submission.pk for submission in submissions]
            for start in range(0, len(pks), MARK_CHUNK):
                CampaignSubmission.objects.filter(pk__in=pks[start : start + MARK_CHUNK]).update(
                    delivery=delivery, delivered_at=now
                )
    except IntegrityError:
        # Another scheduler sent today's digest first: nothing was queued or marked here.
        return 0
    return len(submissions)


def letters_email(page, letters, *, digest):
    """The subject and introduction in the campaign's own language (its source page's); each
    letter in the language the supporter wrote it in."""
    with translation.override(page.locale.language_code):
        counts = collections.Counter(letter.language_name for letter in letters)
        context = {
            "page": page,
            "letters": letters,
            "digest": digest,
            "counts": [(name, public_figure(n)) for name, n in counts.most_common()],
            "total": len(letters),
        }
        if digest:
            subject = ngettext(
                "%(count)d letter from supporters: %(title)s",
                "%(count)d letters from supporters: %(title)s",
                len(letters),
            ) % {"count": len(letters), "title": page.title}
        else:
            subject = _("A letter from a supporter: %(title)s") % {"title": page.title}
        return messages.message(page, subject, "letters", context, to=[page.target_address])


def withdraw_letters(submissions):
    """Take the letters of these supporters, erased a moment ago, out of the emails queued to
    the target and not yet being sent: a single letter's email is deleted; a digest is written
    again without them, under the same Message-ID. An email a worker is sending already is past
    recall. Returns how many emails were changed or deleted."""
    deliveries = LetterDelivery.objects.filter(
        pk__in={s.delivery_id for s in submissions if s.delivery_id}
    )
    changed = 0
    for delivery in deliveries:
        with transaction.atomic():
            # Locked, so that no worker takes it meanwhile (workers skip locked rows).
            queued = tasks.queued_email(f"delivery-{delivery.pk}")
            if queued is None:
                continue  # sent, or being sent
            remaining = list(
                delivery.letters.filter(anonymised_at__isnull=True).order_by("submit_time", "pk")
            )
            if not remaining:
                queued.delete()
            else:
                page = (
                    CampaignPage.objects.filter(translation_key=delivery.campaign_key)
                    .select_related("locale")
                    .one_per_campaign()[0]
                )
                fields = LetterFields.of(page)
                letters = [fields.letter(submission) for submission in remaining]
                digest = delivery.mode == DeliveryMode.DIGEST
                tasks.replace_queued_email(queued, letters_email(page, letters, digest=digest))
            changed += 1
    return changed
