"""Delivery to the target: supporters' letters reach the government office by email, once each,
in a daily digest or one by one; editors get the same letters as a pack to print or export."""

import datetime
import zoneinfo

import pytest
import time_machine
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext

from campaigns.models import CampaignSubmission, LetterDelivery
from campaigns.team.delivery import deliver_digest, deliver_letters
from tests.conftest import started_token, supporter_key_of

HONG_KONG = zoneinfo.ZoneInfo("Asia/Hong_Kong")
TARGET = "chief.executive@gov.example"


def at(day, hour, minute=0):
    """A moment in Hong Kong on day `day` of March 2027."""
    return datetime.datetime(2027, 3, day, hour, minute, tzinfo=HONG_KONG)


def set_target(page, mode="digest", hour=18, address=TARGET):
    page.target_address = address
    page.delivery_mode = mode
    page.digest_hour = hour
    page.save_revision().publish()


def sign(client, page, valid_post, email, message, first_name="Ada"):
    """Sign through the real form (call inside time_machine: the form token is made now)."""
    post = {
        **valid_post,
        "form_token": started_token(seconds_ago=60, campaign_key=page.translation_key),
        "email": email,
        "first_name": first_name,
        "your_message": message,
    }
    response = client.post(page.url, post, follow=True)
    assert b'id="thank-you-heading"' in response.content
    return CampaignSubmission.objects.get(supporter_key=supporter_key_of(email))


def to_target():
    return [message for message in mail.outbox if message.to == [TARGET]]


@pytest.fixture(autouse=True)
def _forget_cache_written_in_2027():
    """Cache entries written while travelling to March 2027 (Wagtail's site root paths, among
    others) would outlive this test and serve later tests stale pages."""
    from django.core.cache import cache

    yield
    cache.clear()


def sign_in_chinese(client, zh_campaigns, valid_post):
    """One letter in Traditional Chinese, one in Simplified."""
    sign(
        client,
        zh_campaigns["zh-hant"],
        valid_post,
        "chan@example.org",
        "請尊重和平集會的權利。",
        first_name="陳大文",
    )
    sign(client, zh_campaigns["zh-hans"], valid_post, "li@example.org", "请尊重集会自由。")


@pytest.fixture
def target_campaign(campaign):
    set_target(campaign)
    return campaign


@pytest.mark.django_db
def test_digest_sends_one_email_a_day_with_every_new_letter_none_twice(
    client, target_campaign, zh_campaigns, valid_post, deliver
):
    campaign = target_campaign
    with time_machine.travel(at(1, 9)):
        sign(client, campaign, valid_post, "ada@example.org", "Respect the right to protest.")
        sign_in_chinese(client, zh_campaigns, valid_post)
        assert deliver_letters() == 0  # before 18:00 Hong Kong time
    with time_machine.travel(at(1, 18, 1)):
        assert deliver_letters() == 3
        assert deliver_letters() == 0  # the same day: nothing again
    with time_machine.travel(at(1, 23)):
        sign(client, campaign, valid_post, "later@example.org", "Release the detained.")
        assert deliver_letters() == 0  # today's digest has gone; this one waits
        deliver()
    first_day = to_target()
    assert len(first_day) == 1

    with time_machine.travel(at(2, 18, 0)):
        assert deliver_letters() == 1
        deliver()
        assert deliver_letters() == 0
        deliver()

    first, second = to_target()
    assert first is first_day[0]
    assert first.subject == f"3 letters from supporters: {campaign.title}"
    assert first.from_email == "campaigns@localhost"
    body = first.body
    assert "3 supporters have signed" in body
    for line in ("English: fewer than 10", "繁體中文: fewer than 10", "简体中文: fewer than 10"):
        assert line in body
    for letter in ("Respect the right to protest.", "請尊重和平集會的權利。", "请尊重集会自由。"):
        assert body.count(letter) == 1
    assert "陳大文 Lovelace (繁體中文" in body
    assert "ada@example.org" not in body  # the target gets names and messages, not addresses
    html = first.alternatives[0].content
    assert '<div lang="zh-Hant"' in html
    assert "請尊重和平集會的權利。" in html

    assert second.subject == f"1 letter from supporters: {campaign.title}"
    assert "Release the detained." in second.body
    assert "Respect the right to protest." not in second.body
    assert first.extra_headers["Message-ID"] != second.extra_headers["Message-ID"]

    deliveries = list(LetterDelivery.objects.order_by("queued_at"))
    assert [(d.mode, d.period, d.count, d.to_address) for d in deliveries] == [
        ("digest", datetime.date(2027, 3, 1), 3, TARGET),
        ("digest", datetime.date(2027, 3, 2), 1, TARGET),
    ]
    assert not CampaignSubmission.objects.filter(delivered_at__isnull=True).exists()
    later = CampaignSubmission.objects.get(supporter_key=supporter_key_of("later@example.org"))
    assert later.delivery == deliveries[1]
    assert later.delivered_at == at(2, 18)


