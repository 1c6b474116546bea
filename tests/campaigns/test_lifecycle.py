"""Scheduled publishing and closing: one moment in every language, no one at a keyboard."""

import datetime
import re

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.core.management import call_command
from wagtail.models import Page

from campaigns.models import CampaignPage, CampaignSubmission
from campaigns.team.tally import tally_signatures
from publishing.in_step import WAITING, align_translations, publish_due
from tests.factories import CampaignPageFactory

HK = datetime.timezone(datetime.timedelta(hours=8))
FIRST_TO_SIGN = {
    "en": "Be the first to sign.",
    "zh-hant": "成為第一位聯署的人。",
    "zh-hans": "成为第一位签名的人。",
}
TEN = datetime.datetime(2026, 12, 1, 10, 0, tzinfo=HK)
LANGUAGES = ("en", "zh-hant", "zh-hans")


def at(moment):
    return time_machine.travel(moment, tick=False)


def run_scheduler():
    """The runner `make run` starts: the management command, once."""
    call_command("run_scheduled_publishing", verbosity=0)


def schedule(page, go_live_at=None, expire_at=None):
    page.go_live_at = go_live_at
    page.expire_at = expire_at
    page.save_revision().publish()


def status(client, pages):
    return {
        language: client.get(f"/{language}/{pages['en'].slug}/").status_code
        for language in LANGUAGES
    }


@pytest.fixture
def family(home, zh_homes, translate):
    """A campaign written, translated and published by its translators, never published in
    English yet: every language waits for the English go-live."""
    with at(TEN - datetime.timedelta(days=1)):
        english = CampaignPageFactory(parent=home, slug="new-action", live=False)
        pages = {"en": english}
        for language in ("zh-hant", "zh-hans"):
            pages[language] = translate(english, language)
    return pages


def refreshed(pages):
    return {language: Page.objects.get(pk=page.pk) for language, page in pages.items()}


def test_translations_published_before_their_source_wait_for_it(family):
    pages = refreshed(family)

    assert not any(page.live for page in pages.values())
    for language in ("zh-hant", "zh-hans"):
        assert pages[language].get_latest_revision().approved_go_live_at == WAITING


def test_scheduled_for_ten_not_reachable_at_959_and_live_at_1001_in_every_language(client, family):
    with at(TEN - datetime.timedelta(hours=2)):
        schedule(family["en"], go_live_at=TEN)

    with at(TEN - datetime.timedelta(minutes=1)):
        run_scheduler()
        assert status(client, family) == {"en": 404, "zh-hant": 404, "zh-hans": 404}

    with at(TEN + datetime.timedelta(minutes=1)):
        run_scheduler()
        assert status(client, family) == {"en": 200, "zh-hant": 200, "zh-hans": 200}
        assert all(page.live for page in refreshed(family).values())


def test_postponing_the_english_go_live_postpones_the_chinese(client, family):
    with at(TEN - datetime.timedelta(hours=2)):
        schedule(family["en"], go_live_at=TEN)
        schedule(
            Page.objects.get(pk=family["en"].pk).specific,
            go_live_at=TEN + datetime.timedelta(hours=1),
        )

    with at(TEN + datetime.timedelta(minutes=1)):
        run_scheduler()
        assert status(client, family) == {"en": 404, "zh-hant": 404, "zh-hans": 404}

    with at(TEN + datetime.timedelta(hours=1, minutes=1)):
        run_scheduler()
        assert status(client, family) == {"en": 200, "zh-hant": 200, "zh-hans": 200}


def test_cancelling_the_english_go_live_keeps_the_chinese_waiting(admin_client, client, family):
    with at(TEN - datetime.timedelta(hours=2)):
        schedule(family["en"], go_live_at=TEN)
        revision = Page.objects.get(pk=family["en"].pk).get_latest_revision()
        admin_client.post(f"/admin/pages/{family['en'].pk}/revisions/{revision.pk}/unschedule/")

    with at(TEN + datetime.timedelta(days=1)):
        run_scheduler()
        assert status(client, family) == {"en": 404, "zh-hant": 404, "zh-hans": 404}
        zh_hant = Page.objects.get(pk=family["zh-hant"].pk)
        assert zh_hant.get_latest_revision().approved_go_live_at == WAITING

        # Publishing the English page now takes the waiting translations live with it.
        Page.objects.get(pk=family["en"].pk).get_latest_revision().publish()
        assert status(client, family) == {"en": 200, "zh-hant": 200, "zh-hans": 200}


