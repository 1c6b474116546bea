"""The ask within reach and the answer first: the hero's link to the form, the form once in the
page, its address, a title per state, and the count a supporter sees after signing including
their own signature (tests/browser/test_layout.py checks where things are on a screen)."""

import datetime
from collections import Counter

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.core import mail
from django.utils import timezone

from campaigns.models import CampaignSubmission, SignatureTally
from campaigns.team.tally import tally_signatures
from tests.campaigns.test_block_cache import read_again
from tests.campaigns.test_confirmation import confirm_page, link_in
from tests.campaigns.test_counts import sign_rows
from tests.factories import CampaignPageFactory, add_petition_fields, complete

LANGUAGES = ("en", "zh-hant", "zh-hans")


def soup_of(response):
    return BeautifulSoup(response.content, "html.parser")


def title_of(response):
    return soup_of(response).title.get_text()


def count_shown(response):
    return soup_of(response).select_one(".signature-progress__count").get_text(" ", strip=True)


def pages_in(campaign, zh_campaigns):
    return {"en": campaign, **zh_campaigns}


# --- The ask within reach ---------------------------------------------------------------------


def test_the_hero_links_to_the_form_which_is_in_the_page_once(client, campaign):
    soup = soup_of(client.get(campaign.url))

    sign = soup.select_one(".hero a.button")
    assert sign["href"] == "#take-action"
    assert sign.get_text(strip=True) == "Sign now"  # the action form block's button label
    assert len(soup.select("#take-action")) == 1
    assert len(soup.select("form.action-form")) == 1
    ids = Counter(tag["id"] for tag in soup.select("[id]"))
    assert [name for name, n in ids.items() if n > 1] == []
    # In the column beside the story.
    assert soup.select_one(".campaign-layout__action #take-action form.action-form")


def test_no_link_to_a_form_that_is_closed_or_absent(client, home, campaign):
    campaign.action_closes_at = timezone.now() - datetime.timedelta(minutes=1)
    campaign.save_revision().publish()
    closed = soup_of(client.get(campaign.url))
    assert closed.select_one(".hero a.button") is None
    assert closed.select_one(".campaign-layout") is None
    assert closed.select_one(".block-closure-notice")

    no_form = CampaignPageFactory(
        parent=home,
        slug="no-form",
        body=complete([{"type": "text", "value": "<p>Just a story</p>"}]),
    )
    soup = soup_of(client.get(no_form.url))
    assert soup.select_one(".hero a.button") is None
    assert "Just a story" in soup.select_one(".campaign-body").get_text()


def blocks_in_order(soup):
    return [
        tag.get("class")[1] if tag.name == "section" else "text"
        for tag in soup.select(
            ".campaign-layout > div > .block, .campaign-layout > div > div > .block"
        )
    ]


@pytest.mark.parametrize(
    ("story", "order"),
    [
        # The demo's letter: the first block, then the form, then the rest.
        (
            ["background", "text", "demands"],
            ["block-background", "block-action-form", "text", "block-demands"],
        ),
        # The demands second: read before the form.
        (
            ["background", "demands", "text"],
            ["block-background", "block-demands", "block-action-form", "text"],
        ),
    ],
)
def test_on_a_phone_the_form_follows_the_first_block_or_the_demands(client, home, story, order):
    values = {
        "background": {"heading": "Background", "text": "<p>Facts</p>"},
        "text": "<p>More words</p>",
        "demands": {"heading": "", "target": "them", "introduction": "", "demands": ["Act"]},
    }
    body = [{"type": name, "value": values[name]} for name in story]
    body.append(
        {
            "type": "action_form",
            "value": {"heading": "Sign", "introduction": "", "button_label": "Add my name"},
        }
    )
    page = CampaignPageFactory(parent=home, slug="order", body=complete(body))
    add_petition_fields(page)
    page.save_revision().publish()

    soup = soup_of(client.get(page.url))

    assert blocks_in_order(soup) == order
    assert soup.select_one(".hero a.button").get_text(strip=True) == "Add my name"


def test_the_blocks_around_the_form_are_still_cached(client, campaign):
    """The story is cut in two around the form; each part is a page fragment as before."""
    client.get(campaign.url)
    body = list(campaign.body.raw_data)
    body[0] = {**body[0], "value": {**body[0]["value"], "text": "<p>Changed unseen</p>"}}
    type(campaign).objects.filter(pk=campaign.pk).update(body=body)
    read_again(campaign)
    html = client.get(campaign.url).content
    assert b"Changed unseen" not in html and b"Facts" in html


