"""After a signature that waits for its supporter's confirmation (double opt-in): the confirmed
page offers the next steps, the thank-you email follows the confirmation (once), one reminder
goes to those who have not confirmed after a day, and "send the link again" on the "check your
email" page. Delivery goes through a real SMTP server on loopback where it is the point."""

import datetime
import email
import io
import re
import socket
from email import policy
from urllib.parse import unquote

import pytest
import time_machine
from aiosmtpd.controller import Controller
from bs4 import BeautifulSoup
from django.core.management import call_command
from django.utils import timezone, translation

from campaigns.models import CampaignSubmission


class Recorder:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(email.message_from_bytes(envelope.content, policy=policy.default))
        return "250 OK"

    def to(self, address):
        return [message for message in self.messages if message["To"] == address]


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def smtp(settings):
    """A real SMTP server on loopback, and the portal sending to it."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = free_port()
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_TIMEOUT = 2
    recorder = Recorder()
    server = Controller(recorder, hostname="127.0.0.1", port=settings.EMAIL_PORT)
    server.start()
    yield recorder
    server.stop()


@pytest.fixture
def confirming(campaign, zh_campaigns):
    campaign.require_confirmation = True
    campaign.save_revision().publish()  # reaches every translation at once
    return campaign


ADA = "ada@example.org"


def text_of(message):
    """The plain-text part of a received message."""
    return message.get_body(preferencelist=("plain",)).get_content()


def link_in(message):
    return re.search(r"http://testserver\S+\?confirm=\S+", text_of(message)).group(0)


def confirm(client, link):
    """As the button posts: the token in the form's address."""
    return client.post(link.removeprefix("http://testserver"), follow=True)


def sign(client, page, valid_post, address=ADA):
    response = client.post(page.url, {**valid_post, "email": address}, follow=True)
    assert response.redirect_chain == [(f"{page.url}thank-you/", 303)]
    return response


# --- the confirmed page offers the next steps --------------------------------------------------


def test_the_confirmed_page_shows_the_share_links_and_next_steps(
    client, confirming, valid_post, deliver, mailoutbox, django_assert_max_num_queries
):
    sign(client, confirming, valid_post)
    deliver()
    link = re.search(r"http://testserver\S+\?confirm=\S+", mailoutbox[0].body).group(0)

    with django_assert_max_num_queries(40):
        response = confirm(client, link)

    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.select_one("#confirm-heading").get_text() == "Your signature is confirmed"
    steps = [div["data-next-step"] for div in soup.select(".next-steps [data-next-step]")]
    assert steps[0] == "share"
    shared = [a["href"] for a in soup.select("section.share a.share__link")]
    assert shared, "no share links"
    # They share the campaign's address, not the link that confirmed a signature.
    assert all("confirm" not in href for href in shared)
    whatsapp = unquote(soup.select_one("a.share__link--whatsapp")["href"])
    assert f"http://testserver{confirming.url}?utm_source=whatsapp" in whatsapp
    # Below the answer.
    html = response.content.decode()
    assert html.index('id="confirm-heading"') < html.index('class="next-steps"')


# --- the thank-you email follows the confirmation, once ----------------------------------------


def test_the_thank_you_email_follows_the_confirmation_once(
    client, confirming, zh_campaigns, valid_post, deliver, smtp
):
    page = zh_campaigns["zh-hant"]
    sign(client, page, valid_post)
    deliver()
    # Signing asks to confirm, and thanks for nothing yet.
    assert len(smtp.to(ADA)) == 1
    link = link_in(smtp.to(ADA)[0])
    assert "?confirm=" in link

    confirm(client, link)
    deliver()
    confirm(client, link)  # the link followed again
    deliver()

    thanks = smtp.to(ADA)[1:]
    assert len(thanks) == 1
    # In the language they signed in, with the campaign's share links and their letter.
    with translation.override("zh-hant"):
        assert thanks[0]["Subject"].strip() == page.thank_you_email_subject_or_default
    body = text_of(thanks[0])
    assert f"http://testserver{page.url}" in body
    assert "?confirm=" not in body
    assert "Please respect our rights." in body
    assert len(smtp.to(confirming.to_address)) == 1  # the team, told once