def test_a_translation_never_goes_live_before_its_source(family, translate):
    with at(TEN - datetime.timedelta(hours=2)):
        schedule(family["en"], go_live_at=TEN)
        # A translator (re)publishes the Chinese page early.
        translate(family["en"], "zh-hant")

        assert not Page.objects.get(pk=family["zh-hant"].pk).live

    with at(TEN - datetime.timedelta(minutes=1)):
        assert publish_due()["published"] == []


def test_english_expiry_takes_every_language_offline(client, campaign, zh_campaigns):
    pages = {"en": campaign, **zh_campaigns}
    schedule(campaign, expire_at=TEN)

    with at(TEN - datetime.timedelta(minutes=1)):
        run_scheduler()
        assert status(client, pages) == {"en": 200, "zh-hant": 200, "zh-hans": 200}
    with at(TEN + datetime.timedelta(minutes=1)):
        run_scheduler()
        assert status(client, pages) == {"en": 404, "zh-hant": 404, "zh-hans": 404}


def test_aliases_of_a_scheduled_page_wait_for_it(home, zh_homes, locales):
    """Wagtail issue 11344: locale-synced aliases of a never-published page went live at once."""
    with at(TEN - datetime.timedelta(days=1)):
        english = CampaignPageFactory(parent=home, slug="aliased", live=False)
        alias = english.copy_for_translation(locales["zh-hant"], alias=True)
        schedule(english, go_live_at=TEN)
        assert not Page.objects.get(pk=alias.pk).live

    with at(TEN + datetime.timedelta(minutes=1)):
        run_scheduler()
        assert Page.objects.get(pk=alias.pk).live


# --- Closing ---------------------------------------------------------------------------------


def page_in(client, language, slug, **kwargs):
    method = client.post if "data" in kwargs else client.get
    response = method(f"/{language}/{slug}/", kwargs.get("data"))
    return response, BeautifulSoup(response.content, "html.parser")


def test_closing_moment_is_the_same_in_every_language(client, campaign, zh_campaigns, valid_post):
    campaign.action_closes_at = TEN
    campaign.save_revision().publish()

    for language in LANGUAGES:
        assert CampaignPage.objects.get(locale__language_code=language).action_closes_at == TEN

    with at(TEN - datetime.timedelta(seconds=1)):
        for language in LANGUAGES:
            _response, soup = page_in(client, language, campaign.slug)
            assert soup.find("form", class_="action-form") is not None, language
            assert soup.find(class_="block-closure-notice") is None, language

    with at(TEN + datetime.timedelta(seconds=1)):
        for language in LANGUAGES:
            response, soup = page_in(client, language, campaign.slug, data=valid_post)
            assert response.status_code == 200
            assert soup.find("form") is None, language
            assert soup.find(class_="block-closure-notice") is not None, language
            assert soup.find(role="alert") is not None, language
        assert not CampaignSubmission.objects.exists()

        hant = page_in(client, "zh-hant", campaign.slug)[1]
        assert "此行動已結束" in hant.find(class_="hero__label").get_text() or (
            "已結束的行動" in hant.find(class_="hero__label").get_text()
        )


def test_a_closing_time_given_to_translations_reaches_pages_already_read(
    client, campaign, zh_campaigns
):
    # Their routes keep the pages as read (caching/routes.py), and the scheduler's alignment
    # of the shared fields writes the translations without a signal.
    with at(TEN - datetime.timedelta(seconds=2)):
        for language in LANGUAGES:
            assert page_in(client, language, campaign.slug)[1].find("form", class_="action-form")
        CampaignPage.objects.filter(pk=campaign.pk).update(action_closes_at=TEN)

    with at(TEN + datetime.timedelta(seconds=1)):
        align_translations(Page.objects.get(pk=campaign.pk))
        for language in ("zh-hant", "zh-hans"):
            soup = page_in(client, language, campaign.slug)[1]
            assert soup.find(class_="block-closure-notice") is not None, language


