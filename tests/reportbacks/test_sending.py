"""An update reaches each opted-in supporter of its campaign once, in their language, through
the real outbox and a real SMTP server; no one else."""

import datetime
import re

import pytest
import time_machine
from django.utils import timezone

from campaigns.models import CampaignSubmission, OptIn, Suppression, Withdrawal
from reportbacks import sending
from reportbacks.models import Recipient, ReportBack, Status
from tests.conftest import supporter_key_of
from tests.peers import text_of

from .conftest import opt_in, sign, updates_in

pytestmark = pytest.mark.django_db


def send_now(update):
    sending.schedule(update, timezone.now())
    return sending.send_due()


def test_an_update_reaches_only_reachable_supporters_of_its_campaign_once_each(
    client, campaign, home, valid_post, signer, update, smtp, deliver
):
    from tests.factories import CampaignPageFactory, add_petition_fields

    other = CampaignPageFactory(parent=home, slug="other", title="Another campaign")
    add_petition_fields(other)
    other.save_revision().publish()

    signer(campaign, "kept@example.org")
    signer(campaign, "withdrawn@example.org").__class__.objects.filter(
        signature__supporter_key=supporter_key_of("withdrawn@example.org")
    ).withdraw(Withdrawal.PREFERENCES)
    signer(campaign, "unconfirmed@example.org", given=False)
    signer(campaign, "suppressed@example.org")
    Suppression.add(supporter_key_of("suppressed@example.org"), Suppression.Reason.BOUNCE)
    erased = signer(campaign, "erased@example.org")
    erased.signature.anonymise(timezone.now())
    sign(client, campaign, valid_post, email="no-opt-in@example.org")
    # Another campaign's supporter, opted in there only.
    valid_post.campaign_key = lambda: other.translation_key
    opt_in(sign(client, other, valid_post, email="elsewhere@example.org"))

    assert send_now(update) == 1
    assert sending.send_due() == 0  # the sender again: no one twice
    deliver()
    deliver()

    received = updates_in(smtp)
    assert [m["To"] for m in received] == ["kept@example.org"]
    assert received[0]["Subject"] == "The office replied"
    assert "The office has replied to your letters." in text_of(received[0])
    update.refresh_from_db()
    assert update.status == Status.SENT
    assert (update.recipients_count, update.sent_count) == (1, 1)


def test_one_person_who_signed_in_two_languages_gets_it_once(
    client, campaign, zh_campaigns, valid_post, update, smtp, deliver, translate
):
    english = opt_in(sign(client, campaign, valid_post, email="ada@example.org"))
    # Signing again on the Chinese page, spelt otherwise, is a repeat: the first signature
    # stands (one per person and campaign), in the language it was made in.
    response = client.post(zh_campaigns["zh-hant"].url, {**valid_post, "email": "Ada@Example.org"})
    assert response.status_code == 303
    assert CampaignSubmission.objects.get().pk == english.signature_id
    translate(update, "zh-hant", {"The office replied": "ZH subject"})

    send_now(update)
    assert sending.send_due() == 0
    deliver()
    deliver()

    assert [m["Subject"] for m in updates_in(smtp)] == ["The office replied"]
    assert Recipient.objects.count() == 1


def test_each_supporter_reads_it_in_the_language_they_signed_in(
    client, campaign, zh_campaigns, valid_post, update, smtp, deliver, translate
):
    opt_in(sign(client, campaign, valid_post, email="en@example.org"))
    opt_in(sign(client, zh_campaigns["zh-hant"], valid_post, email="hant@example.org"))
    opt_in(sign(client, zh_campaigns["zh-hans"], valid_post, email="hans@example.org"))
    translate(update, "zh-hant", {"The office replied": "HANT subject"})  # zh-hans: not translated

    send_now(update)
    deliver()

    by_address = {m["To"]: m for m in updates_in(smtp)}
    assert by_address["en@example.org"]["Subject"] == "The office replied"
    assert by_address["hant@example.org"]["Subject"] == "HANT subject"
    assert by_address["hans@example.org"]["Subject"] == "The office replied"  # the source's
    # The preferences link is in the supporter's language.
    assert "/zh-hant/preferences/" in text_of(by_address["hant@example.org"])
    assert "/zh-hans/preferences/" in text_of(by_address["hans@example.org"])
    assert "/en/preferences/" in text_of(by_address["en@example.org"])
    assert 'lang="zh-hant"' in by_address["hant@example.org"].get_body(("html",)).get_content()


def test_a_supporter_withdrawn_after_the_start_is_not_written_to(
    campaign, signer, update, smtp, deliver
):
    gone = signer(campaign, "gone@example.org")
    signer(campaign, "kept@example.org")
    send_now(update)  # queued; the worker has not written them yet
    OptIn.objects.filter(pk=gone.pk).withdraw(Withdrawal.PREFERENCES)
    deliver()
    assert [m["To"] for m in updates_in(smtp)] == ["kept@example.org"]
    assert Recipient.objects.filter(skipped_at__isnull=False).count() == 1


