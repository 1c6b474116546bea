"""Updates a campaign sends by itself (AutomaticReportBacks), checked every minute by the
scheduler (reportbacks.receivers) from what the campaigns app keeps: the action's closing time
(CampaignPage.action_closes_at), the count (SignatureTally, with the stepped goals of
campaigns.models.goals) and the deliveries to the target (LetterDelivery,
campaigns.team.delivery). Checked, not hooked into the moment itself, so an event the
scheduler was down for is sent when it is back.

Each event writes one update (AutomaticEvent is unique per campaign, event and step), in the
editor's words or the default ones, translated by the catalogs into every language the campaign
has, and schedules it for now: the same run sends it at the outbox's rate.
"""

from django.db import IntegrityError, transaction
from django.db.models import Max, Q
from django.utils import timezone, translation
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from campaigns.models import LetterDelivery, SignatureTally
from campaigns.models.goals import reached_step
from campaigns.team.delivery import undelivered

from .emails import campaign_pages
from .models import AutomaticEvent, AutomaticReportBacks, Event, ReportBack, Status


def default_words(event, page, step, outcome):
    """(subject, body) in the active language."""
    title = page.title
    if event == Event.DELIVERED:
        return (
            _("Your letter has been delivered: %(title)s") % {"title": title},
            _(
                "Thank you for signing. Every supporter's letter, yours included, has now been "
                "delivered to the people this campaign calls on."
            ),
        )
    if event == Event.MILESTONE:
        count = number_format(step, force_grouping=True)
        return (
            _("We reached %(count)s signatures: %(title)s") % {"count": count, "title": title},
            _(
                "Thank you: %(count)s people have now signed. Every signature makes the call "
                "harder to ignore. Please ask your friends to sign too."
            )
            % {"count": count},
        )
    body = _("The action has closed. Thank you for signing.")
    if outcome:
        body = f"{body}\n\n{outcome}"
    return _("The action has closed: %(title)s") % {"title": title}, body


def own_words(config, event, step):
    """The editor's (subject, body) for this event, or None for the default ones."""
    subject = getattr(config, f"{event}_subject")
    body = getattr(config, f"{event}_body")
    if not (subject and body):
        return None
    count = number_format(step, force_grouping=True)
    fill = {"{count}": count, "{outcome}": config.outcome}
    for marker, value in fill.items():
        subject, body = subject.replace(marker, value), body.replace(marker, value)
    return subject, body


def fire(config, event, now, step=0):
    """Write and schedule this event's update, once. Returns True if it was new."""
    pages = campaign_pages(config.campaign_key)
    source_page = config.campaign
    try:
        with transaction.atomic():
            happened = AutomaticEvent.objects.create(
                campaign_key=config.campaign_key, event=event, step=step, happened_at=now
            )
            words = own_words(config, event, step)
            first = None
            # The campaign's own page first: its words are the source of the others.
            ordered = [source_page] + [p for p in pages.values() if p.pk != source_page.pk]
            for page in ordered:
                if first is not None and words is not None:
                    break  # the editor's words, in the one language they wrote them in
                with translation.override(page.locale.language_code):
                    subject, body = words or default_words(event, page, step, config.outcome)
                same = {"translation_key": first.translation_key} if first else {}
                report_back = ReportBack.objects.create(
                    **same,
                    campaign=source_page,
                    locale=page.locale,
                    subject=subject[:200],
                    body=body,
                    event=f"{event}:{step}" if step else event,
                    status=Status.SCHEDULED,
                    send_at=now,
                )
                first = first or report_back
            happened.report_back = first
            happened.save(update_fields=["report_back"])
    except IntegrityError:
        return False  # another scheduler wrote it first
    return True


def check_events(now=None):
    """Fire what has happened since; returns how many updates were written."""
    now = now or timezone.now()
    configs = list(
        AutomaticReportBacks.objects.filter(
            Q(on_delivered=True) | Q(on_milestone=True) | Q(on_closed=True)
        ).select_related("campaign__locale")
    )
    if not configs:
        return 0
    keys = [config.campaign_key for config in configs]
    fired = set(
        AutomaticEvent.objects.filter(campaign_key__in=keys)
        .exclude(event=Event.MILESTONE)
        .values_list("campaign_key", "event")
    )
    last_step = dict(
        AutomaticEvent.objects.filter(campaign_key__in=keys, event=Event.MILESTONE)
        .values_list("campaign_key")
        .annotate(last=Max("step"))
    )
    totals = {
        t.campaign_key: t.total for t in SignatureTally.objects.filter(campaign_key__in=keys)
    }
    written = 0
    for config in configs:
        page, key = config.campaign, config.campaign_key
        closed = page.action_closes_at is not None and page.action_closes_at <= now
        if config.on_closed and closed and (key, Event.CLOSED) not in fired:
            written += fire(config, Event.CLOSED, now)
        if config.on_milestone:
            step = reached_step(page.signature_goal, totals.get(key, 0))
            if step and step > last_step.get(key, 0):
                written += fire(config, Event.MILESTONE, now, step=step)
        if (
            config.on_delivered
            and closed
            and (key, Event.DELIVERED) not in fired
            and LetterDelivery.objects.filter(campaign_key=key).exists()
            and not undelivered(key).exists()
        ):
            written += fire(config, Event.DELIVERED, now)
    return written
