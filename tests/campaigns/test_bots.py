"""Bots, floods and hostile posts: reCAPTCHA, honeypot, fill time, rate limits, size caps."""

import time
import urllib.error
from unittest import mock

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.core import mail
from django.core.cache import cache
from django.test.client import FakePayload
from django_recaptcha.client import RecaptchaResponse

from campaigns.models import CampaignSubmission


def errors(response):
    soup = BeautifulSoup(response.content, "html.parser")
    return [li.get_text(" ", strip=True) for li in soup.select(".error-summary li")]


# --- reCAPTCHA -------------------------------------------------------------------------------


@pytest.fixture
def recaptcha(settings):
    settings.RECAPTCHA_ENABLED = True
    settings.RECAPTCHA_PUBLIC_KEY = "site-key-for-tests"
    settings.RECAPTCHA_PRIVATE_KEY = "secret-key-for-tests"
    with mock.patch("django_recaptcha.client.submit") as submit:
        yield submit


def test_valid_recaptcha_signs_and_the_token_is_never_kept(
    client, campaign, valid_post, recaptcha, deliver
):
    recaptcha.return_value = RecaptchaResponse(is_valid=True)

    client.post(campaign.url, {**valid_post, "g-recaptcha-response": "token-123"}, follow=True)
    deliver()

    submission = CampaignSubmission.objects.get()
    assert "recaptcha" not in submission.form_data
    assert "hp_started" not in submission.form_data and "hp_website" not in submission.form_data
    assert recaptcha.call_args.kwargs["recaptcha_response"] == "token-123"
    for message in mail.outbox:
        assert "token-123" not in message.body
        assert "token-123" not in message.alternatives[0][0]


@pytest.mark.parametrize(
    ("outcome", "message"),
    [
        (
            RecaptchaResponse(is_valid=False, error_codes=["invalid-input-response"]),
            "We could not confirm that you are not a robot.",
        ),
        (urllib.error.URLError("unreachable"), "We could not reach the service"),
        (urllib.error.URLError(TimeoutError("timed out")), "We could not reach the service"),
        (TimeoutError(), "We could not reach the service"),
    ],
    ids=["invalid", "unreachable", "slow", "timeout"],
)
def test_failed_recaptcha_stores_nothing_and_keeps_the_form(
    client, campaign, valid_post, recaptcha, outcome, message
):
    if isinstance(outcome, RecaptchaResponse):
        recaptcha.return_value = outcome
    else:
        recaptcha.side_effect = outcome

    response = client.post(
        campaign.url,
        {**valid_post, "first_name": "陳大文", "g-recaptcha-response": "t"},
        follow=True,
    )

    assert response.status_code == 200
    assert not CampaignSubmission.objects.exists()
    assert any(message in error for error in errors(response))
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.find(attrs={"name": "first_name"})["value"] == "陳大文"


def test_missing_recaptcha_answer_is_asked_for(client, campaign, valid_post, recaptcha):
    response = client.post(campaign.url, valid_post, follow=True)

    assert not CampaignSubmission.objects.exists()
    assert any("Please confirm that you are not a robot." in e for e in errors(response))
    recaptcha.assert_not_called()


@pytest.mark.parametrize(
    ("language", "hl"), [("en", "en"), ("zh-hant", "zh-HK"), ("zh-hans", "zh-CN")]
)
def test_widget_speaks_the_page_language(client, campaign, zh_campaigns, recaptcha, language, hl):
    page = campaign if language == "en" else zh_campaigns[language]

    html = client.get(page.url).content.decode()

    assert f"hl={hl}" in html
    assert 'data-sitekey="site-key-for-tests"' in html


def test_widget_can_load_from_recaptcha_net(client, campaign, recaptcha, settings):
    settings.RECAPTCHA_DOMAIN = "www.recaptcha.net"

    assert (
        "https://www.recaptcha.net/recaptcha/api.js" in client.get(campaign.url).content.decode()
    )


# --- Honeypot and fill time ------------------------------------------------------------------


def test_honeypot_is_hidden_from_people(client, campaign):
    soup = BeautifulSoup(client.get(campaign.url).content, "html.parser")

    trap = soup.find(attrs={"name": "hp_website"})
    assert trap["tabindex"] == "-1"
    assert trap.find_parent(class_="field--hp")["aria-hidden"] == "true"


# --- Refused floods ------------------------------------------------------------------------
# What is held for review rather than refused: tests/campaigns/test_quarantine.py.


