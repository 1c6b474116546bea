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
def send_submission_email(*, subject, body, html_body, to, from_email, message_id, attempt=1):
    message = EmailMultiAlternatives(
        subject,
        body,
        from_email,
        to,
        # The same Message-ID on every attempt, so a receiving server can drop a duplicate.
        headers={"Auto-Submitted": "auto-generated", "Message-ID": message_id},
    )
    message.attach_alternative(html_body, "text/html")
    try:
        message.send()
    except (smtplib.SMTPException, OSError) as error:
        if attempt <= len(RETRY_DELAYS):
            delay = datetime.timedelta(minutes=RETRY_DELAYS[attempt - 1])
            send_submission_email.using(run_after=timezone.now() + delay).enqueue(
                subject=subject,
                body=body,
                html_body=html_body,
                to=to,
                from_email=from_email,
                message_id=message_id,
                attempt=attempt + 1,
            )
            logger.warning("Email %s not sent (%s): retry in %s", message_id, error, delay)
        raise
