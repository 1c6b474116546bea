"""Supporters' data at rest: a stolen database (or backup) holds no name, address or letter of
anyone who signed, read with SQL from every table; and the keys can be rotated while everything
stays readable."""

import csv
import io

import pytest
from aiosmtpd.controller import Controller
from cryptography.fernet import Fernet, InvalidToken
from django.core.management import call_command
from django.db import connection
from django_tasks_db.models import DBTaskResult
from wagtail.models import ModelLogEntry

from campaigns.models import CampaignSubmission
from campaigns.outbox import tasks
from campaigns.team.delivery import deliver_letters
from tests.campaigns.test_mail_outbox import Recorder, smtp_settings  # noqa: F401
from tests.conftest import supporter_key_of

TARGET = "chief.executive@gov.example"
# Long and unusual, so that no ciphertext (URL-safe base64) contains one by chance.
ADELHEID = {
    "first_name": "Adelheid",
    "last_name": "Quartzmann",
    "email": "Adelheid.Quartzmann@example.org",
    "your_message": (
        "Greetings from reader nine of Kowloon Bay,\nthe zebra of Tsim Sha Tsui sings at dawn."
    ),
}
BARTHOLOMEW = {
    "first_name": "Bartholomew",
    "last_name": "Zyxwright",
    "email": "bart.zyxwright@example.net",
    "your_message": "Free the harbour's seventeen lanterns.",
}


LETTER = {
    "subject": "A letter from a supporter",
    "body": "A letter.",
    "html_body": "<p>A letter.</p>",
    "to": [TARGET],
    "from_email": "campaigns@example.org",
    "message_id": "<1.2.3.delivery-9@example.org>",
}


class RefusesEveryRecipient(Recorder):
    """A mail server whose refusal quotes the address, as real ones do."""

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        return f"550 5.1.1 <{address}>: Recipient address rejected"


@pytest.fixture
def refusing_server(smtp_settings):  # noqa: F811
    controller = Controller(
        RefusesEveryRecipient(), hostname="127.0.0.1", port=smtp_settings.EMAIL_PORT
    )
    controller.start()
    yield
    controller.stop()


def database_text():
    """Every row of every table, as text, read with SQL rather than through the models."""
    quote = connection.ops.quote_name
    dumps = {}
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f"SELECT * FROM {quote(table)}")  # noqa: S608
            dumps[table] = "\n".join(
                " | ".join(
                    value.decode("utf-8", "replace") if isinstance(value, bytes) else str(value)
                    for value in row
                )
                for row in cursor.fetchall()
            ).lower()
    return dumps


def clear_text_of(supporter):
    return [value.lower() for value in supporter.values()] + [
        line.lower() for line in supporter["your_message"].splitlines()
    ]


def found_in_clear(supporters):
    dumps = database_text()
    return {
        (table, text)
        for supporter in supporters
        for text in clear_text_of(supporter)
        for table, dump in dumps.items()
        if text in dump
    }


@pytest.mark.django_db
def test_the_database_holds_no_supporters_name_address_or_letter(
    client, campaign, valid_post, deliver, refusing_server
):
    campaign.target_address = TARGET
    campaign.delivery_mode = "each"
    campaign.send_thank_you_email = True
    campaign.save_revision().publish()
    client.post(campaign.url, {**valid_post, **ADELHEID}, follow=True)
    deliver()  # the thank-you and the team's notification are refused, to be retried
    assert deliver_letters() == 1  # her letter to the target, written into the outbox now
    deliver()  # refused too
    # Another asks for confirmation: that email carries its link and is written at once.
    campaign.require_confirmation = True
    campaign.save_revision().publish()
    client.post(campaign.url, {**valid_post, **BARTHOLOMEW}, follow=True)
    deliver()

    # Everything is there: the signatures, the emails waiting for their next try, the failures.
    adelheid, bartholomew = CampaignSubmission.objects.order_by("pk")
    assert adelheid.form_data["last_name"] == "Quartzmann" and adelheid.delivered_at
    assert bartholomew.form_data["your_message"] == BARTHOLOMEW["your_message"]
    assert adelheid.consent == "I agree to be contacted"
    failed = DBTaskResult.objects.filter(status="FAILED")
    # Her thank-you and the team's notification (one task), her letter, his confirmation.
    assert failed.count() == 3
    assert all("SMTPRecipientsRefused" in task.traceback for task in failed)
    assert DBTaskResult.objects.filter(status="READY").count() == 3
    # ... and none of it in clear, in any table.
    assert found_in_clear([ADELHEID, BARTHOLOMEW]) == set()
    assert adelheid.supporter_key == supporter_key_of(ADELHEID["email"])


@pytest.mark.django_db
def test_rotating_the_key_re_encrypts_everything_and_the_old_key_can_go(
    admin_client, client, campaign, valid_post, deliver, mailoutbox, settings
):
    old, new = settings.PORTAL_ENCRYPTION_KEYS[0], Fernet.generate_key().decode()
    campaign.require_confirmation = True
    campaign.save_revision().publish()
    client.post(campaign.url, {**valid_post, **ADELHEID}, follow=True)  # its link, sealed
    stored = CampaignSubmission.objects.get()
    # Queued in clear by a process from before the outbox was sealed, during the deploy.
    tasks.send_emails.enqueue(messages=[LETTER])

    settings.PORTAL_ENCRYPTION_KEYS = [new, old]
    out = io.StringIO()
    call_command("rotate_encryption_keys", "--batch-size=1", stdout=out)
    assert "campaigns.CampaignSubmission: 1 re-encrypted, 0 already current, 0 busy" in (
        out.getvalue()
    )
    assert "outbox: 2 re-encrypted, 0 already current, 0 busy" in out.getvalue()
    assert all("messages" not in task.args_kwargs["kwargs"] for task in DBTaskResult.objects.all())
    again = io.StringIO()
    call_command("rotate_encryption_keys", stdout=again)  # nothing left to do
    assert "campaigns.CampaignSubmission: 0 re-encrypted, 1 already current" in again.getvalue()
    rotations = ModelLogEntry.objects.filter(action="campaigns.keys_rotated").order_by("pk")
    assert [entry.data["rotated"] for entry in rotations] == [3, 0]

    settings.PORTAL_ENCRYPTION_KEYS = [new]  # the old key is dropped
    signature = CampaignSubmission.objects.get()
    assert signature.form_data == stored.form_data
    assert signature.consent == "I agree to be contacted"
    assert signature.supporter_key == supporter_key_of(ADELHEID["email"])  # not re-keyed
    response = admin_client.get(
        f"/admin/forms/submissions/{campaign.pk}/", {"export": "csv", "status": "unconfirmed"}
    )
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert [row["Last name"] for row in rows] == ["Quartzmann"]
    deliver()  # the confirmation request, sealed with the old key, then re-sealed; the letter
    assert sorted(message.to for message in mailoutbox) == [[ADELHEID["email"]], [TARGET]]
    assert any("confirm" in message.body for message in mailoutbox)
    # A repeat is still recognised after the rotation: one signature per person.
    client.post(campaign.url, {**valid_post, **ADELHEID}, follow=True)
    assert CampaignSubmission.objects.count() == 1

    settings.PORTAL_ENCRYPTION_KEYS = [old]  # what the rotation left is not the old key's
    with pytest.raises(InvalidToken):
        CampaignSubmission.objects.get()