def test_two_confirmations_at_once_send_one_thank_you(
    client, confirming, valid_post, deliver, smtp, monkeypatch
):
    from campaigns.signing import confirmation

    sign(client, confirming, valid_post)
    deliver()
    link = link_in(smtp.to(ADA)[0])
    confirm(client, link)

    # A second request that read the signature before the first one confirmed it.
    read = confirmation.submission_for

    def read_before(token, page):
        submission = read(token, page)
        submission.confirmed_at = None
        return submission

    monkeypatch.setattr(confirmation, "submission_for", read_before)
    response = confirm(client, link)
    deliver()

    assert "Your signature is confirmed" in response.content.decode()
    assert len(smtp.to(ADA)) == 2  # the link, then one thank-you
    assert len(smtp.to(confirming.to_address)) == 1


def test_no_thank_you_after_confirming_where_the_campaign_sends_none(
    client, confirming, valid_post, deliver, smtp
):
    confirming.send_thank_you_email = False
    confirming.save_revision().publish()
    sign(client, confirming, valid_post)
    deliver()
    confirm(client, link_in(smtp.to(ADA)[0]))
    deliver()

    assert len(smtp.to(ADA)) == 1  # the link only
    assert len(smtp.to(confirming.to_address)) == 1


# --- one reminder after a day --------------------------------------------------------------------


def run_scheduler():
    call_command("run_scheduled_publishing", stdout=io.StringIO())


def later(hours):
    return time_machine.travel(timezone.now() + datetime.timedelta(hours=hours), tick=False)


def test_one_reminder_after_a_day_in_their_language_with_a_new_link(
    client, confirming, zh_campaigns, valid_post, deliver, smtp
):
    page = zh_campaigns["zh-hant"]
    sign(client, page, valid_post)
    deliver()
    first_link = link_in(smtp.to(ADA)[0])

    with later(23):
        run_scheduler()  # not yet a day
        deliver()
    assert len(smtp.to(ADA)) == 1

    with later(25):
        run_scheduler()
        run_scheduler()  # the next minute: nothing more
        deliver()
        assert len(smtp.to(ADA)) == 2
        reminder = smtp.to(ADA)[1]
        with translation.override("zh-hant"):
            assert page.title in reminder["Subject"]
        assert reminder["Subject"].strip() != smtp.to(ADA)[0]["Subject"].strip()
        new_link = link_in(reminder)
        assert new_link != first_link and new_link.startswith(f"http://testserver{page.url}?")
        assert CampaignSubmission.objects.get().confirmation_reminded_at is not None

    with later(48):
        run_scheduler()
        deliver()
        assert len(smtp.to(ADA)) == 2  # once only
        confirm(client, new_link)  # the new link confirms
    assert CampaignSubmission.objects.get().confirmed_at is not None


def test_no_reminder_to_one_who_confirmed(client, confirming, valid_post, deliver, smtp):
    sign(client, confirming, valid_post, "confirmed@example.org")
    sign(client, confirming, valid_post, "waiting@example.org")
    deliver()
    confirm(client, link_in(smtp.to("confirmed@example.org")[0]))
    deliver()
    assert len(smtp.to("confirmed@example.org")) == 2  # the link, the thank-you

    with later(25):
        run_scheduler()
        deliver()

    assert len(smtp.to("confirmed@example.org")) == 2
    assert len(smtp.to("waiting@example.org")) == 2  # the link, the reminder


def test_no_reminder_once_the_action_has_closed(client, confirming, valid_post, deliver, smtp):
    sign(client, confirming, valid_post)
    deliver()
    confirming.action_closes_at = timezone.now() + datetime.timedelta(hours=12)
    confirming.save_revision().publish()

    with later(25):
        run_scheduler()
        deliver()

    assert len(smtp.to(ADA)) == 1
    assert CampaignSubmission.objects.get().confirmation_reminded_at is None


def test_no_reminder_after_the_unconfirmed_signature_is_deleted(
    client, confirming, valid_post, deliver, smtp
):
    sign(client, confirming, valid_post)
    deliver()

    with later(8 * 24):  # the scheduler was stopped all week
        run_scheduler()
        deliver()

    assert len(smtp.to(ADA)) == 1
    assert not CampaignSubmission.objects.exists()


def test_the_reminder_job_takes_one_query_when_nothing_is_due(
    client, confirming, valid_post, django_assert_num_queries
):
    from campaigns.team.reminders import remind_unconfirmed

    sign(client, confirming, valid_post)
    with django_assert_num_queries(1):
        assert remind_unconfirmed() == 0


# --- "send the link again" ---------------------------------------------------------------------

SENT_AGAIN = "If you signed with that address, we have sent the link again."


