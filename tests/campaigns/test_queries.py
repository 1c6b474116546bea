"""A campaign page costs a fixed number of queries, however many blocks and fields it has."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file

from caching import local
from tests.factories import CampaignFormFieldFactory, CampaignPageFactory

# A view whose page fragments are not kept yet (home/templatetags/page_fragments.py): whether the
# page is still live (1: the route, the page with it, is cached, caching/routes.py; the cache
# is not shared in tests), every image of the page, hero and social image included (1,
# campaigns.rendering.body), page links in rich text (1), the signature count (1,
# campaigns.team.tally),
# the live translations for the language switcher (1) and the organisation's privacy notice (1,
# where there is one).
# Locales come from portal.languages; the Site with the route; the form class
# (campaigns/form_classes.py) and renditions from memory or the cache after the first view.
# Raise it only with a reason.
MAX_QUERIES = 6
# With the fragments kept: whether the page is live, and the count (which production keeps for
# a few seconds: PAGE_CACHE_LOCAL_SECONDS).
MAX_QUERIES_KEPT = 2


def build_campaign(home, blocks, fields, slug):
    images = [
        Image.objects.create(title=f"img {i}", file=get_test_image_file()) for i in range(blocks)
    ]
    body = []
    for i, image in enumerate(images):
        body += [
            {
                "type": "background",
                "value": {
                    "heading": f"Part {i}",
                    "text": f'<p>Text {i} <a linktype="page" id="{home.pk}">home</a></p>',
                    "image": {"image": image.pk, "decorative": False, "alt_text": "alt"},
                },
            },
            {
                "type": "image",
                "value": {
                    "image": {"image": image.pk, "decorative": False, "alt_text": "x"},
                    "caption": "c",
                },
            },
            {"type": "quote", "value": {"quote": f"Quote {i}", "attribution": "Someone"}},
            {"type": "demands", "value": {"target": "them", "demands": ["One", "Two"]}},
        ]
    body.append({"type": "action_form", "value": {"heading": "Sign", "button_label": "Go"}})
    page = CampaignPageFactory(parent=home, slug=slug, body=body, hero_image=images[0])
    for i in range(fields):
        CampaignFormFieldFactory(page=page, label=f"Field {i}", sort_order=i)
    page.save_revision().publish()
    return page


def count_queries(client, url, kept=False):
    client.get(url)  # the first view makes the image renditions
    if not kept:
        local.cache().clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.django_db
def test_query_count_is_fixed_whatever_the_number_of_blocks_and_fields(client, home):
    CampaignPageFactory(parent=home, title="Another open campaign")
    small = build_campaign(home, blocks=1, fields=2, slug="small")
    large = build_campaign(home, blocks=8, fields=12, slug="large")

    small_count = count_queries(client, small.url)
    small_kept = count_queries(client, small.url, kept=True)
    large.social_image = Image.objects.create(title="social", file=get_test_image_file())
    large.save_revision().publish()
    large_count = count_queries(client, large.url)
    large_kept = count_queries(client, large.url, kept=True)

    assert small_count == large_count
    assert large_count <= MAX_QUERIES
    assert small_kept == large_kept
    assert large_kept <= MAX_QUERIES_KEPT


@pytest.mark.django_db
def test_home_page_query_count_is_fixed_whatever_the_number_of_campaigns(client, home):
    image = Image.objects.create(title="hero", file=get_test_image_file())
    CampaignPageFactory(parent=home, hero_image=image)
    CampaignPageFactory(parent=home, closed=True)
    few = count_queries(client, home.url)

    for _ in range(6):
        CampaignPageFactory(
            parent=home, hero_image=Image.objects.create(title="h", file=get_test_image_file())
        )
        CampaignPageFactory(parent=home, closed=True)
    many = count_queries(client, home.url)

    assert few == many
    assert many <= MAX_QUERIES


@pytest.mark.django_db
def test_page_links_in_rich_text_still_point_at_their_pages(client, home):
    target = CampaignPageFactory(parent=home, slug="linked-campaign")
    body = [
        {"type": "text", "value": f'<p>See <a linktype="page" id="{target.pk}">this</a>.</p>'},
        {"type": "text", "value": '<p>A <a linktype="page" id="999999">deleted page</a>.</p>'},
        {"type": "text", "value": '<p><a href="https://example.org/?a=1&amp;b=2">out</a></p>'},
    ]
    page = CampaignPageFactory(parent=home, slug="linking", body=body)

    html = client.get(page.url).content.decode()

    assert f'See <a href="{target.url}">this</a>.' in html
    assert "A <a>deleted page</a>." in html
    assert '<a href="https://example.org/?a=1&amp;b=2">out</a>' in html
    assert "rich-text-boundary" not in html


# Whether the page is still live (1, as above: its cached route holds it; its form class is built
# once per published version, campaigns/form_classes.py), then in one transaction the signature
# and the outbox task with its two emails (2). Which webhook endpoints want to hear of it is
# read from the cache (webhooks.events.subscriptions): none here once it holds the answer;
# tests/webhooks/test_queries.py counts one endpoint. Savepoints and BEGIN and COMMIT are not
# counted.
SIGNING_QUERIES = 3


def test_a_signature_costs_a_fixed_number_of_queries(client, campaign, valid_post):
    client.post(campaign.url, valid_post)  # the first post fills the per-process caches

    with CaptureQueriesContext(connection) as queries:
        response = client.post(campaign.url, {**valid_post, "email": "eve@example.org"})

    assert response.status_code == 303
    counted = [
        query["sql"]
        for query in queries
        if not query["sql"].upper().startswith(("SAVEPOINT", "RELEASE", "BEGIN", "COMMIT"))
    ]
    assert len(counted) <= SIGNING_QUERIES, "\n".join(counted)
    assert sum("INSERT" in sql for sql in counted) == 2


# Ticking the optional opt-ins (campaigns.signing.opt_ins) adds what they need: one read of the
# words already shown, and one insert of the opt-ins together, however many boxes are ticked.
OPT_IN_QUERIES = 2


def test_ticked_opt_ins_cost_two_queries_more(client, campaign, valid_post):
    from campaigns.signing import opt_ins

    both = {opt_ins.CAMPAIGN_FIELD: "on", opt_ins.ORGANISATION_FIELD: "on"}
    client.post(campaign.url, {**valid_post, **both})  # the words' first showing makes their rows

    with CaptureQueriesContext(connection) as queries:
        response = client.post(campaign.url, {**valid_post, "email": "eve@example.org", **both})

    assert response.status_code == 303
    counted = [
        query["sql"]
        for query in queries
        if not query["sql"].upper().startswith(("SAVEPOINT", "RELEASE", "BEGIN", "COMMIT"))
    ]
    assert len(counted) <= SIGNING_QUERIES + OPT_IN_QUERIES, "\n".join(counted)
    assert sum("INSERT" in sql for sql in counted) == 3
