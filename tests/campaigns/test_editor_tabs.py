"""The editor's tabs hold what this site has: no "Show in menus" (there are no menus), the slug's
help with the page's real address, no Settings tab holding only a note, page types described
in the chooser, and the hero image's alt text wherever the image is shown."""

import html
import re

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file

from home.models import InformationPage
from tests.factories import CampaignPageFactory


def tabs(response):
    return re.findall(r'role="tab"[^>]*>\s*([^<]+?)\s*<', response.content.decode())


def help_text_of(response, field):
    """The help under a field, as the editor reads it."""
    page = response.content.decode()
    match = re.search(rf'id="panel-child-[\w-]*{field}-helptext"[^>]*>(.*?)</div>', page, re.S)
    return html.unescape(re.sub(r"<[^>]+>|\s+", " ", match.group(1))).strip()


@pytest.fixture
def information_page(home):
    page = InformationPage(title="Privacy notice", slug="privacy", body="<p>We keep little.</p>")
    home.add_child(instance=page)
    return page


def edit(client, page):
    return client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))


def test_no_page_offers_show_in_menus(admin_client, campaign, information_page):
    add_campaign = reverse(
        "wagtailadmin_pages:add", args=["campaigns", "campaignpage", campaign.get_parent().pk]
    )
    for response in (
        admin_client.get(add_campaign),
        edit(admin_client, campaign),
        edit(admin_client, campaign.get_parent()),
        edit(admin_client, information_page),
    ):
        assert response.status_code == 200
        assert "show_in_menus" not in response.context["form"].fields
        assert "For site menus" not in response.content.decode()


def test_the_slug_help_shows_the_pages_address_on_this_site(admin_client, campaign, home):
    help_text = help_text_of(edit(admin_client, campaign), "slug")

    assert help_text == (
        "Lower-case words joined by hyphens: the last part of the page's address, "
        "http://testserver/en/hong-kong/"
    )

    add_campaign = reverse("wagtailadmin_pages:add", args=["campaigns", "campaignpage", home.pk])
    response = admin_client.get(add_campaign)
    assert help_text_of(response, "slug").endswith("http://testserver/en/name-of-the-page/")
    assert "domain.com" not in response.content.decode()


def test_no_tab_holds_only_a_note_and_the_schedule_still_opens(admin_client, campaign):
    for page, expected in (
        (campaign, ["Content", "Action form", "Email", "Promote"]),
        (campaign.get_parent(), ["Content", "Promote"]),
    ):
        response = edit(admin_client, page)

        assert tabs(response) == expected
        # The schedule dialog's fields (Wagtail's settings panels) are still in the form.
        assert 'id="schedule-publishing-dialog"' in response.content.decode()
        assert {"go_live_at", "expire_at"} <= set(response.context["form"].fields)


def test_the_page_type_chooser_describes_each_type(admin_client, home):
    response = admin_client.get(reverse("wagtailadmin_pages:add_subpage", args=[home.pk]))

    text = re.sub(r"\s+", " ", response.content.decode())
    assert (
        "A campaign: its story, its demands and the form supporters sign, in every language."
        in text
    )
    assert "A page of text, such as the privacy notice or how to contact us." in text


def test_the_hero_images_alt_text_is_read_in_the_hero_the_lists_and_link_previews(client, home):
    image = Image.objects.create(title="IMG_0042.jpg", file=get_test_image_file())
    page = CampaignPageFactory(
        parent=home,
        slug="vigil",
        hero_image=image,
        hero_image_alt="Candles held up in Victoria Park",
    )
    page.save_revision().publish()

    campaign_html = client.get(page.url).content.decode()
    home_html = client.get(home.url).content.decode()

    hero = BeautifulSoup(campaign_html, "html.parser").select_one("img.hero__image")
    assert hero["alt"] == "Candles held up in Victoria Park"
    assert '<meta property="og:image:alt" content="Candles held up in Victoria Park">' in (
        campaign_html
    )
    assert re.search(r'<img[^>]*class="campaign-card__image"[^>]*>', home_html)
    card_image = re.search(r'<img[^>]*class="campaign-card__image"[^>]*>', home_html).group(0)
    assert 'alt="Candles held up in Victoria Park"' in card_image
