"""The migration that encrypts what was stored in clear before: signatures' answers and consent,
supporter keys (hashed), and the emails waiting in the outbox; and back."""

import json
import uuid

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from campaigns.models import CampaignSubmission
from campaigns.outbox import tasks
from tests.conftest import supporter_key_of

BEFORE = [("campaigns", "0013_reviewers")]
ANSWERS = {"first_name": "陳大文", "email": "Tai.Man@example.org", "your_message": "自由"}
LETTER = {
    "subject": "A letter from a supporter",
    "body": "陳大文: 自由",
    "html_body": "<p>陳大文: 自由</p>",
    "to": ["office@gov.example"],
    "from_email": "campaigns@example.org",
    "message_id": "<1.2.3.delivery-7@example.org>",
}


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)


def latest():
    """Every app's newest migration, not only campaigns': going back to BEFORE also unapplied
    the other apps' migrations that depend on a later campaigns one, and the tests after this
    one (worker processes among them) read the same database."""
    executor = MigrationExecutor(connection)
    return executor.loader.graph.leaf_nodes()


def raw_signature():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT form_data, consent, supporter_key FROM campaigns_campaignsubmission"
        )
        return cursor.fetchone()


@pytest.mark.django_db(transaction=True)
def test_existing_signatures_and_emails_are_encrypted_and_keys_hashed():
    migrate(BEFORE)
    try:
        with connection.cursor() as cursor:
            cursor.execute(
                "INSERT INTO campaigns_campaignsubmission (form_data, submit_time, campaign_key, "
                "language, consent, source, supporter_key, quarantine_reasons) "
                "VALUES (%s, %s, %s, 'en', %s, '{}', %s, '[]')",
                [
                    json.dumps(ANSWERS, ensure_ascii=False),
                    "2026-11-01 10:00:00+00:00",
                    uuid.uuid4().hex,
                    "我同意你們聯絡我",
                    "tai.man@example.org",
                ],
            )
        from django_tasks_db.models import DBTaskResult

        DBTaskResult.objects.create(
            backend_name="outbox",
            task_path="campaigns.outbox.tasks.send_emails",
            queue_name="default",
            priority=0,
            args_kwargs={"args": [], "kwargs": {"messages": [LETTER]}},
            traceback="smtplib.SMTPRecipientsRefused: {'office@gov.example': (550, b'no')}",
            exception_class_path="smtplib.SMTPRecipientsRefused",
        )

        migrate(latest())

        form_data, consent, key = raw_signature()
        assert "陳大文" not in form_data and "Tai" not in form_data and "同意" not in consent
        assert key == supporter_key_of("Tai.Man@example.org")
        signature = CampaignSubmission.objects.get()
        assert (signature.form_data, signature.consent) == (ANSWERS, "我同意你們聯絡我")
        task = DBTaskResult.objects.get()
        arguments = task.args_kwargs["kwargs"]
        assert arguments["message_ids"] == [LETTER["message_id"]]
        assert tasks.unseal(arguments["sealed"]) == [LETTER]
        assert "messages" not in arguments and "office@gov.example" not in task.traceback

        migrate(BEFORE)  # and back: in clear again, but for the hashed key
        form_data, consent, key = raw_signature()
        assert (json.loads(form_data), consent) == (ANSWERS, "我同意你們聯絡我")
        assert key == supporter_key_of("Tai.Man@example.org")
        assert DBTaskResult.objects.get().args_kwargs["kwargs"] == {"messages": [LETTER]}
    finally:
        migrate(latest())
    executor = MigrationExecutor(connection)
    assert not executor.migration_plan(executor.loader.graph.leaf_nodes())  # every app's
    assert raw_signature()[2] == supporter_key_of("Tai.Man@example.org")  # not hashed twice
