"""The organisation's settings: edited under Settings, translated in wagtail-localize, shown in
the reader's language (header, footer, privacy notice by every consent box)."""

import pytest
from bs4 import BeautifulSoup

from home.models import InformationPage
from organisation.models import OrganisationSettings


def soup_of(client, url, data=None):
    # Signing redirects to the thanks (POST, redirect, GET).
    response = client.get(url) if data is None else client.post(url, data, follow=True)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


@pytest.fixture
def privacy(home, campaign, organisation):
    page = InformationPage(title="Privacy notice", slug="privacy", body="<p>We keep little.</p>")
    home.add_child(instance=page)
    page.save_revision().publish()
    organisation.privacy_page = page
    organisation.save()
    return page


def test_zh_hant_settings_are_shown_on_zh_hant_pages(
    client, organisation, zh_campaigns, translate
):
    zh_hant = translate(
        organisation,
        "zh-hant",
        {"Rights Watch": "人權守望", organisation.default_share_text: "與權利受威脅的人同行"},
    )
    assert zh_hant.locale.language_code == "zh-hant"
    assert OrganisationSettings.objects.count() == 2

    en = soup_of(client, "/en/hong-kong/")
    hant = soup_of(client, "/zh-hant/hong-kong/")
    hans = soup_of(client, "/zh-hans/hong-kong/")

    assert hant.find(class_="site-header__name").get_text() == "人權守望"
    assert hant.title.get_text().endswith("· 人權守望")
    assert hant.find("meta", property="og:site_name")["content"] == "人權守望"
    assert en.find(class_="site-header__name").get_text() == "Rights Watch"
    # Not translated into Simplified Chinese yet: the default language's settings.
    assert hans.find(class_="site-header__name").get_text() == "Rights Watch"


def test_zh_hant_default_share_text_is_shared_from_zh_hant_pages(
    client, organisation, zh_campaigns, translate, valid_post
):
    translate(organisation, "zh-hant", {organisation.default_share_text: "與權利受威脅的人同行"})

    soup = soup_of(client, "/zh-hant/hong-kong/", valid_post)

    assert soup.find(class_="share__text").get_text() == "與權利受威脅的人同行"


def test_without_settings_the_site_name_stays_the_translated_default(client, zh_campaigns):
    assert OrganisationSettings.objects.count() == 0

    soup = soup_of(client, "/zh-hant/hong-kong/")

    assert soup.find(class_="site-header__name").get_text() == "人權行動平台"
    assert not soup.find(class_="site-footer__social")


def test_footer_links_to_the_social_accounts_in_the_readers_language(
    client, organisation, zh_campaigns
):
    en = soup_of(client, "/en/hong-kong/").find("nav", class_="site-footer__social")
    hant = soup_of(client, "/zh-hant/hong-kong/").find("nav", class_="site-footer__social")

    assert en["aria-label"] == "Follow us"
    assert [(a.get_text(), a["href"]) for a in en.find_all("a")] == [
        ("Follow us on X", "https://x.com/rightswatch"),
        ("Follow us on Facebook", "https://www.facebook.com/rightswatch"),
        ("Follow us on Instagram", "https://www.instagram.com/rightswatch"),
        ("Follow us on Telegram", "https://t.me/rightswatch"),
        ("Follow us on WhatsApp", "https://whatsapp.com/channel/rightswatch"),
    ]
    assert all("noopener" in a["rel"] for a in en.find_all("a"))
    assert hant["aria-label"] == "追蹤我們"
    assert hant.find("a").get_text() == "在 X 追蹤我們"


def test_privacy_notice_beside_every_consent_checkbox_in_the_readers_language(
    client, campaign, privacy, zh_campaigns, translate
):
    zh_privacy = translate(privacy, "zh-hant", {"Privacy notice": "私隱政策"})

    def consent_links(url):
        soup = soup_of(client, url)
        checkbox = soup.find("input", type="checkbox", attrs={"name": "i_agree_to_be_contacted"})
        field = checkbox.find_parent(class_="field")
        return [a["href"] for a in field.find_all("a")], soup

    links, en = consent_links("/en/hong-kong/")
    assert links == ["/en/privacy/"]
    assert (
        en.find(class_="field__privacy")
        .a.get_text(" ", strip=True)
        .startswith("How we use your details")
    )
    links, hant = consent_links("/zh-hant/hong-kong/")
    assert links == [zh_privacy.url] == ["/zh-hant/privacy/"]
    assert hant.find(class_="field__privacy").a.get_text(" ", strip=True) == (
        "我們如何使用你的資料：私隱政策 （在新分頁開啟）"
    )
    # No Simplified Chinese privacy notice yet: the English one, rather than none.
    links, _soup = consent_links("/zh-hans/hong-kong/")
    assert links == ["/en/privacy/"]
    # And in the footer.
    assert hant.find("footer").find("a", href="/zh-hant/privacy/").get_text() == "私隱政策"


def test_an_unpublished_privacy_notice_is_not_linked(client, campaign, privacy):
    privacy.unpublish()

    soup = soup_of(client, "/en/hong-kong/")

    assert not soup.find(class_="field__privacy")
    assert not soup.find("footer").find("a", string="Privacy notice")


