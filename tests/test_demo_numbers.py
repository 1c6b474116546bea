"""The demo's numbers agree: what its pages say in words ("more than 12,000 people signed")
against the count they show, in every language; home leads with a campaign people have signed."""

import re

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from django.test import Client

from campaigns.models import CampaignPage, SignatureTally

LANGUAGES = ("en", "zh-hant", "zh-hans")
# "More than 12,000 people", "超過12,000人", "超过12,000人".
MORE_THAN = re.compile(r"(?:More than|超過|超过)\s*([\d,]+)")
NUMBER = re.compile(r"\d[\d,]*")


def number(text):
    return int(text.replace(",", ""))


def numbers(text):
    return [number(found) for found in NUMBER.findall(text)]


@pytest.fixture
def demo(db):
    call_command("load_demo", verbosity=0)


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_number_a_demo_page_states_agrees_with_its_count(demo, language):
    client = Client()
    pages = CampaignPage.objects.live().filter(locale__language_code=language)
    assert pages.count() == 3
    for page in pages:
        html = BeautifulSoup(client.get(page.url).content, "html.parser")
        tally = SignatureTally.objects.get(pk=page.translation_key).total
        progress = html.select_one(".hero .signature-progress")
        count_text = progress.select_one(".signature-progress__count").get_text(" ", strip=True)
        shown, goal = numbers(count_text)
        assert shown == tally > 0, page.slug  # no demo campaign shows 0
        assert goal == page.current_goal
        message = progress.select_one(".signature-progress__message")
        if page.reached_goal:  # "We reached 2,000 signatures! Help us reach 5,000."
            assert numbers(message.get_text()) == [page.reached_goal, goal]
            assert page.reached_goal <= shown < goal
        for progress in html.select(".signature-progress"):
            progress.decompose()
        # What the story and the closure notice say in words, against the count.
        stated = MORE_THAN.findall(html.select_one("main").get_text(" "))
        if page.slug == "end-forced-evictions":
            assert stated, "the closure notice says how many signed"
        for more_than in stated:
            assert shown > number(more_than), (page.slug, more_than, shown)


@pytest.mark.parametrize("language", LANGUAGES)
def test_home_leads_with_a_campaign_people_have_signed(demo, language):
    html = BeautifulSoup(Client().get(f"/{language}/").content, "html.parser")
    cards = html.select(".campaign-card")
    assert len(cards) == 3
    for card in cards:
        count = card.select_one(".signature-progress__count").get_text(" ", strip=True)
        assert numbers(count) and numbers(count)[0] > 0, count
