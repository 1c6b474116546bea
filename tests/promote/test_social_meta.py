"""Link previews (Open Graph, X cards): every page, in every language, with fallbacks."""

import pytest
from bs4 import BeautifulSoup
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file

OG_LOCALES = {"en": "en_GB", "zh-hant": "zh_HK", "zh-hans": "zh_CN"}


@pytest.fixture(autouse=True)
def _no_renditions_from_earlier_tests():
    """Wagtail caches renditions by image id, and a rolled-back test's ids come round again: an
    earlier test's 640-pixel image would stand in for ours."""
    from django.core.cache import cache

    cache.clear()


def image(title):
    return Image.objects.create(title=title, file=get_test_image_file(size=(2000, 1000)))


def meta(client, page):
    response = client.get(page.url)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    tags = {}
    for tag in soup.find_all("meta"):
        key = tag.get("property") or tag.get("name")
        if key:
            tags.setdefault(key, []).append(tag["content"])
    return {key: values[0] if len(values) == 1 else values for key, values in tags.items()}


@pytest.fixture
def pages(campaign, zh_campaigns, zh_homes, home):
    """Home and campaign pages in every language, the campaign with a hero image."""
    hero = image("Harbour")
    for page in [campaign, *zh_campaigns.values()]:
        page.hero_image = hero
        page.save_revision().publish()
    return {
        "en": [home, campaign],
        "zh-hant": [zh_homes["zh-hant"], zh_campaigns["zh-hant"]],
        "zh-hans": [zh_homes["zh-hans"], zh_campaigns["zh-hans"]],
    }


@pytest.mark.parametrize("language", ["en", "zh-hant", "zh-hans"])
def test_every_page_has_its_own_preview_in_its_language(client, pages, language):
    home, campaign = (page.specific for page in pages[language])
    others = sorted(OG_LOCALES[code] for code in OG_LOCALES if code != language)

    tags = meta(client, campaign)
    assert tags["og:title"] == campaign.title
    assert tags["og:description"] == campaign.summary
    assert tags["og:url"] == f"http://testserver/{language}/hong-kong/"
    assert tags["og:locale"] == OG_LOCALES[language]
    assert sorted(tags["og:locale:alternate"]) == others
    assert tags["og:image"].startswith("http://testserver/media/images/")
    assert ".fill-1200x630" in tags["og:image"]
    assert (tags["og:image:width"], tags["og:image:height"]) == ("1200", "630")
    assert tags["twitter:card"] == "summary_large_image"
    assert tags["twitter:image"] == tags["og:image"]
    if language != "en":
        assert campaign.title.startswith(f"[{language}]")  # translated, not the English text

    tags = meta(client, home)
    assert tags["og:title"] == home.title
    assert tags["og:url"] == f"http://testserver/{language}/"
    assert tags["og:locale"] == OG_LOCALES[language]
    assert tags["og:description"]  # the introduction, as plain text
    assert "<" not in tags["og:description"]


def test_promote_tab_fields_win_over_the_fallbacks(client, campaign):
    campaign.seo_title = "Hong Kong: write today"
    campaign.search_description = "One letter each, thousands together."
    campaign.hero_image = image("Hero")
    campaign.social_image = image("Social")
    campaign.save_revision().publish()

    tags = meta(client, campaign)

    assert tags["og:title"] == "Hong Kong: write today"
    assert tags["og:description"] == "One letter each, thousands together."
    assert tags["og:image"] == (
        "http://testserver" + campaign.social_image.get_rendition("fill-1200x630").url
    )


def test_organisation_default_image_when_the_page_has_none(client, campaign, organisation):
    tags = meta(client, campaign)
    assert "og:image" not in tags
    assert tags["twitter:card"] == "summary"

    organisation.default_social_image = image("Default")
    organisation.save()
    tags = meta(client, campaign)

    rendition = organisation.default_social_image.get_rendition("fill-1200x630")
    assert tags["og:image"] == f"http://testserver{rendition.url}"
    assert tags["twitter:card"] == "summary_large_image"
    assert tags["og:site_name"] == "Rights Watch"
    assert tags["twitter:site"] == "@rightswatch"


def test_a_draft_translation_is_no_alternate_locale(client, campaign, zh_homes, translate):
    translate(campaign, "zh-hant")
    translate(campaign, "zh-hans", publish=False)

    assert meta(client, campaign)["og:locale:alternate"] == "zh_HK"


def test_social_image_and_share_text_are_edited_in_the_promote_tab(admin_client, campaign, home):
    campaign_form = admin_client.get(f"/admin/pages/{campaign.pk}/edit/").content.decode()
    home_form = admin_client.get(f"/admin/pages/{home.pk}/edit/").content.decode()

    assert 'name="social_image"' in campaign_form
    assert 'name="share_text"' in campaign_form
    assert 'name="social_image"' in home_form


def test_addresses_use_the_host_the_reader_reached(client, campaign):
    """As the hreflang links do: a site reached by another name than Wagtail's Site record
    still shares links that work."""
    response = client.get(campaign.url, HTTP_HOST="localhost")
    soup = BeautifulSoup(response.content, "html.parser")

    assert soup.find("meta", property="og:url")["content"] == "http://localhost/en/hong-kong/"


def test_a_missing_page_has_no_link_preview(client, home):
    response = client.get("/en/no-such-page/")
    soup = BeautifulSoup(response.content, "html.parser")

    assert response.status_code == 404
    assert not soup.find("meta", property="og:title")
    assert not soup.find("meta", attrs={"name": "twitter:card"})
