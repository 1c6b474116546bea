"""A refused signature loses nothing typed: the campaign page again, status kept, the form filled
in and the reason at its top; nothing stored (campaigns.signing.refusals, .guards)."""

import time
from urllib.parse import urlencode

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.core.cache import cache
from django.test.client import FakePayload
from hypothesis import HealthCheck, given, settings

from campaigns.models import CampaignSubmission
from campaigns.signing.text import clean_text
from tests.campaigns.test_any_text import TEXT

LETTER = "Dear Chief Executive,\nI have changed this letter: 請釋放他們。\n<b>& my own words</b>"
FORM = "application/x-www-form-urlencoded"


def browser_post(client, url, data, **headers):
    """As a browser sends the form: URL-encoded (the test client's default is multipart)."""
    return client.post(url, urlencode(data, doseq=True), content_type=FORM, **headers)


def typed(valid_post, **changes):
    return {**valid_post, "first_name": "陳大文", "your_message": LETTER, **changes}


def soup_of(response):
    return BeautifulSoup(response.content, "html.parser")


def value_of(soup, name):
    widget = soup.find(attrs={"name": name})
    if widget.name == "textarea":
        return widget.get_text().removeprefix("\n")  # Django writes a newline first
    return widget.get("value", "")  # Django writes no value for an empty one


def notice(soup):
    summary = soup.select_one(".action-form .error-summary")
    assert summary["role"] == "alert" and summary["tabindex"] == "-1"
    assert "data-focus-on-load" in summary.attrs
    return summary.get_text(" ", strip=True)


def assert_form_filled(soup, data):
    assert value_of(soup, "first_name") == data["first_name"]
    assert value_of(soup, "email") == data["email"]
    assert value_of(soup, "your_message") == data["your_message"]
    assert soup.title.get_text().startswith("Error: ")
    # A form token of its own, never the one posted; the trap empty.
    token = soup.find(attrs={"name": "form_token"})["value"]
    assert token and token != data["form_token"]
    assert not soup.find(attrs={"name": "hp_website"}).get("value")


# --- Another website --------------------------------------------------------------------------


def test_a_post_from_another_site_shows_the_form_again_and_ticks_nothing(
    client, campaign, valid_post
):
    data = typed(valid_post, hp_website="https://ada.example.org")  # autofill filled the trap

    response = browser_post(client, campaign.url, data, HTTP_ORIGIN="https://forger.example")

    assert response.status_code == 403
    assert CampaignSubmission.objects.count() == 0
    soup = soup_of(response)
    assert_form_filled(soup, data)
    text = notice(soup)
    assert "This form was sent from another website" in text
    assert "check every answer before you sign" in text
    # Consent is the supporter's to give, on our page: the forger's tick is not kept.
    assert data["i_agree_to_be_contacted"] == "on"
    assert not soup.find(attrs={"name": "i_agree_to_be_contacted"}).has_attr("checked")
    # No error is claimed for what the supporter has not sent.
    assert soup.select(".field__error") == []


def test_a_cross_site_post_ticks_no_box_of_a_group_either(client, campaign, valid_post):
    from tests.factories import CampaignFormFieldFactory

    CampaignFormFieldFactory(
        page=campaign, sort_order=99, label="Topics", field_type="checkboxes", choices="A\nB"
    )
    campaign.save_revision().publish()

    response = browser_post(
        client, campaign.url, {**valid_post, "topics": ["A", "B"]}, HTTP_ORIGIN="null"
    )

    assert response.status_code == 403
    boxes = soup_of(response).find_all(attrs={"name": "topics"})
    assert len(boxes) == 2 and not any(box.has_attr("checked") for box in boxes)


@given(name=TEXT, message=TEXT)
@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_any_text_comes_back_as_text_in_the_refused_form(
    client, campaign, valid_post, name, message
):
    response = browser_post(
        client,
        campaign.url,
        {**valid_post, "first_name": name, "your_message": message},
        HTTP_ORIGIN="https://forger.example",
    )

    assert response.status_code == 403
    soup = soup_of(response)
    # Read back by an HTML parser as the very text (less what is never kept: campaigns.signing.
    # text): nothing of it became markup, and the page still has one form and one body.
    assert value_of(soup, "first_name") == clean_text(name)
    assert value_of(soup, "your_message") == clean_text(message)
    assert len(soup.find_all("form")) == 1 and len(soup.find_all("body")) == 1
    assert soup.find("script", string=True) is None
    assert CampaignSubmission.objects.count() == 0


# --- Too large --------------------------------------------------------------------------------


@pytest.fixture
def body_reads(monkeypatch):
    reads = []
    read = FakePayload.read

    def spy(self, size=-1):
        reads.append(size)
        return read(self, size)

    monkeypatch.setattr(FakePayload, "read", spy)
    return reads