@pytest.mark.django_db
def test_one_email_per_signature_mode(client, campaign, valid_post, deliver):
    set_target(campaign, mode="each")
    with time_machine.travel(at(1, 9)):
        sign(client, campaign, valid_post, "ada@example.org", "First letter.")
        sign(client, campaign, valid_post, "bo@example.org", "Second letter.", first_name="Bo")
        assert deliver_letters() == 2  # no need to wait for the digest hour
        assert deliver_letters() == 0
        deliver()

    letters = to_target()
    assert [message.subject for message in letters] == [
        f"A letter from a supporter: {campaign.title}"
    ] * 2
    assert "First letter." in letters[0].body
    assert "Second letter." not in letters[0].body
    assert "Bo Lovelace" in letters[1].body
    assert len({message.extra_headers["Message-ID"] for message in letters}) == 2
    assert LetterDelivery.objects.filter(mode="each", count=1).count() == 2


@pytest.mark.django_db
def test_unconfirmed_and_erased_signatures_are_not_delivered(
    client, target_campaign, valid_post, deliver
):
    with time_machine.travel(at(1, 9)):
        waiting = sign(client, target_campaign, valid_post, "wait@example.org", "Not yet.")
        erased = sign(client, target_campaign, valid_post, "gone@example.org", "Forget me.")
    # Double opt-in: the supporter has not followed the link yet.
    CampaignSubmission.objects.filter(pk=waiting.pk).update(confirmed_at=None)
    erased.anonymise(at(1, 10))

    with time_machine.travel(at(1, 18, 5)):
        assert deliver_letters() == 0
        deliver()
    assert to_target() == []

    CampaignSubmission.objects.filter(pk=waiting.pk).update(confirmed_at=at(1, 20))
    with time_machine.travel(at(2, 18, 5)):
        assert deliver_letters() == 1
        deliver()
    (message,) = to_target()
    assert "Not yet." in message.body
    assert "Forget me." not in message.body
    erased.refresh_from_db()
    assert erased.delivered_at is None


@pytest.mark.django_db
def test_no_target_address_sends_nothing(client, campaign, valid_post, deliver):
    assert campaign.target_address == ""
    with time_machine.travel(at(1, 9)):
        sign(client, campaign, valid_post, "ada@example.org", "Hello.")
    with time_machine.travel(at(1, 19)):
        assert deliver_letters() == 0
        deliver()
    assert mail.outbox  # the team's notification and the thank-you, nothing else
    assert all(message.to != [TARGET] for message in mail.outbox)
    # Only the team and the supporter (a copy of their own message, in the thank-you) read it.
    readers = [campaign.to_address, "ada@example.org"]
    assert "Hello." not in "".join(m.body for m in mail.outbox if m.to[0] not in readers)
    assert not LetterDelivery.objects.exists()
    assert CampaignSubmission.objects.get().delivered_at is None


