"""The outbox: emails queued in the same transaction as what they are about, sent by a worker
(`manage.py db_worker --backend outbox`) and retried alone when they fail.

`queue` takes a message written now (campaigns.outbox.messages); `queue_for_signature` takes a
signature's id, and its messages are written when they are sent.

A task's row is a copy of what its emails say (an address, a name, a letter), so messages
written now wait sealed: encrypted as supporters' answers are (portal.encryption), with only
their Message-IDs in clear, which say what kind of email each is and whose signature or which
delivery it belongs to (the admin's Email outbox lists them by it). A failed attempt's error is
kept without its text, which an SMTP server may have written an address into.

An email to a supporter whose address bounced, complained or unsubscribed (Suppression) is
dropped as it is sent, not tried again: the task succeeds, and returns the Message-IDs it
dropped (`{"suppressed": [...]}`, or None if it dropped none), which the admin's Email outbox
lists without an address.
Only messages marked as a supporter's (messages.SUPPORTER) are checked.
"""

import contextlib
import datetime
import logging
import smtplib

from django.core.mail import EmailMultiAlternatives, get_connection
from django.core.signals import setting_changed
from django.db import DatabaseError, transaction
from django.dispatch import receiver
from django.utils import timezone
from django_tasks import task
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from campaigns.models.opt_ins import suppressed_among
from portal.encryption import decrypt_json, encrypt_json

from . import messages as written

logger = logging.getLogger(__name__)

# Minutes to wait before each new attempt: about two days in all. After that the task stays
# failed, with its traceback, for someone to look at in the admin's task results.
RETRY_DELAYS = (1, 5, 15, 60, 180, 360, 720, 1440)


def queue(message, key):
    """Put a message in the outbox; `key` names it uniquely, e.g. "signature-42-confirm"."""
    send_emails.enqueue(**seal([{**message, "message_id": written.message_id(key)}]))


def seal(messages):
    """The arguments of `send_emails` for these messages: encrypted, but for their ids."""
    return {
        "message_ids": [message["message_id"] for message in messages],
        "sealed": encrypt_json(messages),
    }


def unseal(sealed):
    """The messages `seal` sealed (None for None)."""
    return None if sealed is None else decrypt_json(sealed)


def queued_email(key):
    """The task of the one email queued as `key` (tasks.queue) that no worker has taken yet,
    locked for the caller's transaction; None if it is sent, being sent or gone. Message-IDs are
    the one part of a task in clear; the outbox is short (it is pruned), so it is read whole."""
    waiting = DBTaskResult.objects.filter(
        backend_name="outbox", status=TaskResultStatus.READY
    ).values_list("pk", "args_kwargs")
    marker = f".{key}@"
    found = [
        pk
        for pk, args_kwargs in waiting
        if any(marker in name for name in args_kwargs["kwargs"].get("message_ids", ()))
    ]
    if len(found) != 1:
        return None
    return (
        DBTaskResult.objects.select_for_update(skip_locked=True)
        .filter(pk=found[0], status=TaskResultStatus.READY)
        .first()
    )


def replace_queued_email(task_result, message):
    """The queued email written again (its Message-ID kept), sealed as before."""
    message_id = task_result.args_kwargs["kwargs"]["message_ids"][0]
    kwargs = {**task_result.args_kwargs["kwargs"], **seal([{**message, "message_id": message_id}])}
    task_result.args_kwargs = {**task_result.args_kwargs, "kwargs": kwargs}
    task_result.save(update_fields=["args_kwargs"])


def queue_for_signature(submission, kinds, page_url):
    """Queue a signature's emails ("team", "thanks"), to be written when they are sent. The
    page's address is the one the supporter signed at, which only the request knows."""
    send_signature_emails.enqueue(submission_id=submission.pk, kinds=kinds, page_url=page_url)


