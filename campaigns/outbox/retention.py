"""What the outbox keeps, and for how long: each queued email is a copy of what it says (a
supporter's answers, their address), so finished ones are deleted SENT_EMAIL_DAYS after they
finished, and an erased supporter's are deleted at once, sent or not."""

import json

from django.conf import settings
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from portal.encryption import decrypt

BACKEND = "outbox"


def delete_sent_emails():
    """Finished emails (sent, or failed for good), SENT_EMAIL_DAYS after they finished: what
    django-tasks-db's own pruning does, for the outbox's every queue."""
    call_command(
        "prune_db_task_results",
        f"--backend={BACKEND}",
        "--queue-name=*",
        f"--min-age-days={settings.SENT_EMAIL_DAYS}",
        verbosity=0,
    )


def delete_emails_mentioning(spellings):
    """Delete the emails whose recipients, subjects or texts contain one of these strings
    (lower case), sent or not. A task holds the emails of one signature or one delivery, all of
    them about its supporters, sealed (campaigns.outbox.tasks): each is opened to be read. The
    outbox is kept short by delete_sent_emails, so reading it is cheap."""
    emails = DBTaskResult.objects.filter(backend_name=BACKEND).values_list("pk", "args_kwargs")
    mentioning = []
    for pk, args_kwargs in emails.iterator(chunk_size=2000):
        sealed = args_kwargs["kwargs"].get("sealed")
        opened = decrypt(sealed) if sealed else ""
        text = (json.dumps(args_kwargs, ensure_ascii=False) + opened).lower()
        if any(spelling in text for spelling in spellings):
            mentioning.append(pk)
    DBTaskResult.objects.filter(pk__in=mentioning).delete()
