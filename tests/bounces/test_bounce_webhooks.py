"""A supporter's address bounces, is reported as spam or unsubscribes: the email service's
webhook (anymail's, as Postmark, Mailgun and Amazon SES post it) suppresses it, and the outbox
never writes to it again, while everyone else's emails and the team's still go. A real SMTP
server receives what is sent; the mail worker sends it."""

import logging

import pytest
from django.db import connection
from django.urls import NoReverseMatch, Resolver404, resolve, reverse
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from bounces.models import Lifted
from campaigns.models import CampaignSubmission
from campaigns.models.opt_ins import Suppression
from tests.conftest import SupporterPost
from tests.factories import CampaignPageFactory, add_petition_fields

from .payloads import MAILGUN, POSTMARK, SERVICES, basic_auth, configure

pytestmark = pytest.mark.django_db

ADA = "ada@example.org"
GRACE = "grace@example.org"


@pytest.fixture(autouse=True)
def _webhook_secret(settings):
    configure(settings)


@pytest.fixture
def second_campaign(home):
    page = CampaignPageFactory(parent=home, slug="second", title="Free the journalists")
    add_petition_fields(page)
    page.save_revision().publish()
    return page


def sign(client, page, valid_post, address):
    """As a supporter's browser does: with a form token given for this campaign."""
    answers = {key: valid_post[key] for key in valid_post if key != "form_token"}
    post = SupporterPost(lambda: page.translation_key, {**answers, "email": address})
    response = client.post(page.url, dict(post.items()))
    assert response.status_code == 303
    return CampaignSubmission.objects.get(page=page, supporter_key=key_of(address))


def key_of(address):
    from campaigns.signing.supporters import supporter_key

    return supporter_key(address)


def every_row():
    """Every row of every table, as the database holds it."""
    rows = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608
            rows.extend((table, row) for row in cursor.fetchall())
    return rows


def row_counts():
    with connection.cursor() as cursor:
        counts = {}
        for table in connection.introspection.table_names():
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")  # noqa: S608
            counts[table] = cursor.fetchone()[0]
        return counts


# --- a bounce: the next email is not sent, to them only ----------------------------------------


@pytest.mark.parametrize("service", SERVICES, ids=repr)
def test_a_bounce_suppresses_the_address_and_only_theirs(
    client, campaign, second_campaign, valid_post, deliver, smtp, service, caplog
):
    caplog.set_level(logging.DEBUG)
    sign(client, campaign, valid_post, ADA)
    deliver()
    assert len(smtp.to(ADA)) == 1  # the thank-you

    response = service.post(client, "bounce", ADA)
    assert response.status_code == 200
    suppression = Suppression.objects.get()
    assert suppression.supporter_key == key_of(ADA)
    assert suppression.reason == Suppression.Reason.BOUNCE
    assert suppression.source.startswith(f"{service.name}:")
    assert len(suppression.source) > len(f"{service.name}:")  # the service's event id

    # Both sign another campaign: Grace is thanked, Ada is not; the team hears of both.
    sign(client, second_campaign, valid_post, "Ada@Example.org")
    sign(client, second_campaign, valid_post, GRACE)
    deliver()
    assert len(smtp.to(ADA)) == 1
    assert len(smtp.to("Ada@Example.org")) == 0
    assert len(smtp.to(GRACE)) == 1
    assert len(smtp.to(second_campaign.to_address)) == 2
    # Her signature is stored and counts all the same.
    assert CampaignSubmission.objects.filter(
        page=second_campaign, supporter_key=key_of(ADA), confirmed_at__isnull=False
    ).exists()
    # The worker's task succeeded, and says which email it left out.
    dropped = DBTaskResult.objects.filter(return_value__has_key="suppressed")
    assert [task.status for task in dropped] == [TaskResultStatus.SUCCESSFUL]
    assert "-thanks@" in dropped[0].return_value["suppressed"][0]

    # Nothing the portal stored or logged holds the address, however it was spelled.
    stored = repr(every_row()).lower()
    assert "ada@example.org" not in stored
    # (but for the test's own SMTP server, aiosmtpd's "mail.log", which logs what it receives)
    logged = [r.getMessage() for r in caplog.records if not r.name.startswith("mail.log")]
    assert logged  # the portal did log, the worker and the webhook included
    assert "ada@example.org" not in repr(logged).lower()