@pytest.mark.django_db
def test_a_digest_already_sent_today_by_another_run_loses_no_letter(
    client, target_campaign, valid_post
):
    with time_machine.travel(at(1, 9)):
        sign(client, target_campaign, valid_post, "ada@example.org", "Hello.")
    # What a second scheduler that won the race leaves behind.
    LetterDelivery.objects.create(
        campaign_key=target_campaign.translation_key,
        mode="digest",
        period=datetime.date(2027, 3, 1),
        to_address=TARGET,
        count=0,
    )

    with time_machine.travel(at(1, 18, 5)):
        assert deliver_digest(target_campaign, datetime.date(2027, 3, 1), at(1, 18, 5)) == 0

    assert CampaignSubmission.objects.get().delivered_at is None
    assert LetterDelivery.objects.count() == 1
    with time_machine.travel(at(2, 18, 5)):
        assert deliver_letters() == 1


def make_letters(page, n, start=0):
    for i in range(start, start + n):
        CampaignSubmission.objects.create(
            page=page,
            form_data={"first_name": f"P{i}", "last_name": "X", "your_message": f"Letter {i}"},
            supporter_key=supporter_key_of(f"p{i}@example.org"),
        )


@pytest.mark.django_db
def test_the_job_costs_the_same_queries_for_three_letters_or_thirty(target_campaign):
    with CaptureQueriesContext(connection) as idle:
        deliver_letters(now=at(1, 12))
    assert len(idle) <= 2  # campaigns with a target, digests sent today

    make_letters(target_campaign, 3)
    with CaptureQueriesContext(connection) as few:
        assert deliver_letters(now=at(1, 18, 1)) == 3
    make_letters(target_campaign, 30, start=100)
    with CaptureQueriesContext(connection) as after_todays_digest:
        assert deliver_letters(now=at(1, 23)) == 0  # waits for tomorrow's
    assert len(after_todays_digest) <= 2
    with CaptureQueriesContext(connection) as many:
        assert deliver_letters(now=at(2, 18, 1)) == 30
    assert len(few) == len(many)


# --- the campaign's settings ---------------------------------------------------------------


def test_editors_set_the_target_on_the_email_tab(admin_client, campaign):
    from bs4 import BeautifulSoup

    html = admin_client.get(f"/admin/pages/{campaign.pk}/edit/").content
    soup = BeautifulSoup(html, "html.parser")
    email_tab = soup.find(id="tab-email")
    assert email_tab["aria-labelledby"] == "tab-label-email"
    for name in ("target_address", "delivery_mode", "digest_hour"):
        assert email_tab.find(attrs={"name": name}) is not None, name
    assert "Delivery of letters to the target" in email_tab.get_text()


def test_every_language_shares_the_target(campaign, zh_campaigns):
    set_target(campaign, mode="each", hour=9)

    for page in zh_campaigns.values():
        page.refresh_from_db()
        assert (page.target_address, page.delivery_mode, page.digest_hour) == (TARGET, "each", 9)


@pytest.mark.django_db
def test_the_scheduler_delivers_the_letters(client, target_campaign, valid_post, deliver):
    from io import StringIO

    from django.core.management import call_command

    with time_machine.travel(at(1, 9)):
        sign(client, target_campaign, valid_post, "ada@example.org", "Hello from the queue.")
    out = StringIO()
    with time_machine.travel(at(1, 18, 1)):
        call_command("run_scheduled_publishing", stdout=out)
        deliver()

    assert "Delivery: queued 1 letter(s) to targets." in out.getvalue()
    (message,) = to_target()
    assert "Hello from the queue." in message.body


@pytest.mark.skipif(
    not connection.features.has_select_for_update_skip_locked,
    reason="SQLite serialises writers; there are no row locks to skip",
)
def test_letters_another_scheduler_holds_are_skipped_not_sent_twice(
    transactional_db, campaign, django_db_blocker
):
    import threading

    from django.db import connections, transaction

    set_target(campaign, mode="each")
    make_letters(campaign, 3)
    locked, release = threading.Event(), threading.Event()

    def other_scheduler():
        # Another run holds the two oldest letters in its transaction.
        with django_db_blocker.unblock(), transaction.atomic():
            held = CampaignSubmission.objects.order_by("submit_time", "pk")[:2]
            list(held.select_for_update())
            locked.set()
            release.wait(10)
        connections.close_all()

    thread = threading.Thread(target=other_scheduler)
    thread.start()
    try:
        assert locked.wait(10)
        assert deliver_letters() == 1  # the free one, at once, without waiting for the lock
    finally:
        release.set()
        thread.join()
    assert CampaignSubmission.objects.filter(delivered_at__isnull=False).count() == 1
    assert deliver_letters() == 2
    assert LetterDelivery.objects.count() == 3


