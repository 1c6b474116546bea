"""Work done outside the request: sending the emails a signature queued."""

import datetime
import logging
import smtplib

from django.core.mail import EmailMultiAlternatives
from django.utils import timezone
from django_tasks import task

logger = logging.getLogger(__name__)

# Minutes to wait before each new attempt: about two days in all. After that the task stays
# failed, with its traceback, for someone to look at in the admin's task results.
RETRY_DELAYS = (1, 5, 15, 60, 180, 360, 720, 1440)


@task(backend="outbox")
def send_emails(*, messages, attempt=1):
    """Send each message (emails.message() made them). One task holds all the messages of one
    event, a signature's team notification and thank-you say, so queueing them costs one row;
    those that fail are tried again later, alone, and those sent are not sent again."""
    failed, error = [], None
    for message in messages:
        try:
            send(**message)
        except (smtplib.SMTPException, OSError) as exception:
            failed.append(message)
            error = exception
            logger.warning("Email %s not sent (%s)", message["message_id"], exception)
    if not failed:
        return
    if attempt <= len(RETRY_DELAYS):
        delay = datetime.timedelta(minutes=RETRY_DELAYS[attempt - 1])
        send_emails.using(run_after=timezone.now() + delay).enqueue(
            messages=failed, attempt=attempt + 1
        )
        logger.warning("%d of %d emails to retry in %s", len(failed), len(messages), delay)
    raise error


def send(*, subject, body, html_body, to, from_email, message_id):
    message = EmailMultiAlternatives(
        subject,
        body,
        from_email,
        to,
        # The same Message-ID on every attempt, so a receiving server can drop a duplicate.
        headers={"Auto-Submitted": "auto-generated", "Message-ID": message_id},
    )
    message.attach_alternative(html_body, "text/html")
    message.send()
