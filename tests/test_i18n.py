"""One campaign in three languages: URLs, switcher, translated forms, one list of signatures."""

import csv
import io

import pytest
from bs4 import BeautifulSoup
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail_localize.models import StringSegment, TranslationSource

from campaigns.models import CampaignFormField, CampaignSubmission
from tests.factories import CampaignFormFieldFactory

# --- URLs and languages --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("accept_language", "prefix"),
    [
        ("zh-HK,zh;q=0.9,en;q=0.8", "/zh-hant/"),
        ("zh-TW", "/zh-hant/"),
        ("zh-Hant", "/zh-hant/"),
        ("zh-CN,zh;q=0.9", "/zh-hans/"),
        ("zh-SG", "/zh-hans/"),
        ("zh-Hans", "/zh-hans/"),
        ("en-GB,en;q=0.9", "/en/"),
        ("fr-FR", "/en/"),
        ("", "/en/"),
    ],
)
def test_root_redirects_by_accept_language(client, zh_homes, accept_language, prefix):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE=accept_language)

    assert response.status_code == 302
    assert response["Location"] == prefix


def test_chinese_page_has_the_right_lang_and_chinese_interface(client, zh_campaigns):
    soup = BeautifulSoup(client.get(zh_campaigns["zh-hant"].url).content, "html.parser")

    # Hong Kong's Chinese, so that screen readers speak Cantonese and browsers draw Hong Kong's
    # glyph forms; the URL keeps Django's code.
    assert soup.html["lang"] == "zh-Hant-HK"
    assert zh_campaigns["zh-hant"].url.startswith("/zh-hant/")
    assert soup.find(class_="skip-link").get_text() == "跳至主要內容"
    assert (
        soup.find("label", attrs={"for": "id_first_name"}).get_text(strip=True).startswith("名字")
    )


def test_switcher_and_hreflang_link_only_live_translations(client, campaign, zh_homes, translate):
    translate(campaign, "zh-hant")
    translate(campaign, "zh-hans", publish=False)

    soup = BeautifulSoup(client.get(campaign.url).content, "html.parser")

    switcher = soup.find("nav", class_="language-switcher")
    assert [(a["hreflang"], a["lang"]) for a in switcher.find_all("a")] == [
        ("zh-Hant-HK", "zh-Hant-HK")
    ]
    assert switcher.find(attrs={"aria-current": "true"}).get_text() == "English"
    assert soup.html["lang"] == "en-GB"
    alternates = {
        link["hreflang"]: link["href"] for link in soup.find_all("link", rel="alternate")
    }
    # The English page for readers whose language is none of these.
    assert alternates == {
        "en-GB": f"http://testserver{campaign.url}",
        "x-default": f"http://testserver{campaign.url}",
        "zh-Hant-HK": f"http://testserver/zh-hant/{campaign.slug}/",
    }


@pytest.mark.parametrize(
    ("accept_language", "prefix"),
    [
        ("yue-HK,yue;q=0.9", "/zh-hant/"),
        ("yue", "/zh-hant/"),
        ("yue-Hans", "/zh-hans/"),
        ("zh-HK,zh;q=0.9,en;q=0.5", "/zh-hant/"),
        ("zh-CN", "/zh-hans/"),
        ("fr-FR", "/en/"),
    ],
)
def test_cantonese_browsers_get_hong_kong_chinese(client, home, zh_homes, accept_language, prefix):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE=accept_language)

    assert response.status_code == 302
    assert response["Location"] == prefix


def test_untranslated_page_redirects_to_a_language_it_exists_in(client, campaign, zh_homes):
    response = client.get(f"/zh-hans/{campaign.slug}/")

    assert response.status_code == 302
    assert response["Location"] == campaign.url


def test_chinese_url_never_serves_english_when_the_chinese_home_is_not_live(
    client, campaign, home, translate, valid_post
):
    translate(home, "zh-hant", publish=False)

    get = client.get(f"/zh-hant/{campaign.slug}/")
    post = client.post(f"/zh-hant/{campaign.slug}/", valid_post)

    assert get.status_code == post.status_code == 302
    assert get["Location"] == post["Location"] == campaign.url
    assert not CampaignSubmission.objects.exists()


def test_home_page_in_chinese_lists_chinese_campaigns(client, zh_campaigns, zh_homes):
    soup = BeautifulSoup(client.get(zh_homes["zh-hant"].url).content, "html.parser")

    links = [a["href"] for a in soup.select(".campaign-card__title a")]
    assert links == [zh_campaigns["zh-hant"].url]


# --- Translated forms ------------------------------------------------------------------------