@pytest.mark.parametrize("service", SERVICES, ids=repr)
def test_a_soft_bounce_suppresses_nothing(client, campaign, service):
    response = service.post(client, "soft_bounce", ADA)
    assert response.status_code == 200
    assert not Suppression.objects.exists()


def test_an_email_queued_before_the_bounce_is_not_sent_and_the_outbox_says_why(
    client, admin_client, campaign, valid_post, deliver, smtp
):
    campaign.require_confirmation = True
    campaign.save_revision().publish()
    sign(client, campaign, valid_post, ADA)
    sign(client, campaign, valid_post, GRACE)  # both links queued, neither sent yet
    assert POSTMARK.post(client, "bounce", ADA).status_code == 200

    deliver()
    assert smtp.to(ADA) == []
    assert len(smtp.to(GRACE)) == 1
    assert not DBTaskResult.objects.exclude(status=TaskResultStatus.SUCCESSFUL).exists()

    page = admin_client.get(reverse("campaigns_outbox")).content.decode()
    assert "Not sent: address suppressed" in page
    assert "request to confirm" in page
    assert ADA not in page


def test_no_reminder_or_link_is_queued_for_a_suppressed_address(
    client, campaign, valid_post, deliver, smtp, time_machine
):
    from campaigns.team.reminders import remind_unconfirmed

    campaign.require_confirmation = True
    campaign.save_revision().publish()
    sign(client, campaign, valid_post, ADA)
    sign(client, campaign, valid_post, GRACE)
    deliver()
    assert MAILGUN.post(client, "bounce", ADA).status_code == 200
    queued = DBTaskResult.objects.count()

    # "Send the link again" queues nothing for her (and says the same as for anyone).
    again = client.post(f"{campaign.url}thank-you/", {"email": ADA})
    assert again.status_code == 200
    assert DBTaskResult.objects.count() == queued

    # A day later, the reminder goes to Grace only.
    time_machine.move_to(CampaignSubmission.objects.latest("submit_time").submit_time)
    time_machine.shift(25 * 3600)
    assert remind_unconfirmed() == 2  # both marked reminded: hers is not tried every minute
    deliver()
    assert len(smtp.to(ADA)) == 1  # the first link, before the bounce
    assert len(smtp.to(GRACE)) == 2


def test_letters_to_the_target_and_the_teams_email_are_never_dropped(
    client, campaign, valid_post, deliver, smtp
):
    """The team's address bouncing once must not silence its notifications: only emails
    marked as a supporter's are checked."""
    assert POSTMARK.post(client, "bounce", campaign.to_address).status_code == 200
    sign(client, campaign, valid_post, ADA)
    deliver()
    assert len(smtp.to(campaign.to_address)) == 1
    assert len(smtp.to(ADA)) == 1


# --- complaints and unsubscribes ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("service", "kind", "reason"),
    [
        (POSTMARK, "complaint", Suppression.Reason.COMPLAINT),
        (MAILGUN, "complaint", Suppression.Reason.COMPLAINT),
        (POSTMARK, "unsubscribe", Suppression.Reason.UNSUBSCRIBE),
        (MAILGUN, "unsubscribe", Suppression.Reason.UNSUBSCRIBE),
    ],
    ids=lambda value: getattr(value, "name", str(value)),
)
def test_complaints_and_unsubscribes_suppress_too(
    client, campaign, second_campaign, valid_post, deliver, smtp, service, kind, reason
):
    sign(client, campaign, valid_post, ADA)
    deliver()
    assert service.post(client, kind, ADA).status_code == 200
    assert Suppression.objects.get(supporter_key=key_of(ADA)).reason == reason

    sign(client, second_campaign, valid_post, ADA)
    sign(client, second_campaign, valid_post, GRACE)
    deliver()
    assert len(smtp.to(ADA)) == 1
    assert len(smtp.to(GRACE)) == 1
    assert len(smtp.to(second_campaign.to_address)) == 2