def send_again(client, page, address, **headers):
    return client.post(f"{page.url}thank-you/", {"email": address}, **headers)


def answer_of(response):
    soup = BeautifulSoup(response.content, "html.parser")
    return soup.select_one("section.resend [data-resend]")


def test_the_check_your_email_page_offers_the_form_and_stays_cacheable(
    client, confirming, valid_post
):
    response = sign(client, confirming, valid_post)
    soup = BeautifulSoup(response.content, "html.parser")
    form = soup.select_one("section.resend form")
    assert form["method"] == "post" and form["action"] == f"{confirming.url}thank-you/"
    assert form.select_one("input[type=email][name=email]")
    assert "ada@example.org" not in response.content.decode()  # shared by everyone
    assert "csrftoken" not in response.cookies


def test_the_link_is_sent_again_for_a_matching_address_only_with_the_same_answer(
    client, confirming, zh_campaigns, valid_post, deliver, smtp
):
    page = zh_campaigns["zh-hant"]
    sign(client, page, valid_post)
    deliver()
    assert len(smtp.to(ADA)) == 1

    matching = send_again(client, confirming, "  ADA@Example.org ")  # as typed, in English
    other = send_again(client, confirming, "nobody@example.org")
    deliver()

    assert matching.status_code == other.status_code == 200
    assert "no-store" in matching["Cache-Control"]
    assert answer_of(matching).get_text().startswith(SENT_AGAIN)
    assert answer_of(matching).get_text() == answer_of(other).get_text()
    assert len(smtp.messages) == 2  # the first link, and one again: none to the other address
    again = smtp.to(ADA)[1]
    with translation.override("zh-hant"):  # in the language they signed in
        assert f"：{page.title}" in again["Subject"]
    confirm(client, link_in(again))
    assert CampaignSubmission.objects.get().confirmed_at is not None

    # Confirmed: nothing more, and the same answer.
    confirmed = send_again(client, confirming, ADA)
    deliver()
    assert answer_of(confirmed).get_text() == answer_of(other).get_text()
    assert len(smtp.to(ADA)) == 3  # the link, again, the thank-you


def test_sending_again_is_limited_per_address(
    client, confirming, valid_post, deliver, smtp, settings
):
    sign(client, confirming, valid_post)
    deliver()
    limit = settings.CONFIRMATION_RESENDS_PER_ADDRESS_HOUR
    for _number in range(limit):
        assert send_again(client, confirming, ADA).status_code == 200
    over = send_again(client, confirming, ADA)
    deliver()

    assert over.status_code == 429
    assert answer_of(over)["data-resend"] == "too_many"
    assert len(smtp.to(ADA)) == 1 + limit  # the N+1th not sent
    # Limited whether or not the address signed: the limit tells nothing either.
    for _number in range(limit):
        send_again(client, confirming, "nobody@example.org")
    assert send_again(client, confirming, "nobody@example.org").status_code == 429

    with later(1.1):
        assert send_again(client, confirming, ADA).status_code == 200
        deliver()
    assert len(smtp.to(ADA)) == 2 + limit


def test_sending_again_is_limited_per_client(client, confirming, valid_post, settings):
    limit = settings.CONFIRMATION_RESENDS_PER_CLIENT_HOUR
    for number in range(limit):
        assert send_again(client, confirming, f"s{number}@example.org").status_code == 200
    assert send_again(client, confirming, "one-more@example.org").status_code == 429


def test_a_cross_site_post_sends_nothing(client, confirming, valid_post, deliver, smtp):
    sign(client, confirming, valid_post)
    deliver()

    refused = send_again(client, confirming, ADA, HTTP_ORIGIN="https://evil.example")
    deliver()

    assert refused.status_code == 403
    assert answer_of(refused)["data-resend"] == "refused"
    assert len(smtp.to(ADA)) == 1


@pytest.mark.parametrize("address", ["", "not an address", "a" * 400 + "@example.org"])
def test_a_bad_address_is_asked_again_never_a_500(client, confirming, address):
    response = send_again(client, confirming, address)
    assert response.status_code == 400
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.select_one("#resend-email-error")
    assert soup.select_one("#resend-email")["aria-invalid"] == "true"


def test_sending_again_takes_few_queries(
    client, confirming, valid_post, deliver, django_assert_max_num_queries
):
    sign(client, confirming, valid_post)
    with django_assert_max_num_queries(12):
        send_again(client, confirming, ADA)
