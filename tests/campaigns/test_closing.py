"""Once `action_closes_at` has passed: the closure notice instead of the form, nothing stored."""

import datetime

import time_machine
from bs4 import BeautifulSoup
from django.core import mail
from django.utils import timezone

from campaigns.models import CampaignSubmission

CLOSES = datetime.datetime(2026, 3, 1, 12, 0, tzinfo=datetime.UTC)


def close_at(page, moment):
    page.action_closes_at = moment
    page.save_revision().publish()


def test_open_page_shows_the_form_and_not_the_notice(client, campaign):
    close_at(campaign, CLOSES)

    with time_machine.travel(CLOSES - datetime.timedelta(seconds=1)):
        soup = BeautifulSoup(client.get(campaign.url).content, "html.parser")

    assert soup.find("form", class_="action-form") is not None
    assert soup.find(class_="block-closure-notice") is None


def test_closed_page_shows_the_notice_and_no_form(client, campaign):
    close_at(campaign, CLOSES)

    with time_machine.travel(CLOSES):
        soup = BeautifulSoup(client.get(campaign.url).content, "html.parser")

    assert soup.find("form") is None
    notice = soup.find(class_="block-closure-notice")
    assert notice.find("h2").get_text() == "Closed"
    assert "Thanks, it is over." in notice.get_text()


def test_post_after_closing_stores_nothing_and_says_why(client, campaign, valid_post, deliver):
    close_at(campaign, CLOSES)

    with time_machine.travel(CLOSES + datetime.timedelta(seconds=1)):
        response = client.post(campaign.url, valid_post, follow=True)
        deliver()

    assert response.status_code == 200
    assert not CampaignSubmission.objects.exists()
    assert mail.outbox == []
    soup = BeautifulSoup(response.content, "html.parser")
    alert = soup.find(role="alert")
    assert "This action has closed, so your signature was not recorded" in alert.get_text()
    assert soup.find(class_="block-closure-notice") is not None
    assert soup.find("form") is None


def test_closure_notice_links_to_other_open_campaigns_in_the_same_language(client, campaign, home):
    from tests.factories import CampaignPageFactory

    open_one = CampaignPageFactory(parent=home, title="Still open")
    CampaignPageFactory(parent=home, title="Closed too", closed=True)
    close_at(campaign, timezone.now() - datetime.timedelta(minutes=1))

    soup = BeautifulSoup(client.get(campaign.url).content, "html.parser")

    links = soup.find(class_="other-campaigns").find_all("a")
    assert [link["href"] for link in links] == [open_one.url]


def test_other_campaigns_closing_soonest_first_and_those_without_a_date_last(campaign, home):
    """The same order on SQLite (NULL first) and PostgreSQL (NULL last)."""
    from tests.factories import CampaignPageFactory

    no_date = CampaignPageFactory(parent=home, title="No closing date")
    later = CampaignPageFactory(parent=home, title="Later")
    close_at(later, timezone.now() + datetime.timedelta(days=20))
    sooner = CampaignPageFactory(parent=home, title="Sooner")
    close_at(sooner, timezone.now() + datetime.timedelta(days=2))

    assert campaign.other_open_campaigns == [sooner, later, no_date]


def test_reopening_by_moving_the_date_later(client, campaign, valid_post):
    close_at(campaign, timezone.now() - datetime.timedelta(minutes=1))
    client.post(campaign.url, valid_post, follow=True)
    assert not CampaignSubmission.objects.exists()

    close_at(campaign, timezone.now() + datetime.timedelta(days=1))
    client.post(campaign.url, valid_post, follow=True)

    assert CampaignSubmission.objects.count() == 1


def test_a_closed_action_has_no_thank_you_page(client, campaign):
    close_at(campaign, CLOSES)
    thank_you = f"{campaign.url}thank-you/"

    with time_machine.travel(CLOSES - datetime.timedelta(seconds=1)):
        assert client.get(thank_you).status_code == 200
    with time_machine.travel(CLOSES):
        response = client.get(thank_you)

    # Sent to the page itself, which says the action has closed.
    assert response.status_code == 302
    assert response["Location"] == campaign.url
