"""What the check costs: one query per email to a supporter as it is sent, none for the
team's; none at all for a webhook event that changes nothing; a handful for a bounce."""

import pytest

from campaigns.outbox import messages, tasks

from .payloads import MAILGUN, POSTMARK, configure

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _webhook_secret(settings):
    configure(settings)


def test_the_send_time_check_is_one_query_per_batch(monkeypatch, django_assert_num_queries):
    """One query for every supporter's email a task sends (an update to signers sends 50)."""
    handed = []
    monkeypatch.setattr(tasks, "send", lambda **message: handed.append(message))

    def email(name, **mark):
        return {"message_id": f"<{name}@example.org>", "to": ["someone@example.org"], **mark}

    queued = {
        "team": email("team"),
        "letters": email("letters"),
        "thanks": email("thanks", **{messages.SUPPORTER: "a-key"}),
        "confirm": email("confirm", **{messages.SUPPORTER: "another-key"}),
    }
    with django_assert_num_queries(1):
        assert tasks.send_each(queued) == ([], None, [])
    assert [message["message_id"] for message in handed] == [
        message["message_id"] for message in queued.values()
    ]
    assert all(messages.SUPPORTER not in message for message in handed)


@pytest.mark.parametrize("service", [POSTMARK, MAILGUN], ids=repr)
@pytest.mark.parametrize("kind", ["delivered", "opened", "soft_bounce"])
def test_an_event_that_changes_nothing_reads_nothing(
    client, service, kind, django_assert_num_queries
):
    with django_assert_num_queries(0):
        assert service.post(client, kind, "ada@example.org").status_code == 200


@pytest.mark.parametrize("service", [POSTMARK, MAILGUN], ids=repr)
def test_a_bounce_takes_a_handful_of_queries(client, service, django_assert_max_num_queries):
    with django_assert_max_num_queries(10):
        assert service.post(client, "bounce", "ada@example.org").status_code == 200
