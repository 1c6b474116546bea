"""Routes come from the cache and never outlive a change to the tree (portal/route_cache.py)."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page

from tests.factories import CampaignPageFactory


def routing_queries(client, url):
    """The queries Wagtail's routing makes: the Site and the walk down the tree by slug."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    sql = [query["sql"] for query in queries]
    return response, [s for s in sql if '"wagtailcore_site"' in s or '"slug" =' in s]


def test_a_second_view_is_routed_without_the_site_or_the_tree(client, campaign):
    first, first_routing = routing_queries(client, campaign.url)
    second, second_routing = routing_queries(client, campaign.url)

    assert first.status_code == second.status_code == 200
    assert first_routing and not second_routing
    assert second.content == first.content


def test_each_language_has_its_own_route(client, campaign, zh_campaigns):
    for _ in range(2):
        english = client.get(campaign.url)
        chinese = client.get(zh_campaigns["zh-hant"].url)
        assert english["Content-Language"] == "en"
        assert chinese["Content-Language"] == "zh-hant"


def test_an_unpublished_page_is_not_found_at_once(client, campaign):
    url = campaign.url
    assert client.get(url).status_code == 200

    campaign.unpublish()

    assert client.get(url).status_code == 404


def test_a_new_address_replaces_the_old_one_at_once(client, campaign):
    old_url = campaign.url
    assert client.get(old_url).status_code == 200

    campaign.slug = "a-new-address"
    campaign.save_revision().publish()

    assert client.get(old_url).status_code == 404
    assert client.get(Page.objects.get(pk=campaign.pk).url).status_code == 200


def test_a_moved_page_is_found_at_its_new_address(client, campaign, home):
    section = CampaignPageFactory(parent=home, slug="section", title="Section")
    old_url = campaign.url
    assert client.get(old_url).status_code == 200

    campaign.move(section, pos="last-child")

    new_url = Page.objects.get(pk=campaign.pk).url
    # Wagtail's redirects app sends readers of the old address on: the page is not served there.
    old = client.get(old_url)
    assert (old.status_code, old["Location"]) == (301, new_url)
    assert client.get(new_url).status_code == 200


def test_a_route_cached_elsewhere_never_serves_a_page_no_longer_live(client, campaign):
    # Another process, without a shared cache, did not hear of the change: no signal here.
    url = campaign.url
    assert client.get(url).status_code == 200

    Page.objects.filter(pk=campaign.pk).update(live=False)

    assert client.get(url).status_code == 404


def test_the_route_cache_can_be_turned_off(client, campaign, settings):
    settings.ROUTE_CACHE_SECONDS = 0
    client.get(campaign.url)

    _response, routing = routing_queries(client, campaign.url)

    assert routing
