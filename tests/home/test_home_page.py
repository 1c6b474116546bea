"""The home page: open campaigns to act on, closed ones apart, never drafts."""

import datetime

from bs4 import BeautifulSoup
from wagtail.models import PageViewRestriction

from tests.factories import CampaignPageFactory


def titles(section):
    return [a.get_text(strip=True) for a in section.select(".campaign-card__title a")]


def test_open_and_closed_campaigns_are_listed_apart_and_drafts_never(client, home):
    CampaignPageFactory(parent=home, title="Open one")
    CampaignPageFactory(parent=home, title="Closed one", closed=True)
    CampaignPageFactory(parent=home, title="A draft", live=False)
    private = CampaignPageFactory(parent=home, title="Private one")
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="x")
    unpublished = CampaignPageFactory(parent=home, title="Unpublished one")
    unpublished.unpublish()

    response = client.get(home.url)

    soup = BeautifulSoup(response.content, "html.parser")
    open_section = soup.find(attrs={"aria-labelledby": "open-campaigns-heading"})
    closed_section = soup.find(attrs={"aria-labelledby": "closed-campaigns-heading"})
    assert titles(open_section) == ["Open one"]
    assert titles(closed_section) == ["Closed one"]
    html = response.content.decode()
    for hidden in ("A draft", "Private one", "Unpublished one"):
        assert hidden not in html


def test_home_page_without_campaigns_says_so(client, home):
    soup = BeautifulSoup(client.get(home.url).content, "html.parser")

    assert "There are no open actions right now" in soup.get_text()
    assert soup.find(attrs={"aria-labelledby": "closed-campaigns-heading"}) is None


def test_root_redirects_to_a_language(client, home):
    response = client.get("/")

    assert response.status_code == 302
    assert response["Location"] == "/en/"


def test_dates_are_written_as_each_language_writes_them(client, home, translate, zh_homes):
    """British English (not Django's American 'Jan. 27, 2027'), Chinese with 年月日."""
    closes = datetime.datetime(2030, 1, 27, 18, 0, tzinfo=datetime.UTC)
    campaign = CampaignPageFactory(parent=home, title="Open one", action_closes_at=closes)
    translate(campaign, "zh-hant")

    english = BeautifulSoup(client.get(home.url).content, "html.parser")
    chinese = BeautifulSoup(client.get("/zh-hant/").content, "html.parser")

    # 18:00 UTC is the 28th in Hong Kong, the site's time zone.
    assert english.select_one(".campaign-card__status").get_text() == "Open until 28 January 2030"
    assert "2030年1月28日" in chinese.select_one(".campaign-card__status").get_text()


def test_the_home_page_describes_itself_to_search_engines(client, home):
    home.introduction = "<p>We stand with people whose <b>rights</b> are under threat.</p>"
    home.save_revision().publish()

    soup = BeautifulSoup(client.get(home.url).content, "html.parser")

    description = soup.find("meta", attrs={"name": "description"})["content"]
    assert description == "We stand with people whose rights are under threat."
