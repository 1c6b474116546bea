"""Open data: the JSON list of live campaigns and the embeddable counter."""

import datetime
import json

import pytest
from bs4 import BeautifulSoup
from django.core.cache import cache
from django.utils import timezone
from wagtail.models import PageViewRestriction

from campaigns.models import CampaignSubmission, PaperSignatures
from campaigns.team.tally import tally_signatures
from tests.campaigns.test_counts import sign_rows
from tests.factories import CampaignPageFactory


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def signed(campaign, zh_campaigns, django_user_model):
    """Two English, three zh-hant and one zh-hans signature, plus four on paper: ten."""
    sign_rows(campaign, 2)
    sign_rows(zh_campaigns["zh-hant"], 3, start=10)
    sign_rows(zh_campaigns["zh-hans"], 1, start=20)
    PaperSignatures.objects.create(page=campaign, count=4)
    campaign.signature_goal = 40
    campaign.action_closes_at = timezone.now() + datetime.timedelta(days=3)
    campaign.save_revision().publish()
    tally_signatures()
    return campaign


def get_json(client, **headers):
    response = client.get("/api/campaigns.json", **headers)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    return response, json.loads(response.content)


def test_json_lists_each_campaign_once_with_its_count_in_every_language(client, signed):
    response, data = get_json(client)

    (entry,) = data["campaigns"]
    assert entry["id"] == str(signed.translation_key)
    assert entry["count"] == 10
    assert entry["goal"] == 40
    assert entry["status"] == "open"
    closes_at = datetime.datetime.fromisoformat(entry["closes_at"])
    assert closes_at == signed.action_closes_at
    assert set(entry["languages"]) == {"en", "zh-hant", "zh-hans"}
    assert entry["languages"]["en"] == {
        "title": "Protect rights in Hong Kong",
        "url": "http://testserver/en/hong-kong/",
    }
    assert entry["languages"]["zh-hant"]["url"] == "http://testserver/zh-hant/hong-kong/"
    assert entry["languages"]["zh-hans"]["title"] == "[zh-hans] Protect rights in Hong Kong"


def test_json_is_open_to_any_site_and_read_only(client, signed):
    response, _data = get_json(client, HTTP_ORIGIN="https://partner.example")
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response["Access-Control-Allow-Methods"] == "GET, HEAD, OPTIONS"
    assert "max-age=60" in response["Cache-Control"]

    preflight = client.options(
        "/api/campaigns.json",
        HTTP_ORIGIN="https://partner.example",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
    )
    assert preflight.status_code == 200
    assert preflight["Access-Control-Allow-Origin"] == "*"
    assert client.head("/api/campaigns.json").status_code == 200
    for method in ("post", "put", "delete", "patch"):
        assert getattr(client, method)("/api/campaigns.json").status_code == 405


def test_json_has_no_personal_data(client, signed):
    response, data = get_json(client)
    body = response.content.decode()
    assert "@example.org" not in body
    assert "Ada" not in body
    (entry,) = data["campaigns"]
    assert set(entry) == {"id", "count", "goal", "status", "closes_at", "languages"}


def test_json_lists_only_live_public_campaigns_and_closed_ones_as_closed(client, home, signed):
    CampaignPageFactory(parent=home, slug="draft", title="A draft", live=False)
    private = CampaignPageFactory(parent=home, slug="private", title="Private")
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="x")
    closed = CampaignPageFactory(parent=home, slug="closed", title="Over", closed=True)

    _response, data = get_json(client)

    by_title = {entry["languages"]["en"]["title"]: entry for entry in data["campaigns"]}
    assert set(by_title) == {"Protect rights in Hong Kong", "Over"}
    assert by_title["Over"]["status"] == "closed"
    assert by_title["Over"]["count"] == 0
    assert by_title["Over"]["id"] == str(closed.translation_key)


def test_json_takes_two_queries_then_none_for_a_minute(
    client, signed, home, django_assert_num_queries
):
    CampaignPageFactory(parent=home, slug="second")
    # Pages with their tallies, and the view restrictions (for `public()`), whatever the number.
    with django_assert_num_queries(2):
        get_json(client)
    with django_assert_num_queries(0):
        _response, data = get_json(client)
    assert data["campaigns"][0]["count"] == 10