@pytest.fixture
def rate_limits(settings):
    cache.clear()
    settings.SIGNING_COUNT_RATES = True
    settings.SIGNING_REFUSE_FACTOR = 1  # refused past the campaign's 10 a minute
    # The clock stands still: on a slow machine the posts could otherwise straddle the turn of
    # a minute and be counted in two windows (seen once in CI).
    with time_machine.travel(time.time(), tick=False):
        yield
    cache.clear()


def test_a_client_flooding_is_refused_with_a_page_that_says_so(
    client, campaign, valid_post, rate_limits
):
    responses = [
        client.post(campaign.url, {**valid_post, "email": f"p{n}@example.org"}, follow=True)
        for n in range(12)
    ]

    assert [r.status_code for r in responses] == [200] * 10 + [429] * 2
    assert CampaignSubmission.objects.count() == 10
    refused = responses[-1]
    assert refused["Retry-After"] == "60"
    assert "Please try again later" in refused.content.decode()


def test_rate_limit_page_is_translated(client, campaign, zh_campaigns, valid_post, rate_limits):
    for n in range(11):
        response = client.post(
            zh_campaigns["zh-hant"].url, {**valid_post, "email": f"z{n}@example.org"}, follow=True
        )

    assert response.status_code == 429
    assert "請稍後再試" in response.content.decode()


def test_other_addresses_can_still_sign(client, campaign, valid_post, rate_limits):
    for n in range(11):
        client.post(
            campaign.url,
            {**valid_post, "email": f"a{n}@example.org"},
            REMOTE_ADDR="10.0.0.1",
            follow=True,
        )

    response = client.post(
        campaign.url, {**valid_post, "email": "b@example.org"}, REMOTE_ADDR="10.1.0.2", follow=True
    )

    assert response.status_code == 200
    assert CampaignSubmission.objects.count() == 11
    assert not CampaignSubmission.objects.quarantined().exists()


# --- Size -------------------------------------------------------------------------------------


@pytest.fixture
def body_reads(monkeypatch):
    """Every read of a request's body in this test, in bytes asked for: the test client's
    stream stands where a socket would be."""
    reads = []
    read = FakePayload.read

    def spy(self, size=-1):
        reads.append(size)
        return read(self, size)

    monkeypatch.setattr(FakePayload, "read", spy)
    return reads


def test_a_normal_post_is_read(client, campaign, valid_post, body_reads):
    # The spy sees reads at all: without this, the tests below would pass with a blind spy.
    client.post(campaign.url, valid_post)
    assert body_reads
    assert CampaignSubmission.objects.count() == 1


@pytest.mark.parametrize("query", ["", "?confirm=token"])
def test_an_oversized_body_is_refused_before_it_is_read(
    client, campaign, valid_post, body_reads, query
):
    # Signature or confirmation, the size is checked on the headers alone, and a body that is
    # not a browser's form (the test client sends multipart) is never read. A browser's form is
    # read within what the front takes, and shown again: tests/campaigns/test_refusals.py.
    response = client.post(f"{campaign.url}{query}", {**valid_post, "your_message": "x" * 200_000})

    assert response.status_code == 413
    assert body_reads == []
    assert not CampaignSubmission.objects.exists()
    assert "Your message is too long" in response.content.decode()


def test_a_post_from_another_site_is_refused_before_it_is_read(
    client, campaign, valid_post, body_reads
):
    # Multipart: never read. A browser's form is shown again, unticked (test_refusals.py).
    response = client.post(campaign.url, valid_post, HTTP_ORIGIN="https://evil.example")

    assert response.status_code == 403
    assert body_reads == []
    assert not CampaignSubmission.objects.exists()


def test_a_garbled_length_is_refused_not_an_error(client, campaign, valid_post, body_reads):
    response = client.post(campaign.url, valid_post, CONTENT_LENGTH="12abc")

    assert response.status_code == 413
    assert body_reads == []


def test_control_characters_are_removed_and_chinese_and_emoji_kept(client, campaign, valid_post):
    client.post(
        campaign.url,
        {**valid_post, "first_name": "陳\x07大\x1b文", "your_message": "一\r\n二\x0b三 ✊🏽\t四"},
        follow=True,
    )

    data = CampaignSubmission.objects.get().form_data
    assert data["first_name"] == "陳大文"
    assert data["your_message"] == "一\n二三 ✊🏽\t四"
