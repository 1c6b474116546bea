"""/sitemap.xml: every live, public page in every language, each with its translations."""

from defusedxml import ElementTree
from wagtail.models import PageViewRestriction

from tests.factories import CampaignPageFactory

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}


def sitemap(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    root = ElementTree.fromstring(response.content)
    return {
        url.findtext("s:loc", namespaces=NS): {
            link.get("hreflang"): link.get("href")
            for link in url.findall("x:link", NS)
            if link.get("rel") == "alternate"
        }
        for url in root.findall("s:url", NS)
    }


def test_every_live_page_in_every_language_with_its_translations(client, zh_campaigns):
    campaign = {
        "en": "http://testserver/en/hong-kong/",
        "zh-hant": "http://testserver/zh-hant/hong-kong/",
        "zh-hans": "http://testserver/zh-hans/hong-kong/",
    }
    home = {code: f"http://testserver/{code}/" for code in campaign}

    urls = sitemap(client)

    assert set(urls) == set(campaign.values()) | set(home.values())
    for pages in (campaign, home):
        for url in pages.values():
            assert urls[url] == {
                "en-GB": pages["en"],
                "zh-Hant-HK": pages["zh-hant"],
                "zh-Hans": pages["zh-hans"],
                "x-default": pages["en"],
            }


def test_no_drafts_unpublished_or_private_pages(client, campaign, zh_homes, translate):
    home = campaign.get_parent()
    CampaignPageFactory(parent=home, slug="a-draft", live=False)
    private = CampaignPageFactory(parent=home, slug="private")
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="x")
    unpublished = CampaignPageFactory(parent=home, slug="unpublished")
    unpublished.unpublish()
    translate(campaign, "zh-hant", publish=False)  # a draft translation

    urls = sitemap(client)

    assert "http://testserver/en/hong-kong/" in urls
    assert not [url for url in urls if "draft" in url or "private" in url or "unpub" in url]
    assert "http://testserver/zh-hant/hong-kong/" not in urls
    # Not an alternate either: the English page has no live translation.
    assert urls["http://testserver/en/hong-kong/"] == {}
    # The home pages are translated and live.
    assert set(urls["http://testserver/en/"]) == {"en-GB", "zh-Hant-HK", "zh-Hans", "x-default"}


def test_sitemap_is_outside_the_language_prefixes(client, home):
    assert client.get("/en/sitemap.xml").status_code == 404
    assert "http://testserver/en/" in sitemap(client)
