"""After signing, the thank-you page offers the next steps in the order the campaign's editor
chose (share, a donation link, another campaign), with defaults when they chose nothing; the
donation link's words and address follow the supporter's language."""

import json

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group
from wagtail.test.utils.form_data import streamfield
from wagtail_localize.models import OverridableSegment, SegmentOverride, Translation

from campaigns.models import CampaignPage
from tests.campaigns.test_page_validation import PUBLISH, campaign_data, edit_url
from tests.factories import CampaignPageFactory

DONATE = "https://example.org/donate"


def thank_you(client, page, valid_post):
    response = client.post(page.url, valid_post, follow=True)
    assert response.redirect_chain == [(f"{page.url}thank-you/", 303)]
    return BeautifulSoup(response.content, "html.parser")


def order(soup):
    return [div["data-next-step"] for div in soup.select(".next-steps [data-next-step]")]


def set_steps(page, steps):
    page.next_steps = steps
    page.save_revision().publish()


@pytest.fixture
def other(home):
    """Another open campaign, closing after the first one below."""
    return CampaignPageFactory(parent=home, slug="other", title="Free the journalists")


def test_without_a_choice_the_page_offers_share_donate_then_another_campaign(
    client, campaign, valid_post, organisation, other
):
    organisation.donation_url = DONATE
    organisation.save()

    soup = thank_you(client, campaign, valid_post)

    assert order(soup) == ["share", "donation", "campaign"]
    donation = soup.select_one("[data-next-step=donation]")
    link = donation.select_one("a.donate__link")
    # The organisation's page, and our own words when it gave none.
    assert (link["href"], link.get_text(strip=True)) == (DONATE, "Donate")
    assert donation.h2.get_text(strip=True) == "Support our work"
    another = soup.select_one("[data-next-step=campaign]")
    assert [a.get_text(strip=True) for a in another.find_all("a")] == ["Free the journalists"]
    # Each step once: the share links are not repeated elsewhere on the page.
    assert len(soup.select("section.share")) == 1
    assert len(soup.select("section.other-campaigns")) == 1


def test_a_step_with_nothing_to_offer_is_left_out(client, campaign, valid_post, organisation):
    # No donation page anywhere, no other open campaign.
    soup = thank_you(client, campaign, valid_post)

    assert order(soup) == ["share"]
    assert soup.select_one(".donate") is None


def test_the_steps_follow_the_order_the_editor_chose(
    client, campaign, valid_post, organisation, other, home
):
    chosen = CampaignPageFactory(parent=home, slug="chosen", title="Stop the evictions")
    set_steps(
        campaign,
        [
            ("campaign", {"page": chosen}),
            (
                "donation",
                {"label": "Give to this campaign", "text": "It pays for research.", "url": DONATE},
            ),
            ("share", None),
        ],
    )

    soup = thank_you(client, campaign, valid_post)

    assert order(soup) == ["campaign", "donation", "share"]
    # The editor's campaign, not the first of the other open ones.
    another = soup.select_one("[data-next-step=campaign]")
    assert [a.get_text(strip=True) for a in another.find_all("a")] == ["Stop the evictions"]
    donation = soup.select_one("[data-next-step=donation]")
    assert donation.p.get_text(strip=True) == "It pays for research."
    link = donation.select_one("a.donate__link")
    assert (link["href"], link.get_text(strip=True)) == (DONATE, "Give to this campaign")
    # Positions in the document follow the same order.
    html = str(soup)
    positions = [html.index(f'data-next-step="{kind}"') for kind in order(soup)]
    assert positions == sorted(positions)


def test_only_the_steps_the_editor_chose_are_shown(
    client, campaign, valid_post, organisation, other
):
    organisation.donation_url = DONATE
    organisation.save()
    set_steps(campaign, [("donation", {"label": "", "text": "", "url": ""})])

    soup = thank_you(client, campaign, valid_post)

    assert order(soup) == ["donation"]
    assert soup.select_one("a.donate__link")["href"] == DONATE  # the organisation's default
    assert soup.select_one("section.share") is None