@task(backend="outbox", takes_context=True)
def send_emails(context, *, sealed=None, message_ids=(), messages=None, attempt=1, sent=()):
    """Send messages written when they were queued (`sealed`, see above); those that fail are
    tried again later, alone, so a message is never sent twice. `messages` in clear are those a
    process from before the outbox was sealed queued during a deploy: sent as well, and sealed
    for a retry (`manage.py rotate_encryption_keys` seals those still waiting). `sent`: those
    an earlier run of this task, whose worker died, had handed over (HandedOver)."""
    handed = HandedOver(context, sent)
    everything = unseal(sealed) or messages or []
    by_id = {m["message_id"]: m for m in everything if m["message_id"] not in handed}
    suppressed = []
    failed, error, undeliverable = send_each(by_id, handed.sent, suppressed)
    if failed:
        # Sealed again as queued, their mark kept: the retry asks again.
        retry_later(
            send_emails, attempt, error, handed, failed, **seal([by_id[n] for n in failed])
        )
    if undeliverable:
        raise Undeliverable(", ".join(undeliverable))
    return {"suppressed": suppressed} if suppressed else None


@task(backend="outbox", takes_context=True)
def send_signature_emails(context, *, submission_id, kinds, page_url, attempt=1, sent=()):
    """A signature's team notification and thank-you ("team", "thanks"), written now from the
    stored signature; those that fail are tried again later, alone. `sent`: those an earlier
    run of this task, whose worker died, had handed over (HandedOver)."""
    handed = HandedOver(context, sent)
    unsent = [kind for kind in kinds if kind not in handed]
    messages = written.signature_emails(submission_id, unsent, page_url)
    suppressed = []
    failed, error, undeliverable = send_each(messages, handed.sent, suppressed)
    if failed:
        retry_later(
            send_signature_emails,
            attempt,
            error,
            handed,
            failed,
            submission_id=submission_id,
            kinds=failed,
            page_url=page_url,
        )
    if undeliverable:
        raise Undeliverable(", ".join(undeliverable))
    return {"suppressed": suppressed} if suppressed else None


def unless_suppressed(message, suppressed_keys):
    """The message as it is sent (without its mark, which is not part of the email), or None
    if it is to a supporter whose address is in `suppressed_keys`."""
    message = dict(message)
    marked = written.SUPPORTER in message
    key = message.pop(written.SUPPORTER, None)
    if marked and key in suppressed_keys:
        logger.info("Email %s not sent: address suppressed", message["message_id"])
        return None
    return message


class Undeliverable(Exception):
    """Emails no attempt can send: they fail the task, visibly, and are not tried again."""


def send_each(messages, sent=lambda name: None, suppressed=None):
    """Send each of {name: message}, calling `sent(name)` once the server has taken it, but for
    the last (the attempt ends at once, and its end says so). Returns the names of those to try
    again, the last error, and the Message-IDs of those no attempt can send: an email that
    cannot be encoded (an address with characters no SMTP server takes, stored before addresses
    were cleaned) would fail on every attempt, and must not hold up the others.

    An email to a supporter whose address is suppressed is not sent (unless_suppressed): its
    Message-ID goes into `suppressed`, a list, where one is given. Every email the outbox
    sends passes here, so nothing that marks its emails as a supporter's can miss the check."""
    failed, error, undeliverable = [], None, []
    names = list(messages)
    # Asked as the batch is sent (one query for all of it, up to 50 updates to signers), so an
    # address that bounced after its email was queued is not written to either.
    blocked = suppressed_among(
        queued[written.SUPPORTER] for queued in messages.values() if written.SUPPORTER in queued
    )
    for name, queued in messages.items():
        message = unless_suppressed(queued, blocked)
        if message is None:
            if suppressed is not None:
                suppressed.append(queued["message_id"])
            continue
        try:
            send(**message)
            if name != names[-1]:
                sent(name)
        except UnicodeError as exception:
            undeliverable.append(message["message_id"])
            logger.error(
                "Email %s cannot be sent (%s)", message["message_id"], describe(exception)
            )
        except (smtplib.SMTPException, OSError) as exception:
            failed.append(name)
            error = exception
            logger.warning("Email %s not sent (%s)", message["message_id"], describe(exception))
    return failed, error, undeliverable