def test_editors_find_the_settings_under_settings_and_can_translate_them(
    admin_client, organisation, locales
):
    menu = admin_client.get("/admin/").content.decode()
    edit_url = f"/admin/snippets/organisation/organisationsettings/edit/{organisation.pk}/"
    assert "/admin/snippets/organisation/organisationsettings/" in menu

    response = admin_client.get(edit_url)
    assert response.status_code == 200
    html = response.content.decode()
    for name in ("name", "privacy_page", "default_share_text", "x_url", "whatsapp_url"):
        assert f'name="{name}"' in html
    # wagtail-localize offers its translation workflow for this snippet, from the listing.
    submit_url = (
        f"/admin/localize/submit/snippet/organisation/organisationsettings/{organisation.pk}/"
    )
    listing = admin_client.get("/admin/snippets/organisation/organisationsettings/")
    assert submit_url in listing.content.decode()
    response = admin_client.post(submit_url, {"locales": [locales["zh-hant"].pk]})
    assert response.status_code == 302
    assert organisation.has_translation(locales["zh-hant"])


def test_one_settings_row_per_language(organisation):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        OrganisationSettings.objects.create(locale=organisation.locale, name="Another")


def test_the_privacy_notice_costs_the_same_queries_for_any_number_of_consent_boxes(
    client, campaign, privacy
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.factories import CampaignFormFieldFactory

    def queries():
        client.get(campaign.url)
        with CaptureQueriesContext(connection) as captured:
            html = client.get(campaign.url).content.decode()
        return len(captured), html.count('class="field__help field__privacy"')

    one_box, boxes = queries()
    assert boxes == 1
    for n in range(3):
        CampaignFormFieldFactory(page=campaign, label=f"I also agree {n}", field_type="checkbox")
    campaign.save_revision().publish()

    assert queries() == (one_box, 4)


@pytest.mark.django_db
def test_editors_and_moderators_may_edit_the_settings_translators_may_not():
    from django.contrib.auth.models import Group

    def codenames(name):
        return set(
            Group.objects.get(name=name)
            .permissions.filter(content_type__app_label="organisation")
            .values_list("codename", flat=True)
        )

    expected = {
        "add_organisationsettings",
        "change_organisationsettings",
        "view_organisationsettings",
    }
    assert codenames("Editors") == expected
    assert codenames("Moderators") == expected
    assert codenames("Translators") == set()


@pytest.fixture
def page_cache(settings):
    from django.core.cache import cache

    settings.PAGE_CACHE_SECONDS = 300
    cache.clear()
    yield
    cache.clear()


def test_cached_pages_are_purged_when_the_settings_change(
    client, page_cache, organisation, zh_campaigns, translate
):
    urls = ["/en/", "/en/hong-kong/", "/zh-hant/hong-kong/"]
    for url in urls:
        assert "Rights Watch" in client.get(url).content.decode()

    organisation.name = "Rights Watch International"
    organisation.save()
    translate(organisation, "zh-hant", {"Rights Watch International": "國際人權守望"})

    assert "Rights Watch International" in client.get("/en/").content.decode()
    assert "Rights Watch International" in client.get("/en/hong-kong/").content.decode()
    assert "國際人權守望" in client.get("/zh-hant/hong-kong/").content.decode()


def test_cached_pages_are_purged_when_the_privacy_notice_is_unpublished(
    client, page_cache, campaign, privacy
):
    assert 'href="/en/privacy/"' in client.get(campaign.url).content.decode()

    privacy.unpublish()

    assert 'href="/en/privacy/"' not in client.get(campaign.url).content.decode()


def test_settings_are_read_once_then_kept_until_they_change(client, home, organisation):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from organisation.models import OrganisationSettings

    def settings_queries():
        with CaptureQueriesContext(connection) as queries:
            client.get(home.url)
        return sum("organisation_organisationsettings" in q["sql"] for q in queries)

    assert settings_queries() == 1
    assert settings_queries() == 0
    row = OrganisationSettings.objects.get(locale__language_code="en")
    row.name = "A renamed organisation"
    row.save()
    assert settings_queries() == 1
    assert b"A renamed organisation" in client.get(home.url).content


def test_the_logo_is_in_the_header_and_is_the_sites_icon(client, campaign, organisation):
    from wagtail.images.models import Image
    from wagtail.images.tests.utils import get_test_image_file

    organisation.logo = Image.objects.create(
        title="Logo", file=get_test_image_file(size=(600, 600))
    )
    organisation.save()

    page = soup_of(client, campaign.url)

    logo = page.select_one(".site-header__name img")
    assert logo["alt"] == ""  # the name beside it says who
    # Drawn at 40 px, with files for screens of 1x to 3x, AVIF and WebP first.
    assert (logo["width"], logo["height"]) == ("40", "40")
    assert logo.parent.name == "picture"
    assert [s["type"] for s in logo.parent.find_all("source")] == ["image/avif", "image/webp"]
    assert [c.split()[1] for c in logo["srcset"].split(", ")] == ["40w", "80w", "120w"]
    assert page.select_one(".site-header__name").get_text(strip=True) == "Rights Watch"
    icon = page.find("link", rel="icon")
    assert icon["type"] == "image/png" and icon["sizes"] == "32x32"
    assert "fill-32x32" in icon["href"]
    assert "fill-180x180" in page.find("link", rel="apple-touch-icon")["href"]


def test_without_a_logo_the_site_has_an_icon_of_its_own(client, campaign, organisation):
    page = soup_of(client, campaign.url)

    assert page.select_one(".site-header__name img") is None
    icon = page.find("link", rel="icon")
    assert icon["type"] == "image/svg+xml" and icon["href"].endswith(".svg")
    from django.contrib.staticfiles import finders

    assert finders.find("icons/favicon.svg")