def test_a_chosen_campaign_that_has_closed_gives_way_to_an_open_one(
    client, campaign, valid_post, other, home
):
    closed = CampaignPageFactory(parent=home, slug="closed", title="Over", closed=True)
    set_steps(campaign, [("campaign", {"page": closed})])

    soup = thank_you(client, campaign, valid_post)

    another = soup.select_one("[data-next-step=campaign]")
    assert [a.get_text(strip=True) for a in another.find_all("a")] == ["Free the journalists"]


def override(page, language, path, value):
    """A translator's own value for an address wagtail-localize lets a translation override."""
    translation = Translation.objects.get(
        source__object_id=page.translation_key, target_locale__language_code=language
    )
    segment = OverridableSegment.objects.get(
        source=translation.source, context__path__startswith=path
    )
    SegmentOverride.objects.update_or_create(
        locale=translation.target_locale,
        context=segment.context,
        defaults={"data_json": json.dumps(value)},
    )
    translation.save_target(publish=True)


def test_the_donation_link_is_in_the_supporters_language_in_the_same_order(
    client, campaign, valid_post, zh_homes, translate
):
    set_steps(
        campaign,
        [
            ("donation", {"label": "Give now", "text": "Every gift helps.", "url": DONATE}),
            ("share", None),
        ],
    )
    zh_hant = translate(campaign, "zh-hant", {"Give now": "立即捐款", "Every gift helps.": "捐款"})
    step_id = campaign.next_steps[0].id
    override(campaign, "zh-hant", f"next_steps.{step_id}.url", "https://example.org/zh-hk/donate")
    zh_hant = CampaignPage.objects.get(pk=zh_hant.pk)

    english = thank_you(client, campaign, valid_post)
    chinese = thank_you(client, zh_hant, valid_post | {"email": "b@example.org"})

    assert order(english) == order(chinese) == ["donation", "share"]
    en_link = english.select_one("a.donate__link")
    zh_link = chinese.select_one("a.donate__link")
    assert (en_link["href"], en_link.get_text(strip=True)) == (DONATE, "Give now")
    assert (zh_link["href"], zh_link.get_text(strip=True)) == (
        "https://example.org/zh-hk/donate",
        "立即捐款",
    )
    assert chinese.select_one("[data-next-step=donation] p").get_text(strip=True) == "捐款"
    assert chinese.html["lang"] == "zh-Hant-HK"


def test_the_organisations_donation_link_text_follows_the_language(
    client, campaign, valid_post, organisation, zh_homes, zh_campaigns, translate
):
    organisation.donation_url = DONATE
    organisation.donation_label = "Donate to Rights Watch"
    organisation.save()
    translate(organisation, "zh-hant", {"Donate to Rights Watch": "捐助人權觀察"})

    soup = thank_you(client, zh_campaigns["zh-hant"], valid_post)

    link = soup.select_one("a.donate__link")
    assert (link["href"], link.get_text(strip=True)) == (DONATE, "捐助人權觀察")


# --- what editors are told when they publish ------------------------------------------------


@pytest.fixture
def existing(admin_client, home):
    page = CampaignPageFactory(parent=home, slug="protest", title="Protect the right to protest")
    page.save_revision().publish()
    return page


def publish_steps(client, page, steps):
    data = campaign_data(next_steps=streamfield(steps))
    return client.post(edit_url(page), {**data, **PUBLISH})


def step_errors(response):
    assert response.status_code == 200, "published"
    error = response.context["form"].errors.as_data()["next_steps"][0]
    return {
        index: {name: [str(m) for m in e.messages] for name, e in struct.block_errors.items()}
        for index, struct in error.block_errors.items()
    }