def test_translated_form_posts_the_same_keys_with_translated_labels(
    client, campaign, zh_campaigns
):
    english = BeautifulSoup(client.get(campaign.url).content, "html.parser")
    chinese = BeautifulSoup(client.get(zh_campaigns["zh-hant"].url).content, "html.parser")

    def names(soup):
        return [tag["name"] for tag in soup.select(".action-form [name]")]

    assert names(chinese) == names(english)
    labels = [label.get_text(" ", strip=True) for label in chinese.select(".action-form label")]
    assert labels[0].startswith("名字")


def test_a_translation_cannot_change_a_field_key(campaign, zh_homes, translate):
    source, _created = TranslationSource.get_or_create_from_instance(campaign)
    paths = StringSegment.objects.filter(source=source).values_list("context__path", flat=True)

    # Labels are offered to translators; keys and the recipients are not.
    assert any(path.endswith(".label") for path in paths)
    assert not any(path.endswith(".clean_name") for path in paths)
    assert "to_address" not in paths

    # And translating a label never renames the key it was derived from.
    translated = translate(campaign, "zh-hant", {"First name": "名字"})
    field = translated.form_fields.get(label="名字")
    assert field.clean_name == "first_name"
    assert translated.to_address == campaign.to_address


def test_choices_keep_their_value_in_every_language(
    client, campaign, zh_homes, translate, valid_post, deliver
):
    CampaignFormFieldFactory(
        page=campaign,
        label="Age group",
        field_type="radio",
        choices="Under 18\n18 to 30\nOver 30",
        sort_order=99,
    )
    campaign.save_revision().publish()
    chinese = translate(
        campaign,
        "zh-hant",
        {
            "Age group": "年齡組別",
            "Under 18<br/>18 to 30<br/>Over 30": "18歲以下<br/>18至30歲<br/>30歲以上",
        },
    )

    soup = BeautifulSoup(client.get(chinese.url).content, "html.parser")
    options = {
        radio["value"]: soup.find("label", attrs={"for": radio["id"]}).get_text(strip=True)
        for radio in soup.find_all("input", attrs={"name": "age_group"})
    }
    assert options == {"Under 18": "18歲以下", "18 to 30": "18至30歲", "Over 30": "30歲以上"}

    client.post(chinese.url, {**valid_post, "age_group": "18 to 30"}, follow=True)
    assert CampaignSubmission.objects.get().form_data["age_group"] == "18 to 30"


# --- One list of signatures ----------------------------------------------------------------


def sign_in_every_language(client, campaign, zh_campaigns, valid_post, deliver):
    client.post(campaign.url, {**valid_post, "email": "en@example.org"}, follow=True)
    client.post(
        zh_campaigns["zh-hant"].url, {**valid_post, "email": "hant@example.org"}, follow=True
    )
    client.post(
        zh_campaigns["zh-hans"].url, {**valid_post, "email": "hans@example.org"}, follow=True
    )
    deliver()


def test_signatures_record_their_language_and_count_across_languages(
    client, campaign, zh_campaigns, valid_post, deliver
):
    sign_in_every_language(client, campaign, zh_campaigns, valid_post, deliver)

    languages = {s.form_data["email"]: s.language for s in CampaignSubmission.objects.all()}
    assert languages == {
        "en@example.org": "en",
        "hant@example.org": "zh-hant",
        "hans@example.org": "zh-hans",
    }
    for page in (campaign, *zh_campaigns.values()):
        assert page.get_submissions().count() == 3


@pytest.mark.parametrize("opened_in", ["en", "zh-hant"])
def test_admin_list_and_export_show_every_language(
    admin_client, campaign, zh_campaigns, valid_post, deliver, opened_in
):
    sign_in_every_language(admin_client, campaign, zh_campaigns, valid_post, deliver)
    page = campaign if opened_in == "en" else zh_campaigns[opened_in]

    listing = admin_client.get(f"/admin/forms/submissions/{page.pk}/").content.decode()
    export = admin_client.get(f"/admin/forms/submissions/{page.pk}/", {"export": "csv"})
    rows = list(csv.DictReader(io.StringIO(b"".join(export.streaming_content).decode())))

    for address in ("en@example.org", "hant@example.org", "hans@example.org"):
        assert address in listing
    assert sorted(row["Language"] for row in rows) == ["English", "简体中文", "繁體中文"]
    # Keys line up: one Email column, filled in every row, whatever the language.
    email_column = [key for key in rows[0] if "@" in rows[0][key]]
    assert len(email_column) == 1
    assert all(row[email_column[0]] for row in rows)


