"""Momentum: a goal that steps up (100, 200, 500, 1,000, ...) when it is reached, if the editor
chooses, shown the same on the page, the home cards, the counter, the embedded form and the
open data."""

import json

import pytest
from bs4 import BeautifulSoup
from hypothesis import given
from hypothesis import strategies as st

from campaigns.models import PaperSignatures
from campaigns.models.goals import reached_step, stepped_goal
from campaigns.team.tally import tally_signatures

SERIES = {factor * 10**power for factor in (1, 2, 5) for power in range(2, 12)}

counts = st.integers(min_value=0, max_value=10**10)
goals = st.none() | st.integers(min_value=1, max_value=10**10)


@given(goal=goals, count=counts, more=st.integers(min_value=0, max_value=10**9))
def test_the_stepped_goal_is_above_the_count_from_the_series_and_never_goes_down(
    goal, count, more
):
    shown = stepped_goal(goal, count)
    assert shown > count
    if goal is None or count >= goal:
        assert shown in SERIES
        reached = reached_step(goal, count)
        assert reached is None or reached <= count < shown
    else:
        assert shown == goal  # the editor's goal until it is reached
        assert reached_step(goal, count) is None
    assert stepped_goal(goal, count + more) >= shown


def test_the_first_steps():
    assert [stepped_goal(None, n) for n in (0, 99, 100, 199, 200, 499, 500, 999, 1000)] == [
        100, 100, 200, 200, 500, 500, 1000, 1000, 2000,
    ]  # fmt: skip
    assert stepped_goal(300, 350) == 500
    assert reached_step(300, 350) == 300
    assert reached_step(300, 1200) == 1000


def progress(html):
    block = html.select_one(".signature-progress")
    message = block.select_one(".signature-progress__message")
    bar = block.select_one("[role=progressbar]")
    return {
        "text": block.select_one(".signature-progress__count").get_text(" ", strip=True),
        "max": bar["aria-valuemax"] if bar else None,
        "message": message.get_text(" ", strip=True) if message else None,
        "live": block.select("[aria-live]"),
    }


def with_count(campaign, count, goal=100, raise_goal=True):
    campaign.signature_goal = goal
    campaign.raise_goal_when_reached = raise_goal
    campaign.save_revision().publish()
    PaperSignatures.objects.create(page=campaign, count=count)
    tally_signatures()


@pytest.mark.parametrize(
    ("count", "text", "goal", "message"),
    [
        (99, "99 signatures of 100", "100", None),
        (100, "100 signatures of 200", "200", "We reached 100 signatures! Help us reach 200."),
        (101, "101 signatures of 200", "200", "We reached 100 signatures! Help us reach 200."),
        (
            999,
            "999 signatures of 1,000",
            "1000",
            "We reached 500 signatures! Help us reach 1,000.",
        ),
        (
            1000,
            "1,000 signatures of 2,000",
            "2000",
            "We reached 1,000 signatures! Help us reach 2,000.",
        ),
    ],
)
def test_the_goal_steps_up_at_the_boundaries(client, campaign, home, count, text, goal, message):
    with_count(campaign, count)
    embed = client.get(f"{campaign.url}embed/")
    counter = client.get(f"/en/embed/{campaign.translation_key}/")
    home_html = BeautifulSoup(client.get(home.url).content, "html.parser")
    shown = [
        progress(BeautifulSoup(client.get(campaign.url).content, "html.parser")),
        progress(home_html.select_one(".campaign-card")),
        progress(BeautifulSoup(counter.content, "html.parser")),
        progress(BeautifulSoup(embed.content, "html.parser")),
    ]
    for each in shown:
        assert each["text"] == text
        assert each["max"] == goal
        assert each["message"] == message
        # Nothing updates the count without a reload: plain text, not a live region.
        assert each["live"] == []
    data = json.loads(client.get("/api/campaigns.json").content)
    assert data["campaigns"][0]["goal"] == int(goal)


def test_without_the_choice_the_goal_stays_the_editors(client, campaign):
    with_count(campaign, 150, raise_goal=False)
    shown = progress(BeautifulSoup(client.get(campaign.url).content, "html.parser"))
    assert shown["text"] == "150 signatures of 100"
    assert shown["message"].startswith("Goal reached!")


def test_without_a_goal_the_first_step_above_the_count_is_shown(client, campaign):
    with_count(campaign, 230, goal=None)
    shown = progress(BeautifulSoup(client.get(campaign.url).content, "html.parser"))
    assert shown["text"] == "230 signatures of 500"
    assert shown["message"] == "We reached 200 signatures! Help us reach 500."


def test_the_choice_is_shared_by_every_translation(campaign, zh_campaigns):
    campaign.raise_goal_when_reached = True
    campaign.save_revision().publish()
    for page in zh_campaigns.values():
        page.refresh_from_db()
        assert page.raise_goal_when_reached is True
