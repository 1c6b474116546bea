"""Blocks that read the same for everyone are rendered once per published version of their page
(campaign_page.html, home/templatetags/page_fragments.py); the action form and the closure
notice are rendered on every view."""

import time_machine
from bs4 import BeautifulSoup
from django.core.cache import cache
from django.utils import timezone
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Page

from caching import routes as route_cache
from campaigns.models import CampaignPage
from tests.factories import CampaignPageFactory


def text(html):
    return [{"type": "text", "value": html}]


def with_body(campaign, body):
    """The campaign with `body` before its blocks, published."""
    campaign.body = body + list(campaign.body.raw_data)
    campaign.save_revision().publish()
    return CampaignPage.objects.get(pk=campaign.pk)


def read_again(page):
    """The page is read from the database on its next view (its cached route is dropped), while
    the routes' generation, and so what is kept with it, stays."""
    assert cache.delete(
        f"route:{route_cache.fingerprint()}:testserver:en:{page.url[len('/en/') :]}"
    )


def test_a_block_is_rendered_once_per_published_version(client, campaign):
    campaign = with_body(campaign, text("<p>First words</p>"))
    assert b"First words" in client.get(campaign.url).content

    # Changed behind Wagtail's back (no signal, no new version): the kept block is shown.
    body = list(campaign.body.raw_data)
    body[0] = {**body[0], "value": "<p>Hidden words</p>"}
    CampaignPage.objects.filter(pk=campaign.pk).update(body=body)
    read_again(campaign)
    assert b"First words" in client.get(campaign.url).content

    # A block without an id (written by hand, not by Wagtail) is never kept: ids are the keys.
    body[0] = {"type": "text", "value": "<p>Hidden words</p>"}
    CampaignPage.objects.filter(pk=campaign.pk).update(body=body)
    read_again(campaign)
    assert b"Hidden words" in client.get(campaign.url).content

    # Published: shown at once.
    campaign = CampaignPage.objects.get(pk=campaign.pk)
    campaign.body = text("<p>Published words</p>") + list(campaign.body.raw_data)[1:]
    campaign.save_revision().publish()
    html = client.get(campaign.url).content
    assert b"Published words" in html and b"First words" not in html


def test_a_kept_link_follows_the_page_it_links_to(client, campaign, home):
    target = CampaignPageFactory(parent=home, slug="old-address", title="Target")
    campaign = with_body(campaign, text(f'<p><a linktype="page" id="{target.pk}">see</a></p>'))
    assert b'href="/en/old-address/"' in client.get(campaign.url).content

    target.slug = "new-address"
    target.save_revision().publish()

    assert b'href="/en/new-address/"' in client.get(campaign.url).content


FIELDS = "campaigns/includes/form_fields.html"


def rendered(response):
    return [template.name for template in response.templates]


def started(response):
    return BeautifulSoup(response.content, "html.parser").find(attrs={"name": "form_token"})


def test_the_unsent_form_is_kept_with_a_new_form_token_on_each_view(client, campaign, valid_post):
    first = client.get(campaign.url)
    with time_machine.travel(timezone.now() + timezone.timedelta(seconds=2)):
        later = client.get(campaign.url)

    assert FIELDS in rendered(first)
    assert FIELDS not in rendered(later)
    assert b'name="email"' in later.content
    # The form token (campaigns.signing.tokens) is rendered afresh, outside what is kept.
    assert started(first)["value"] != started(later)["value"]

    refused = client.post(campaign.url, {**valid_post, "email": "not an address"})
    assert FIELDS in rendered(refused)
    assert b'value="Lovelace"' in refused.content  # what the supporter typed, kept


def test_a_preview_shows_the_draft_not_the_kept_block(admin_client, client, campaign):
    campaign = with_body(campaign, text("<p>Live words</p>"))
    client.get(campaign.url)
    campaign.body = text("<p>Draft words</p>") + list(campaign.body.raw_data)[1:]
    revision = campaign.save_revision()

    preview = admin_client.get(f"/admin/pages/{campaign.pk}/revisions/{revision.pk}/view/")

    assert b"Draft words" in preview.content
    assert b"Live words" in client.get(Page.objects.get(pk=campaign.pk).url).content


def test_kept_links_built_from_the_request_name_the_host_it_came_to(client, campaign):
    # The same site under two names: the hreflang links in the kept head use the reader's.
    for host in ("testserver", "localhost", "testserver"):
        html = client.get(campaign.url, HTTP_HOST=host).content.decode()
        assert f'hreflang="en-GB" href="http://{host}{campaign.url}"' in html


def test_an_edited_image_shows_at_once_in_kept_fragments(client, campaign):
    image = Image.objects.create(title="Hero", file=get_test_image_file())
    campaign.hero_image = image
    campaign.save_revision().publish()

    def hero():
        html = client.get(campaign.url).content
        return BeautifulSoup(html, "html.parser").find("img", class_="hero__image")["src"]

    before = hero()
    image.focal_point_x, image.focal_point_y = 10, 10
    image.focal_point_width = image.focal_point_height = 5
    image.save()

    assert hero() != before