def test_a_letter_too_long_comes_back_with_an_error_on_it(client, campaign, valid_post, settings):
    # Larger than a signature can be (9 bytes a character, URL-encoded), read by the front.
    letter = "請釋放他們" * 3000
    data = typed(valid_post, your_message=letter)
    assert len(urlencode(data)) > settings.SIGNING_MAX_BODY_BYTES

    response = browser_post(client, campaign.url, data)

    assert response.status_code == 413
    assert CampaignSubmission.objects.count() == 0
    soup = soup_of(response)
    assert_form_filled(soup, data)
    assert "Your message is too long" in notice(soup)
    assert "shorten what is marked, then send it again" in notice(soup)
    error = soup.find(id="id_your_message_error").get_text(strip=True)
    assert error == "Error:Your message must be 5000 characters or fewer"
    assert soup.select_one(".error-summary a[href='#id_your_message']") is not None
    assert soup.find(attrs={"name": "your_message"})["aria-invalid"] == "true"
    # Posted from our own page: the supporter's own tick stays.
    assert soup.find(attrs={"name": "i_agree_to_be_contacted"}).has_attr("checked")
    # The other fields were not too long and say nothing.
    assert len(soup.select(".field__error")) == 1


def test_text_inputs_and_the_letter_say_how_long_they_may_be(client, campaign):
    soup = soup_of(client.get(campaign.url))

    assert soup.find(attrs={"name": "your_message"})["maxlength"] == "5000"
    assert soup.find(attrs={"name": "first_name"})["maxlength"] == "255"
    assert soup.find(attrs={"name": "email"})["maxlength"] == "254"


@pytest.mark.parametrize(
    ("size", "content_type"),
    [(2 * 1024 * 1024, FORM), (200_000, "multipart/form-data; boundary=BoUnDaRy")],
    ids=["beyond-what-the-front-takes", "not-a-browser-form"],
)
def test_a_body_not_to_parse_is_never_read_and_still_gets_the_page(
    client, campaign, body_reads, size, content_type
):
    response = client.post(campaign.url, b"x" * size, content_type=content_type)

    assert response.status_code == 413
    assert body_reads == []
    soup = soup_of(response)
    assert "Please shorten your message and send it again." in notice(soup)
    assert value_of(soup, "first_name") == ""  # the form as it first was
    assert CampaignSubmission.objects.count() == 0


def test_too_many_fields_get_the_page_not_an_error(client, campaign, valid_post):
    data = {**valid_post, **{f"f{n}": "x" * 30 for n in range(6000)}}

    response = browser_post(client, campaign.url, data)

    assert response.status_code == 413
    assert "Please shorten your message" in notice(soup_of(response))
    assert CampaignSubmission.objects.count() == 0


def test_a_refused_confirmation_gets_a_page_of_its_own(client, campaign):
    response = client.post(f"{campaign.url}?confirm=x", {"a": "b"}, HTTP_ORIGIN="null")

    assert response.status_code == 403
    assert "This form was sent from another website" in response.content.decode()
    assert soup_of(response).find("form") is None


def test_a_refused_post_to_a_closed_action_gets_the_closure(client, campaign, valid_post):
    from django.utils import timezone

    campaign.action_closes_at = timezone.now() - timezone.timedelta(minutes=1)
    campaign.save_revision().publish()

    response = browser_post(client, campaign.url, valid_post, HTTP_ORIGIN="null")

    assert response.status_code == 403
    assert "This action has closed" in response.content.decode()


# --- Too many ---------------------------------------------------------------------------------


@pytest.fixture
def rate_limits(settings):
    cache.clear()
    settings.SIGNING_COUNT_RATES = True
    settings.SIGNING_REFUSE_FACTOR = 1  # refused past the campaign's 10 a minute
    with time_machine.travel(time.time(), tick=False):
        yield
    cache.clear()


def test_too_many_from_one_connection_comes_back_filled_in(
    client, campaign, valid_post, rate_limits
):
    for n in range(10):
        browser_post(client, campaign.url, {**valid_post, "email": f"p{n}@example.org"})
    assert CampaignSubmission.objects.count() == 10

    data = typed(valid_post, email="eleventh@example.org")
    response = browser_post(client, campaign.url, data)

    assert response.status_code == 429
    assert response["Retry-After"] == "60"
    assert CampaignSubmission.objects.count() == 10
    soup = soup_of(response)
    assert_form_filled(soup, data)
    text = notice(soup)
    assert "Please try again later" in text
    assert "wait a minute, then send it again" in text
    assert soup.find(attrs={"name": "i_agree_to_be_contacted"}).has_attr("checked")
    assert soup.select(".field__error") == []


def test_a_refused_post_costs_no_more_queries_than_a_form_with_errors(
    client, campaign, valid_post
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    browser_post(client, campaign.url, {**valid_post, "email": ""})  # warm the caches
    with CaptureQueriesContext(connection) as errors:
        browser_post(client, campaign.url, {**valid_post, "email": ""})
    with CaptureQueriesContext(connection) as refused:
        response = browser_post(client, campaign.url, valid_post, HTTP_ORIGIN="null")

    assert response.status_code == 403
    assert len(refused) <= len(errors), [q["sql"] for q in refused.captured_queries]