@pytest.mark.django_db
def test_a_letter_leaves_only_once_its_supporter_confirms(client, campaign, valid_post, deliver):
    """Double opt-in, through the real confirmation link."""
    import re
    from urllib.parse import unquote

    campaign.require_confirmation = True
    set_target(campaign, mode="each")
    client.post(campaign.url, {**valid_post, "your_message": "Confirmed letter."}, follow=True)
    deliver()
    assert deliver_letters() == 0

    (confirmation,) = [m for m in mail.outbox if m.to == ["ada@example.org"]]
    link = re.search(r"http://testserver\S+\?confirm=\S+", confirmation.body).group(0)
    path, token = link.removeprefix("http://testserver").split("?confirm=")
    client.post(path, {"confirm": unquote(token)}, follow=True)

    assert deliver_letters() == 1
    deliver()
    (letter,) = to_target()
    assert "Confirmed letter." in letter.body


def test_a_form_labelled_in_chinese_still_signs_the_letter_with_the_name(campaign):
    from campaigns.models import CampaignFormField, CampaignSubmission
    from campaigns.team.letters import LetterFields

    campaign.form_fields.all().delete()
    for order, (label, kind) in enumerate(
        [
            ("姓名", "singleline"),
            ("城市", "singleline"),
            ("電郵", "email"),
            ("想說的話", "multiline"),
        ]
    ):
        CampaignFormField.objects.create(
            page=campaign, label=label, field_type=kind, sort_order=order, locale=campaign.locale
        )
    fields = {field.label: field.clean_name for field in campaign.form_fields.all()}
    submission = CampaignSubmission(
        page=campaign,
        form_data={
            fields["姓名"]: "陳大文",
            fields["城市"]: "香港",
            fields["電郵"]: "chan@example.org",
            fields["想說的話"]: "請尊重我們的權利。",
        },
        language="zh-hant",
    )

    letter = LetterFields.of(campaign).letter(submission)

    assert (letter.name, letter.message) == ("陳大文", "請尊重我們的權利。")


def test_a_letter_queued_then_erased_is_never_sent(client, campaign, valid_post, deliver):
    # One letter per signature, and the mail worker not yet run (an SMTP outage, say).
    from campaigns.team.data_protection import erase_supporter

    set_target(campaign, mode="each")
    with time_machine.travel(at(1, 10)):
        sign(client, campaign, valid_post, "ada@example.org", "Please release them.")
        deliver_letters()
    assert CampaignSubmission.objects.get().delivered_at is not None  # queued, not sent

    assert erase_supporter("ada@example.org") == 1
    deliver()

    assert to_target() == []
    from django_tasks_db.models import DBTaskResult

    assert not DBTaskResult.objects.filter(args_kwargs__kwargs__has_key="sealed").exists()


def test_an_erased_letter_is_taken_out_of_a_digest_not_yet_sent(
    client, campaign, valid_post, deliver
):
    from campaigns.team.data_protection import erase_supporter

    set_target(campaign, mode="digest", hour=18)
    with time_machine.travel(at(1, 10)):
        sign(client, campaign, valid_post, "ada@example.org", "Ada's letter.")
        sign(client, campaign, valid_post, "eve@example.org", "Eve's letter.", first_name="Eve")
    deliver()  # the thank-yous
    with time_machine.travel(at(1, 18, 5)):
        assert deliver_letters() == 2

    erase_supporter("eve@example.org")
    deliver()

    [digest] = to_target()
    assert "Ada's letter." in digest.body
    assert "Eve's letter." not in digest.body and "Eve Lovelace" not in digest.body
    assert "1 supporter has signed" in digest.body