def test_moving_the_closing_date_later_reopens_every_language(
    client, campaign, zh_campaigns, valid_post
):
    campaign.action_closes_at = TEN
    campaign.save_revision().publish()

    with at(TEN + datetime.timedelta(hours=1)):
        campaign.action_closes_at = TEN + datetime.timedelta(days=7)
        campaign.save_revision().publish()
        for language in LANGUAGES:
            page_in(
                client,
                language,
                campaign.slug,
                data={**valid_post, "email": f"{language}@example.org"},
            )

    assert CampaignSubmission.objects.count() == 3


def test_closure_notice_links_open_campaigns_in_the_same_language(
    client, home, campaign, zh_campaigns, translate
):
    other = CampaignPageFactory(parent=home, slug="other-open")
    other_hant = translate(other, "zh-hant")
    campaign.action_closes_at = TEN
    campaign.save_revision().publish()

    with at(TEN + datetime.timedelta(minutes=1)):
        _response, soup = page_in(client, "zh-hant", campaign.slug)

    links = [a["href"] for a in soup.find(class_="other-campaigns").find_all("a")]
    assert links == [other_hant.url]


# --- Previews --------------------------------------------------------------------------------

PREVIEW_MARKERS = {
    "form": ('form[class="action-form"]', None),
    "errors": (".error-summary", None),
    "landing": ("#thank-you-heading", None),
    "closed": (".block-closure-notice", 'form[class="action-form"]'),
}


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("mode", list(PREVIEW_MARKERS))
def test_every_state_can_be_previewed_in_every_language(campaign, zh_campaigns, language, mode):
    page = campaign if language == "en" else zh_campaigns[language]
    assert mode in dict(page.preview_modes)

    # What the admin's preview panel does for the chosen mode.
    response = page.make_preview_request(preview_mode=mode)

    assert response.status_code == 200
    soup = BeautifulSoup(response.render().content, "html.parser")
    present, absent = PREVIEW_MARKERS[mode]
    assert soup.select_one(present) is not None
    if absent:
        assert soup.select_one(absent) is None
    assert (
        soup.html["lang"]
        == {"en": "en-GB", "zh-hant": "zh-Hant-HK", "zh-hans": "zh-Hans"}[language]
    )


# --- The campaign index ----------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_index_orders_by_closing_soonest_marks_closing_soon_and_archives_closed(
    client, home, zh_homes, translate, language
):
    now = TEN
    specs = [
        ("no-date", None),
        ("in-a-week", now + datetime.timedelta(days=7)),
        ("tomorrow", now + datetime.timedelta(hours=20)),
        ("closed-yesterday", now - datetime.timedelta(days=1)),
        ("closed-last-month", now - datetime.timedelta(days=30)),
    ]
    pages = {}
    with at(now - datetime.timedelta(days=60)):
        for slug, closes in specs:
            english = CampaignPageFactory(
                parent=home, slug=slug, title=slug, action_closes_at=closes
            )
            pages[slug] = english if language == "en" else translate(english, language, {})
    # Two signatures for "in-a-week", in two languages: the count adds them up.
    CampaignSubmission.objects.create(
        page=pages["in-a-week"], form_data={"email": "a@example.org"}
    )
    CampaignSubmission.objects.create(
        page=Page.objects.get(slug="in-a-week", locale__language_code="en"),
        form_data={"email": "b@example.org"},
    )
    tally_signatures()

    with at(now):
        soup = BeautifulSoup(client.get(f"/{language}/").content, "html.parser")

    open_section = soup.find(attrs={"aria-labelledby": "open-campaigns-heading"})
    archive = soup.find(attrs={"aria-labelledby": "closed-campaigns-heading"})
    open_urls = [a["href"] for a in open_section.select(".campaign-card__title a")]
    assert open_urls == [pages[s].url for s in ("tomorrow", "in-a-week", "no-date")]
    archived = [a["href"] for a in archive.select(".campaign-card__title a")]
    assert archived == [pages[s].url for s in ("closed-yesterday", "closed-last-month")]

    cards = open_section.select(".campaign-card")
    soon = [bool(card.select_one(".campaign-card__status--soon")) for card in cards]
    assert soon == [True, False, False]
    counts = [card.select_one(".signature-progress__count").get_text(strip=True) for card in cards]
    assert re.findall(r"\d+", counts[1]) == ["2"]
    assert counts[0] == FIRST_TO_SIGN[language]
