"""The outbox as the team sees it: emails waiting, being sent, waiting for their next try, or
failed for good, with "Retry now".

A failed attempt that was followed by another is not a failure: the email is being retried, or
was sent. Only the email's latest attempt counts. Nothing here shows an address, a name or what
an email says: only what kind of email it is, which signature or delivery it belongs to, and the
kind of error (an SMTP error's text may quote an address).

Emails to a supporter whose address is suppressed (it bounced, complained or unsubscribed) are
not sent; they are listed apart, "not sent: address suppressed", for as long as the outbox
keeps sent emails (SENT_EMAIL_DAYS).
"""

import dataclasses
import re

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from campaigns.outbox.retention import BACKEND
from campaigns.outbox.tasks import RETRY_DELAYS

from .permissions import SignaturesScreen

STATES = {
    "waiting": gettext_lazy("Waiting"),
    "sending": gettext_lazy("Being sent"),
    "retrying": gettext_lazy("Waiting to be tried again"),
    "failed": gettext_lazy("Failed"),
}
KINDS = {
    "team": gettext_lazy("notification to the campaign team"),
    "thanks": gettext_lazy("thank-you to the supporter"),
}
MESSAGE_KEY = re.compile(r"(signature-(\d+)-(confirm|team)|delivery-(\d+))")
# The emails to a supporter, which alone may be left unsent for a suppressed address.
TO_SUPPORTER = re.compile(r"signature-(\d+)-(thanks|confirm|reminder)@")
SUPPORTER_KINDS = {
    "thanks": gettext_lazy("thank-you to the supporter"),
    "confirm": gettext_lazy("request to confirm"),
    "reminder": gettext_lazy("reminder to confirm"),
}


@dataclasses.dataclass
class Email:
    task: DBTaskResult
    key: tuple
    attempt: int

    @property
    def state(self):
        if self.task.status == TaskResultStatus.FAILED:
            return "failed"
        if self.task.status == TaskResultStatus.RUNNING:
            return "sending"
        return "retrying" if self.attempt > 1 else "waiting"

    @property
    def state_label(self):
        return STATES[self.state]

    @property
    def error(self):
        return self.task.exception_class_path.rpartition(".")[2]

    @property
    def next_try(self):
        return self.task.run_after if self.state == "retrying" else None

    @property
    def description(self):
        return describe(self.task.args_kwargs["kwargs"])


def describe(arguments):
    if "submission_id" in arguments:
        kinds = ", ".join(str(KINDS.get(kind, kind)) for kind in arguments["kinds"])
        return gettext("Signature %(id)s: %(kinds)s") % {
            "id": arguments["submission_id"],
            "kinds": kinds,
        }
    descriptions = []
    # The messages are sealed (campaigns.outbox.tasks); their ids are in clear.
    for message_id in message_ids(arguments):
        found = MESSAGE_KEY.search(message_id)
        if found is None:
            descriptions.append(gettext("An email"))
        elif found.group(4):
            descriptions.append(
                gettext("Letters to the target (delivery %(id)s)") % {"id": found.group(4)}
            )
        elif found.group(3) == "confirm":
            descriptions.append(
                gettext("Signature %(id)s: request to confirm") % {"id": found.group(2)}
            )
        else:
            descriptions.append(
                gettext("Signature %(id)s: %(kinds)s")
                % {"id": found.group(2), "kinds": KINDS["team"]}
            )
    return "; ".join(descriptions)


def key_of(task):
    """What a task sends, as its retries carry it: a signature's emails, or message ids."""
    arguments = task.args_kwargs["kwargs"]
    if "submission_id" in arguments:
        return ("signature", arguments["submission_id"])
    return ("messages", frozenset(message_ids(arguments)))


def message_ids(arguments):
    """A task's Message-IDs: in clear beside its sealed messages, or in messages queued in
    clear by a process from before the outbox was sealed."""
    if "message_ids" in arguments:
        return arguments["message_ids"]
    return [message.get("message_id", "") for message in arguments.get("messages", [])]


def superseded(earlier, later):
    """Whether `later` is a retry of what `earlier` sent."""
    if earlier.key[0] != later.key[0] or later.attempt <= earlier.attempt:
        return False
    if earlier.key[0] == "signature":
        return earlier.key == later.key
    return later.key[1] <= earlier.key[1]


def unsent():
    """Every email not sent yet, or failed for good, by its latest attempt, oldest first."""
    # The OSDI push (osdi.push) shares the outbox's worker and retries, but sends no email: it
    # has a log of its own (Reports → OSDI push log).
    tasks = (
        DBTaskResult.objects.filter(backend_name=BACKEND)
        .exclude(task_path__startswith="osdi.")
        .order_by("enqueued_at")
    )
    emails = [
        Email(task, key_of(task), task.args_kwargs["kwargs"].get("attempt", 1)) for task in tasks
    ]
    return [
        email
        for email in emails
        if email.task.status != TaskResultStatus.SUCCESSFUL
        and not any(superseded(email, other) for other in emails)
    ]


@dataclasses.dataclass
class Suppressed:
    task: DBTaskResult
    description: str


def suppressed(limit=200):
    """The latest emails not sent because their address is suppressed (their tasks returned
    their Message-IDs: campaigns.outbox.tasks), newest first."""
    tasks = (
        DBTaskResult.objects.filter(
            backend_name=BACKEND,
            status=TaskResultStatus.SUCCESSFUL,
            return_value__has_key="suppressed",
        )
        .only("pk", "finished_at", "return_value")
        .order_by("-finished_at")[:limit]
    )
    return [
        Suppressed(task, describe_suppressed(message_id))
        for task in tasks
        for message_id in task.return_value["suppressed"]
    ]


def describe_suppressed(message_id):
    found = TO_SUPPORTER.search(message_id)
    if found is None:
        return gettext("An email")
    return gettext("Signature %(id)s: %(kinds)s") % {
        "id": found.group(1),
        "kinds": SUPPORTER_KINDS[found.group(2)],
    }


class OutboxView(SignaturesScreen):
    template_name = "campaigns/admin/outbox.html"
    page_title = gettext_lazy("Email outbox")
    header_icon = "mail"

    def get_context_data(self, **kwargs):
        emails = unsent()
        counts = dict.fromkeys(STATES, 0)
        for email in emails:
            counts[email.state] += 1
        summary = [(STATES[state], count) for state, count in counts.items()]
        return super().get_context_data(
            **kwargs, emails=emails, summary=summary, suppressed=suppressed()
        )

    def post(self, request):
        """Retry now: an email waiting for its next try is tried at once; one that failed for
        good is tried once more, by hand."""
        emails = {str(email.task.pk): email for email in unsent()}
        email = emails.get(request.POST.get("task", ""))
        if email is None:
            messages.error(request, gettext("That email has been sent or removed meanwhile."))
        elif email.state == "failed":
            # Past the automatic retries, and after the attempt it replaces.
            attempt = max(email.attempt + 1, len(RETRY_DELAYS) + 1)
            arguments = {**email.task.args_kwargs["kwargs"], "attempt": attempt}
            email.task.task.enqueue(**arguments)
            messages.success(request, gettext("The email will be tried once more."))
        elif email.state in ("waiting", "retrying"):
            DBTaskResult.objects.filter(pk=email.task.pk).update(run_after=timezone.now())
            messages.success(request, gettext("The email will be tried at once."))
        return redirect(reverse("campaigns_outbox"))