# --- what changes nothing ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("service", "kind"),
    [
        (POSTMARK, "delivered"),
        (POSTMARK, "opened"),
        (MAILGUN, "delivered"),
        (MAILGUN, "opened"),
    ],
    ids=lambda value: getattr(value, "name", str(value)),
)
def test_deliveries_and_opens_store_nothing(client, campaign, valid_post, service, kind):
    sign(client, campaign, valid_post, ADA)
    before = row_counts()
    assert service.post(client, kind, ADA).status_code == 200
    assert row_counts() == before


@pytest.mark.parametrize("service", SERVICES, ids=repr)
def test_a_replayed_event_changes_nothing(client, campaign, valid_post, service):
    sign(client, campaign, valid_post, ADA)
    assert service.post(client, "bounce", ADA, event_id="replayed-event").status_code == 200
    first = list(Suppression.objects.values())
    counts = row_counts()
    assert service.post(client, "bounce", ADA, event_id="replayed-event").status_code == 200
    assert list(Suppression.objects.values()) == first
    assert row_counts() == counts


# --- who may post ------------------------------------------------------------------------------


@pytest.mark.parametrize("service", SERVICES, ids=repr)
@pytest.mark.parametrize(
    "auth", [None, "bounces:wrong", "wrong:test-only-webhook-secret", ""], ids=repr
)
def test_a_webhook_without_the_right_credentials_is_refused(client, service, auth):
    response = service.post(client, "bounce", ADA, auth=auth)
    assert response.status_code in (401, 403)
    assert not Suppression.objects.exists()


@pytest.mark.parametrize("service", SERVICES, ids=repr)
@pytest.mark.parametrize("secret", [None, "", ":", "bounces:", "bounces"], ids=repr)
def test_with_no_secret_configured_every_webhook_is_refused(client, settings, service, secret):
    configure(settings, secret=secret)
    for auth in (None, "bounces:test-only-webhook-secret", ":", "bounces:", secret or "x"):
        assert service.post(client, "bounce", ADA, auth=auth).status_code == 403
    assert not Suppression.objects.exists()


def test_a_mailgun_post_with_a_wrong_signature_is_refused(client):
    content, _headers = MAILGUN.body("bounce", ADA, "signed-by-someone-else")
    forged = content.replace('"signature": "', '"signature": "0', 1)
    response = client.post(
        MAILGUN.url,
        forged,
        content_type="application/json",
        **basic_auth(),
    )
    assert response.status_code == 403
    assert not Suppression.objects.exists()


def test_mailgun_is_refused_until_its_signing_key_is_set(client, settings):
    settings.ANYMAIL = {"WEBHOOK_SECRET": ["bounces:test-only-webhook-secret"]}
    assert MAILGUN.post(client, "bounce", ADA).status_code == 403
    assert not Suppression.objects.exists()


def test_amazon_ses_is_refused_while_boto3_is_not_installed(client):
    """Anymail's SES webhook needs boto3 (django-anymail[amazon-ses]), which the portal does not
    install: its posts are refused, not a 500, until it is."""
    response = client.post(
        reverse("anymail:amazon_ses_tracking_webhook"),
        "{}",
        content_type="text/plain",
        **basic_auth(),
    )
    assert response.status_code == 403


def test_only_the_tracking_webhooks_are_mounted():
    """Inbound email is not for us: anymail's inbound webhooks are not served."""
    with pytest.raises(Resolver404):
        resolve("/anymail/postmark/inbound/")
    with pytest.raises(NoReverseMatch):
        reverse("anymail:mailgun_inbound_webhook")
    assert resolve("/anymail/postmark/tracking/").url_name == "postmark_tracking_webhook"


def test_a_payload_that_cannot_be_read_is_a_400_not_a_500(client):
    for body in ("not json", "[]", '{"event-data": {}}', '{"signature": 1}'):
        response = client.post(MAILGUN.url, body, content_type="application/json", **basic_auth())
        assert response.status_code in (400, 403)
    for body in ("not json", "[]", "{}", '{"RecordType": "Bounce", "Type": []}'):
        response = client.post(POSTMARK.url, body, content_type="application/json", **basic_auth())
        assert response.status_code in (200, 400)
    assert not Suppression.objects.exists()
    assert not Lifted.objects.exists()
