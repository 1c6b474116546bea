"""The outbox's task for an update's emails: a batch of Recipient rows, named by id (the task
holds nothing personal), written by the worker when it sends them (reportbacks.emails). Those
that fail are tried again later, alone, as every outbox email is (campaigns.outbox.tasks)."""

from django.utils import timezone
from django_tasks import task

from campaigns.outbox.tasks import HandedOver, Undeliverable, queue, retry_later, send_each

from . import emails
from .models import Recipient


def queue_batch(report_back_key, recipient_ids):
    send_report_back_emails.enqueue(
        recipient_ids=list(recipient_ids),
        # In clear, as other outbox tasks' are: the admin's Email outbox lists them by it.
        message_ids=[emails.message_id(report_back_key, pk) for pk in recipient_ids],
    )


@task(backend="outbox", takes_context=True)
def send_report_back_emails(context, *, recipient_ids, message_ids=(), attempt=1, sent=()):
    """`sent`: those an earlier run of this task, whose worker died, had handed over."""
    handed = HandedOver(context, sent)
    now = timezone.now()
    # Those an earlier run, whose worker died, handed to the server: sent, though not marked.
    Recipient.objects.filter(
        pk__in=[pk for pk in recipient_ids if pk in handed], sent_at__isnull=True
    ).update(sent_at=now)
    recipients = list(
        Recipient.objects.filter(pk__in=recipient_ids, sent_at__isnull=True).order_by("pk")
    )
    recipients = [r for r in recipients if r.pk not in handed]
    written, skipped = emails.recipient_emails(recipients)
    if skipped:
        Recipient.objects.filter(pk__in=skipped).update(skipped_at=now)
    failed, error, undeliverable = send_each(written, handed.sent)
    done = [pk for pk, message in written.items() if pk not in failed]
    done = [pk for pk in done if written[pk]["message_id"] not in undeliverable]
    Recipient.objects.filter(pk__in=done).update(sent_at=now)
    if failed:
        retry_later(
            send_report_back_emails,
            attempt,
            error,
            handed,
            failed,
            recipient_ids=failed,
            message_ids=[m for m in message_ids if any(f"-{pk}@" in m for pk in failed)],
        )
    if undeliverable:
        raise Undeliverable(", ".join(undeliverable))


def send_test(report_back, address):
    """The update to an editor's own address, marked as a test, through the outbox."""
    queue(emails.test_email(report_back, address), f"update-{report_back.pk}-test")