def test_a_donation_step_without_a_donation_page_anywhere_is_refused(
    admin_client, existing, organisation
):
    response = publish_steps(
        admin_client, existing, [("share", ""), ("donation", {"label": "Give", "url": ""})]
    )

    assert step_errors(response) == {
        1: {
            "url": [
                "Enter the address of the donation page, or set the organisation's donation "
                "page under Settings → Organisation settings."
            ]
        }
    }
    # With the organisation's page as the default, the same step is published.
    organisation.donation_url = DONATE
    organisation.save()
    response = publish_steps(
        admin_client, existing, [("share", ""), ("donation", {"label": "Give", "url": ""})]
    )
    assert response.status_code == 302
    existing.refresh_from_db()
    assert [block.block_type for block in existing.next_steps] == ["share", "donation"]


def test_a_campaign_step_must_be_another_open_campaign(admin_client, existing, home):
    closed = CampaignPageFactory(parent=home, slug="closed", title="Over", closed=True)

    itself = publish_steps(admin_client, existing, [("campaign", {"page": existing.pk})])
    assert step_errors(itself) == {
        0: {"page": ["Choose another campaign: this is the page itself."]}
    }
    over = publish_steps(admin_client, existing, [("campaign", {"page": closed.pk})])
    assert step_errors(over) == {
        0: {
            "page": [
                "This campaign is not open for signing: choose an open one, or leave the "
                "field empty to offer the open campaign closing soonest."
            ]
        }
    }


def test_a_draft_may_leave_a_step_incomplete(admin_client, existing):
    data = campaign_data(next_steps=streamfield([("donation", {"label": "", "url": ""})]))
    response = admin_client.post(edit_url(existing), data)  # Save draft

    assert response.status_code == 302
    existing.refresh_from_db()
    draft = existing.get_latest_revision_as_object()
    assert [block.block_type for block in draft.next_steps] == ["donation"]


def test_editors_see_the_next_steps_in_the_action_form_tab(client, django_user_model, existing):
    editor = django_user_model.objects.create_user("editor", password="x")
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)

    soup = BeautifulSoup(client.get(edit_url(existing)).content, "html.parser")

    tab = soup.find(id="tab-action_form")
    assert tab is not None
    assert tab.find(attrs={"data-contentpath": "next_steps"}) is not None
    assert "next steps after signing" in tab.get_text(" ", strip=True).lower()


# --- the demo ---------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_demo_campaigns_offer_their_editors_next_steps_in_every_language(client):
    from django.core.management import call_command

    from campaigns.demo import content, translations

    call_command("load_demo", verbosity=0)

    organisation = content.ORGANISATION
    journalists = next(c for c in content.CAMPAIGNS if c["slug"] == "free-the-jailed-journalists")
    own = journalists["next_steps"][0]["value"]
    for language in ("en", "zh-hant", "zh-hans"):
        words = translations.TRANSLATIONS.get(language, {})

        def say(text, words=words):
            return words.get(text, text)

        hong_kong = BeautifulSoup(
            client.get(f"/{language}/protect-rights-in-hong-kong/thank-you/").content,
            "html.parser",
        )
        assert order(hong_kong) == ["share", "campaign", "donation"], language
        link = hong_kong.select_one("a.donate__link")
        # The organisation's donation page and words, in the page's language.
        assert link["href"] == organisation["donation_url"]
        assert link.get_text(strip=True) == say(organisation["donation_label"])
        assert hong_kong.select_one(".donate p").get_text(strip=True) == say(
            organisation["donation_text"]
        )
        # Another campaign: the other open one, in the same language.
        another = hong_kong.select_one("[data-next-step=campaign] a")
        assert another["href"] == f"/{language}/free-the-jailed-journalists/"

        press = BeautifulSoup(
            client.get(f"/{language}/free-the-jailed-journalists/thank-you/").content,
            "html.parser",
        )
        assert order(press) == ["donation", "share", "campaign"], language
        assert press.select_one("a.donate__link").get_text(strip=True) == say(own["label"])
        assert press.select_one(".donate p").get_text(strip=True) == say(own["text"])
        if language != "en":
            assert say(own["label"]) != own["label"]  # translated, not English left over