def test_deleting_a_translation_keeps_its_signatures(
    client, campaign, zh_campaigns, valid_post, deliver
):
    sign_in_every_language(client, campaign, zh_campaigns, valid_post, deliver)

    zh_campaigns["zh-hant"].delete()

    assert campaign.get_submissions().count() == 3
    assert CampaignSubmission.objects.get(language="zh-hant").page is None


def test_supporter_is_thanked_in_their_language_and_the_team_told_which(
    client, campaign, zh_campaigns, valid_post, deliver
):
    response = client.post(zh_campaigns["zh-hant"].url, valid_post, follow=True)
    deliver()

    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.find(id="thank-you-heading").get_text() == "感謝你採取行動"
    assert "多謝你的聯署。" in soup.get_text()
    supporter = next(m for m in mail.outbox if m.to == [valid_post["email"]])
    assert supporter.subject.startswith("感謝你採取行動：")
    # The email's own words, in the language they signed in (the default ones here).
    assert "多謝你聯署。" in supporter.body
    team = next(m for m in mail.outbox if m.to == [campaign.to_address])
    assert "Language: 繁體中文" in team.body
    assert team.subject.startswith("New signature:")


def test_form_fields_are_translatable_model_instances(campaign, zh_campaigns):
    english = set(campaign.form_fields.values_list("translation_key", "clean_name"))
    chinese = set(
        CampaignFormField.objects.filter(page=zh_campaigns["zh-hant"]).values_list(
            "translation_key", "clean_name"
        )
    )
    assert chinese == english


def test_a_new_translation_is_not_live_until_someone_publishes_it(campaign, zh_homes, locales):
    from wagtail_localize.operations import TranslationCreator

    TranslationCreator(user=None, target_locales=[locales["zh-hans"]]).create_translations(
        campaign
    )

    assert campaign.live
    assert not campaign.get_translation(locales["zh-hans"]).live


def test_not_found_page_offers_every_language(client, zh_homes):
    response = client.get("/zh-hant/no-such-page/")

    assert response.status_code == 404
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.find("h1").get_text() == "找不到頁面"
    links = soup.find("nav", class_="language-switcher").find_all("a")
    assert [a["href"] for a in links] == ["/en/", "/zh-hans/"]


def switcher_languages(client, url):
    """The other languages the switcher links to (it is left out when there are none)."""
    switcher = BeautifulSoup(client.get(url).content, "html.parser").find(
        "nav", class_="language-switcher"
    )
    return [a["href"].split("/")[1] for a in switcher.find_all("a")] if switcher else []


def test_the_switcher_follows_translations_published_and_unpublished(
    client, campaign, zh_homes, translate
):
    # The switcher is kept with the cached routes (caching/routes.py): the first view
    # fills it, and each change below must show on the very next view.
    assert switcher_languages(client, campaign.url) == []
    assert switcher_languages(client, campaign.url) == []

    chinese = translate(campaign, "zh-hant")
    assert switcher_languages(client, campaign.url) == ["zh-hant"]

    chinese.unpublish()
    assert switcher_languages(client, campaign.url) == []


def test_the_switcher_costs_no_query_on_a_second_view(client, campaign, zh_homes, translate):
    translate(campaign, "zh-hant")
    client.get(campaign.url)

    with CaptureQueriesContext(connection) as queries:
        client.get(campaign.url)

    assert not [q for q in queries if '"translation_key" =' in q["sql"]]


def test_not_found_page_offers_open_campaigns_in_the_readers_language(
    client, campaign, home, zh_homes, translate
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.factories import CampaignPageFactory

    CampaignPageFactory(parent=home, title="Closed one", closed=True)
    translate(campaign, "zh-hant", {campaign.title: "捍衞香港的權利"})
    client.get("/zh-hant/no-such-page/")  # the list is kept with the routes

    with CaptureQueriesContext(connection) as queries:
        response = client.get("/zh-hant/no-such-page/")

    assert not [query for query in queries if "campaigns_campaignpage" in query["sql"]]

    soup = BeautifulSoup(response.content, "html.parser")
    section = soup.find(attrs={"aria-labelledby": "open-campaigns-heading"})
    assert [(a.get_text(), a["href"]) for a in section.find_all("a")] == [
        ("捍衞香港的權利", f"/zh-hant/{campaign.slug}/")
    ]
    english = BeautifulSoup(client.get("/en/no-such-page/").content, "html.parser")
    section = english.find(attrs={"aria-labelledby": "open-campaigns-heading"})
    assert [a.get_text() for a in section.find_all("a")] == [campaign.title]
    assert english.find("a", string="See all our campaigns")["href"] == "/en/"
