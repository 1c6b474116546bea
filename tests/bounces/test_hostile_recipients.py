"""Whatever a webhook says the recipient is (it is the payload's word, even authenticated):
never a 500, nothing stored but a keyed hash, and only what is an address suppressed."""

import json

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from campaigns.models.opt_ins import Suppression
from campaigns.signing.supporters import supporter_key

from .payloads import MAILGUN, POSTMARK, basic_auth, configure

pytestmark = pytest.mark.django_db

NASTY = [
    "",
    "@",
    "a@",
    "@b",
    "ada@example.org\x00",
    "ada@exam\ud800ple.org",  # a lone surrogate: JSON carries it, UTF-8 cannot
    "ada@example.org\u202e",
    "ada@" + "a" * 70 + ".org",  # a DNS label too long for IDNA
    "ada@例子.中国",
    "<script>alert(1)</script>@example.org",
    "ada@example.org, grace@example.org",
    "Ada Lovelace <ada@example.org>",
    "x" * 10_000 + "@example.org",
    "'; DROP TABLE campaigns_suppression; --@example.org",
]
RECIPIENTS = st.one_of(
    st.sampled_from(NASTY),
    st.text(max_size=200),
    st.emails(),
    st.builds(
        lambda local, domain: f"{local}@{domain}", st.text(max_size=30), st.text(max_size=30)
    ),
)
ANY_JSON = st.one_of(st.none(), st.integers(), st.lists(st.text(max_size=5), max_size=3))
SETTINGS = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@pytest.fixture(autouse=True)
def _webhook_secret(settings):
    configure(settings)


@SETTINGS
@given(recipient=RECIPIENTS, kind=st.sampled_from(["bounce", "complaint", "unsubscribe"]))
def test_any_recipient_string_is_answered_without_a_500(client, recipient, kind):
    before = Suppression.objects.count()
    for service in (POSTMARK, MAILGUN):
        response = service.post(client, kind, recipient)
        assert response.status_code in (200, 400)
    try:
        key = supporter_key(recipient)
    except UnicodeError:
        key = None
    if key is None:  # not an address: nothing to suppress
        assert Suppression.objects.count() == before
    else:
        assert Suppression.objects.of(key).exists()
    for row in Suppression.objects.all():
        assert "@" not in row.supporter_key + row.source


@SETTINGS
@given(recipient=ANY_JSON, event_id=st.one_of(st.text(max_size=100), ANY_JSON))
@example(recipient="ada@example.org", event_id="id\x00with a NUL, which PostgreSQL refuses")
@example(recipient="ada@example.org", event_id="<ada@example.org>" * 10)
def test_a_recipient_or_event_id_that_is_not_text_is_answered_without_a_500(
    client, recipient, event_id
):
    event = {
        "RecordType": "Bounce",
        "Type": "HardBounce",
        "ID": event_id,
        "Email": recipient,
        "BouncedAt": "2026-12-01T10:00:00Z",
    }
    response = client.post(
        POSTMARK.url, json.dumps(event), content_type="application/json", **basic_auth()
    )
    assert response.status_code == 200  # read, and ignored if it names no address
    for row in Suppression.objects.all():
        assert "\x00" not in row.source and len(row.source) <= 64
        assert "@" not in row.source
