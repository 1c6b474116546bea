"""Routes come from the cache and never outlive a change to the tree (caching.routes)."""

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import Page, PageViewRestriction

from caching import routes as route_cache
from tests.conftest import without_form_token
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
    assert without_form_token(second.content) == without_form_token(first.content)


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


def page_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return [q["sql"] for q in queries if '"wagtailcore_page"' in q["sql"]]


def test_the_page_is_read_with_its_route_and_only_its_liveness_is_asked(client, campaign):
    client.get(campaign.url)

    # Each process has its own cache in tests: another may have unpublished the page unheard.
    (query,) = page_queries(client, campaign.url)
    assert query.startswith('SELECT 1 AS "a" FROM "wagtailcore_page" WHERE')
    assert '"wagtailcore_page"."live"' in query


def test_on_a_shared_cache_the_page_costs_no_query_and_still_goes_at_once(
    client, campaign, monkeypatch
):
    # Redis: every process hears of every change.
    monkeypatch.setattr(route_cache, "shared", lambda: True)
    client.get(campaign.url)

    assert page_queries(client, campaign.url) == []

    campaign.title = "A new title"
    campaign.save_revision().publish()
    assert b"A new title" in client.get(campaign.url).content

    campaign.unpublish()
    assert client.get(campaign.url).status_code == 404


def test_routes_stored_by_another_release_are_not_read(client, campaign, monkeypatch):
    client.get(campaign.url)
    # A deploy: Django or a page model's columns changed, and so did the pages' pickled shape.
    monkeypatch.setattr(route_cache, "fingerprint", lambda: "another-release")
    read = []
    get_many = cache.get_many
    monkeypatch.setattr(cache, "get_many", lambda keys: read.append(get_many(keys)) or read[-1])

    _response, routing = routing_queries(client, campaign.url)

    assert routing
    # Not even unpickled: the other release's route is under another key.
    assert read == [{}]


def test_the_route_cache_can_be_turned_off(client, campaign, settings):
    settings.ROUTE_CACHE_SECONDS = 0
    client.get(campaign.url)

    _response, routing = routing_queries(client, campaign.url)

    assert routing


def restriction_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    return response, [q["sql"] for q in queries if '"wagtailcore_pageviewrestriction"' in q["sql"]]


def test_a_public_page_is_served_without_asking_for_its_privacy_settings(client, campaign):
    client.get(campaign.url)

    response, asked = restriction_queries(client, campaign.url)

    assert response.status_code == 200
    assert not asked


def test_a_private_page_is_checked_on_every_view(client, campaign):
    PageViewRestriction.objects.create(page=campaign, restriction_type="password", password="x")
    for _ in range(2):
        response, asked = restriction_queries(client, campaign.url)
        assert response.status_code == 200
        assert b'name="password"' in response.content
        assert b"Sign now" not in response.content
        assert asked


def test_a_page_made_private_is_private_at_once(client, campaign, home):
    assert client.get(campaign.url).status_code == 200

    # On the parent, as editors usually do for a whole section.
    restriction = PageViewRestriction.objects.create(
        page=home, restriction_type="password", password="x"
    )

    assert b'name="password"' in client.get(campaign.url).content

    restriction.delete()

    assert b'name="password"' not in client.get(campaign.url).content


def test_a_route_stored_before_a_change_commits_is_not_used(
    campaign, django_capture_on_commit_callbacks
):
    # Another request may store a route between the save and the commit, read from the
    # database as it was: that route belongs to a generation that ends at the commit.
    with django_capture_on_commit_callbacks(execute=True):
        campaign.unpublish()
        before_commit = cache.get(route_cache.generation_key())

    assert cache.get(route_cache.generation_key()) not in (None, before_commit)


def test_a_draft_saved_or_a_page_locked_keeps_routes_and_fragments(client, campaign, admin_user):
    client.get(campaign.url)
    generation = cache.get(route_cache.generation_key())

    campaign.title = "A draft title"
    campaign.save_revision(user=admin_user)
    campaign.locked, campaign.locked_by, campaign.locked_at = True, admin_user, timezone.now()
    campaign.save(update_fields=["locked", "locked_by", "locked_at"])

    assert cache.get(route_cache.generation_key()) == generation
    assert b"A draft title" not in client.get(campaign.url).content

    campaign.save_revision(user=admin_user).publish()

    assert cache.get(route_cache.generation_key()) != generation
    assert b"A draft title" in client.get(campaign.url).content