def test_the_rate_holds(campaign, signer, update, settings, smtp, deliver):
    settings.REPORT_BACK_EMAILS_PER_MINUTE = 3
    for number in range(7):
        signer(campaign, f"s{number}@example.org")
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        sending.schedule(update, start)
        assert sending.send_due() == 3
    with time_machine.travel(start + datetime.timedelta(seconds=30), tick=False):
        assert sending.send_due() == 0  # three in the last minute already
    with time_machine.travel(start + datetime.timedelta(seconds=61), tick=False):
        assert sending.send_due() == 3
    with time_machine.travel(start + datetime.timedelta(seconds=122), tick=False):
        assert sending.send_due() == 1
        update.refresh_from_db()
        assert update.status == Status.SENT
    deliver()
    assert len(updates_in(smtp)) == 7


def test_a_scheduled_update_waits_for_its_time(campaign, signer, update):
    signer(campaign, "ada@example.org")
    when = timezone.now() + datetime.timedelta(hours=2)
    sending.schedule(update, when)
    assert sending.send_due() == 0
    assert ReportBack.objects.get(pk=update.pk).status == Status.SCHEDULED
    with time_machine.travel(when + datetime.timedelta(seconds=1)):
        assert sending.send_due() == 1


def test_the_scheduler_sends_due_updates(campaign, signer, update):
    from django.core.management import call_command

    signer(campaign, "ada@example.org")
    sending.schedule(update, timezone.now())
    call_command("run_scheduled_publishing", verbosity=0)
    assert Recipient.objects.filter(queued_at__isnull=False).count() == 1


def test_the_senders_queries_are_bounded(campaign, signer, update, django_assert_max_num_queries):
    for number in range(30):
        signer(campaign, f"s{number}@example.org")
    sending.schedule(update, timezone.now())
    with django_assert_max_num_queries(25):
        assert sending.send_due() == 30


def test_the_workers_queries_are_bounded(
    campaign, signer, update, smtp, deliver, django_assert_max_num_queries
):
    for number in range(30):
        signer(campaign, f"s{number}@example.org")
    deliver()  # the thank-you emails of signing
    smtp.messages.clear()
    send_now(update)
    # One UPDATE per email as the server takes it (HandedOver: a worker that dies mid-batch
    # is not followed by a second copy); everything else once per batch.
    with django_assert_max_num_queries(30 + 20):
        deliver()
    assert len(updates_in(smtp)) == 30


def test_every_update_carries_one_click_unsubscribe(campaign, signer, update, smtp, deliver):
    signer(campaign, "ada@example.org")
    send_now(update)
    deliver()
    (message,) = updates_in(smtp)
    assert re.fullmatch(
        r"<http://testserver/unsubscribe/[^/]+/>", message["List-Unsubscribe"].strip()
    )
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert message["Auto-Submitted"] == "auto-generated"
    assert "ada@example.org" not in message["List-Unsubscribe"]


def test_the_thank_you_email_is_unchanged(client, campaign, valid_post, smtp, deliver):
    sign(client, campaign, valid_post)
    deliver()
    assert smtp.messages
    assert all(m["List-Unsubscribe"] is None for m in smtp.messages)


def test_the_words_sent_are_those_of_when_sending_began(
    client, campaign, zh_campaigns, valid_post, update, smtp, deliver, translate
):
    """Edited, re-translated or translated anew while being sent: every supporter still gets
    what was previewed when sending began, in their language."""
    opt_in(sign(client, campaign, valid_post, email="en@example.org"))
    opt_in(sign(client, zh_campaigns["zh-hant"], valid_post, email="hant@example.org"))
    opt_in(sign(client, zh_campaigns["zh-hans"], valid_post, email="hans@example.org"))
    translate(update, "zh-hant", {"The office replied": "政府已回覆"})

    send_now(update)  # queued; the worker writes each email when it sends it
    update.subject, update.body = "Changed", "Changed words."
    update.save()
    translate(update, "zh-hant", {"Changed": "已更改"})
    translate(update, "zh-hans", {"Changed": "已更改"})  # no zh-hans words when it began
    deliver()

    by_address = {m["To"]: m for m in updates_in(smtp)}
    assert by_address["en@example.org"]["Subject"] == "The office replied"
    assert "The office has replied to your letters." in text_of(by_address["en@example.org"])
    assert by_address["hant@example.org"]["Subject"] == "政府已回覆"
    assert by_address["hans@example.org"]["Subject"] == "The office replied"  # the source's
    assert not any(
        "Changed" in text_of(m) or "已更改" in m["Subject"] for m in by_address.values()
    )
    update.refresh_from_db()
    assert set(update.sent_words) == {"en", "zh-hant"}