def embed(client, page, language):
    return client.get(f"/{language}/embed/{page.translation_key}/")


def test_embed_shows_the_count_goal_and_link_in_the_url_language(client, signed, zh_campaigns):
    response = embed(client, signed, "zh-hant")

    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.html["lang"] == "zh-Hant-HK"
    (heading,) = soup.find_all(["h1", "h2", "h3"])
    assert heading.get_text(strip=True) == zh_campaigns["zh-hant"].title
    count = soup.select_one(".signature-progress__count").get_text(" ", strip=True)
    assert count == "已有 10 人聯署，目標 40 人"
    bar = soup.select_one("[role=progressbar]")
    assert (bar["aria-valuenow"], bar["aria-valuemax"]) == ("10", "40")
    link = soup.select_one("a.embed__link")
    assert link["href"] == "http://testserver/zh-hant/hong-kong/?utm_medium=embed"
    assert (link["target"], link["rel"]) == ("_blank", ["noopener"])
    assert "立即聯署" in link.get_text()
    assert soup.find("script") is None


def test_embed_may_be_framed_by_any_site_but_pages_may_not(client, signed):
    response = embed(client, signed, "en")
    assert "X-Frame-Options" not in response
    policy = response["Content-Security-Policy"]
    assert "frame-ancestors *" in policy
    assert "script-src 'self'" in policy  # the rest of the policy still applies

    page = client.get(signed.url)
    assert page["X-Frame-Options"] == "DENY"
    assert "frame-ancestors 'self'" in page["Content-Security-Policy"]


def test_embed_of_a_closed_campaign_says_so(client, home):
    closed = CampaignPageFactory(parent=home, slug="closed", title="Over", closed=True)
    soup = BeautifulSoup(embed(client, closed, "en").content, "html.parser")
    assert "This action has closed." in soup.get_text()
    assert (
        soup.select_one("a.embed__link")["href"] == "http://testserver/en/closed/?utm_medium=embed"
    )


def test_no_embed_for_drafts_private_pages_or_missing_languages(client, home, campaign):
    draft = CampaignPageFactory(parent=home, slug="draft", live=False)
    private = CampaignPageFactory(parent=home, slug="private")
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="x")
    assert embed(client, draft, "en").status_code == 404
    assert embed(client, private, "en").status_code == 404
    # Not translated into Simplified Chinese.
    assert embed(client, campaign, "zh-hans").status_code == 404
    assert embed(client, campaign, "en").status_code == 200


def test_signatures_through_the_counter_are_attributed_to_it_and_the_partner(
    client, campaign, valid_post
):
    response = client.get(f"/en/embed/{campaign.translation_key}/?source=partner-hk")
    href = BeautifulSoup(response.content, "html.parser").select_one("a.embed__link")["href"]
    assert href == "http://testserver/en/hong-kong/?source=partner-hk&utm_medium=embed"

    client.post(href, valid_post, HTTP_ORIGIN="http://testserver")

    (signature,) = CampaignSubmission.objects.all()
    assert signature.source == {"source": "partner-hk", "utm_medium": "embed"}


def test_addresses_use_the_host_the_reader_reached(client, campaign):
    # Wagtail's Site says "testserver"; a reader who came by another allowed host gets links
    # that work for them (under `make run` the Site says localhost:80).
    data = json.loads(client.get("/api/campaigns.json", HTTP_HOST="127.0.0.1").content)
    assert data["campaigns"][0]["languages"]["en"]["url"] == f"http://127.0.0.1{campaign.url}"
    embed = client.get(f"/en/embed/{campaign.translation_key}/", HTTP_HOST="127.0.0.1")
    assert f'href="http://127.0.0.1{campaign.url}?' in embed.content.decode()


def test_the_list_names_the_host_each_reader_reached(client, campaign):
    for host in ("testserver", "localhost", "testserver"):
        data = client.get("/api/campaigns.json", HTTP_HOST=host).json()
        urls = [url["url"] for c in data["campaigns"] for url in c["languages"].values()]
        assert urls and all(url.startswith(f"http://{host}/") for url in urls)