# --- The form's address -----------------------------------------------------------------------


def test_the_redirect_after_signing_names_no_fragment(client, campaign, valid_post):
    response = client.post(f"{campaign.url}?utm_source=newsletter", valid_post)

    assert response.status_code == 303
    assert response["Location"] == f"{campaign.url}thank-you/"
    assert CampaignSubmission.objects.get().source == {"utm_source": "newsletter"}


# --- A title per state ------------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_state_has_a_title_of_its_own(
    client, campaign, zh_campaigns, valid_post, deliver, language
):
    page = pages_in(campaign, zh_campaigns)[language]
    campaign.require_confirmation = True
    campaign.save_revision().publish()
    titles = {"open": title_of(client.get(page.url))}
    titles["thanks"] = title_of(client.post(page.url, valid_post, follow=True))
    deliver()
    link = link_in(mail.outbox[0]).removeprefix("http://testserver")
    titles["ready"] = title_of(client.get(link))
    titles["confirmed"] = title_of(client.post(link, follow=True))
    titles["broken"] = title_of(client.get(f"{page.url}?confirm=not-a-token"))
    with time_machine.travel(timezone.now() + datetime.timedelta(days=8)):
        titles["expired"] = title_of(client.get(link))
    campaign.action_closes_at = timezone.now() - datetime.timedelta(minutes=1)
    campaign.save_revision().publish()
    titles["closed"] = title_of(client.get(page.url))

    assert len(set(titles.values())) == len(titles), titles
    for title in titles.values():  # each names the campaign
        assert page.title in title
    if language == "en":
        site = title_of(client.get(page.url)).rsplit(" · ", 1)[1]
        assert titles == {
            "open": f"{page.title} · {site}",
            "thanks": f"Thank you · {page.title} · {site}",
            "ready": f"Confirm your signature · {page.title} · {site}",
            "confirmed": f"Your signature is confirmed · {page.title} · {site}",
            "broken": f"This link does not work · {page.title} · {site}",
            "expired": f"This link has expired · {page.title} · {site}",
            "closed": f"{page.title} (closed) · {site}",
        }


# --- The count after signing includes the supporter's own -------------------------------------


def test_the_thanks_count_the_supporters_signature_at_once(client, campaign, valid_post):
    sign_rows(campaign, 5)
    tally_signatures()

    thanks = client.post(campaign.url, valid_post, follow=True)

    assert count_shown(thanks) == "6 signatures"  # 5 tallied, and theirs
    assert SignatureTally.objects.get(pk=campaign.translation_key).total == 5
    tally_signatures()
    # The next supporter's thanks: 6 tallied, and theirs.
    thanks = client.post(campaign.url, {**valid_post, "email": "bo@example.org"}, follow=True)
    assert count_shown(thanks) == "7 signatures"


def test_a_held_signature_gets_the_same_thanks(client, campaign, valid_post):
    counted = client.post(campaign.url, valid_post, follow=True)
    held = client.post(
        campaign.url, {**valid_post, "email": "held@example.org", "form_token": ""}, follow=True
    )

    assert CampaignSubmission.objects.quarantined().count() == 1
    assert held.content == counted.content
    assert count_shown(held) == "1 signature"


def test_the_first_supporter_is_never_asked_to_be_the_first(client, campaign, valid_post):
    assert "Be the first to sign." in count_shown(client.get(campaign.url))
    thanks = client.post(campaign.url, valid_post, follow=True)
    assert count_shown(thanks) == "1 signature"


def test_with_double_opt_in_the_count_waits_for_the_confirmation(
    client, campaign, valid_post, deliver
):
    campaign.require_confirmation = True
    campaign.save_revision().publish()

    thanks = client.post(campaign.url, valid_post, follow=True)
    deliver()

    # Nothing counted yet, and not "Be the first to sign." to someone who just signed.
    assert count_shown(thanks) == "0 signatures"
    assert "your signature counts once you confirm" in thanks.content.decode()
    link = link_in(mail.outbox[0])
    assert count_shown(confirm_page(client, link)) == "0 signatures"

    confirmed = confirm_page(client, link, "post")
    assert count_shown(confirmed) == "1 signature"  # theirs, before the tally has run
    assert count_shown(confirm_page(client, link)) == "1 signature"  # opened again
    tally_signatures()
    assert SignatureTally.objects.get(pk=campaign.translation_key).total == 1
    assert count_shown(confirm_page(client, link)) == "1 signature"  # tallied: not twice