class HandedOver:
    """The emails a task has handed over, to the SMTP server or to its own retry, recorded on
    the task's row (its kwargs' `sent`) as it happens: a task taken up again after its worker
    died (campaigns.outbox.leases) then sends only the others. Without it, a worker killed while
    sending a signature's thank-you had its team notification sent twice. (An email the server
    took in the instant before the worker died, unrecorded, is still sent again, under the same
    Message-ID.)"""

    def __init__(self, context, sent):
        self.result, self.names = context.task_result, list(sent)

    def __contains__(self, name):
        return name in self.names

    def record(self, names):
        self.names.extend(names)
        kwargs = {**self.result.kwargs, "sent": self.names}
        DBTaskResult.objects.filter(pk=self.result.id).update(
            args_kwargs={"args": list(self.result.args), "kwargs": kwargs}
        )

    def sent(self, name):
        try:
            self.record([name])
        except DatabaseError as exception:  # sent all the same; at worst, again after a lease
            logger.warning("Email %s sent, not recorded as sent (%s)", name, exception)


def retry_later(task, attempt, error, handed, failed, **arguments):
    """Queue the task again for what failed, after the next delay, and fail this attempt (its
    traceback stays in the task results). The retry is queued and recorded as handed over in
    one transaction: if the worker dies before this attempt is marked failed, the attempt taken
    up again leaves those emails to the retry rather than sending them too."""
    if attempt <= len(RETRY_DELAYS):
        delay = datetime.timedelta(minutes=RETRY_DELAYS[attempt - 1])
        with transaction.atomic():
            task.using(run_after=timezone.now() + delay).enqueue(attempt=attempt + 1, **arguments)
            handed.record(failed)
        logger.warning("Emails to retry in %s", delay)
    raise without_text(error) from None


def describe(error):
    """An error's kind and SMTP code, without its text (which may quote an address)."""
    code = getattr(error, "smtp_code", None) or getattr(error, "errno", None)
    return f"{type(error).__name__} {code}" if code else type(error).__name__


def without_text(error):
    """The same kind of error with only its SMTP code or errno: the task's row keeps the
    traceback of a failed attempt, and a server's reply (or SMTPRecipientsRefused, which lists
    the refused addresses) would put a supporter's address there in clear."""
    code = getattr(error, "smtp_code", None) or getattr(error, "errno", None)
    bare = type(error).__new__(type(error))
    bare.args = (code,) if code else ()
    return bare


def send(*, subject, body, html_body, to, from_email, message_id, headers=None):
    """`headers`: the message's own (campaigns.outbox.messages.message), e.g. List-Unsubscribe;
    the Message-ID stays the outbox's."""
    message = EmailMultiAlternatives(
        subject,
        body,
        from_email,
        to,
        # The same Message-ID on every attempt, so a receiving server can drop a duplicate.
        headers={
            "Auto-Submitted": "auto-generated",
            **(headers or {}),
            "Message-ID": message_id,
        },
    )
    message.attach_alternative(html_body, "text/html")
    reused = _connection is not None
    try:
        message.connection = connection()
        message.send()
    except smtplib.SMTPServerDisconnected:
        close_connection()
        if not reused:
            raise
        # The server closed a connection left idle: once more, on a new one.
        message.connection = connection()
        message.send()
    except (smtplib.SMTPException, OSError, UnicodeError):
        close_connection()  # in whatever state the error left it
        raise


# One SMTP connection for as long as the worker runs, opened on first use and again when the
# server has closed it: a connection per email costs a handshake (TLS, login) each time, and
# held one worker to 87 emails a second.
_connection = None


def connection():
    global _connection  # one per worker process
    if _connection is None:
        _connection = get_connection()
    _connection.open()  # Django's backends open only if closed
    return _connection


@receiver(setting_changed)
def close_connection(**kwargs):
    """Also when mail settings change (tests point at another server)."""
    global _connection
    if _connection is not None:
        with contextlib.suppress(smtplib.SMTPException, OSError):  # it was going anyway
            _connection.close()
        _connection = None
