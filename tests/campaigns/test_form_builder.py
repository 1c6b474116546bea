"""The form builder: empty first choices, choices that keep their value in every language, a
Country field stored as its code and named in each language, the editor's panel."""

import csv
import io
import json
import logging

import pytest
from bs4 import BeautifulSoup
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from openpyxl import load_workbook
from wagtail.users.models import UserProfile

from campaigns.models import CampaignSubmission
from campaigns.models.form_builder_panel import petition_fields
from tests.factories import CampaignFormFieldFactory


def form_of(client, page):
    response = client.get(page.url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser").select_one(".action-form")


def options(form, name):
    return [
        (option["value"], option.get_text(strip=True))
        for option in form.select(f"[name={name}] option")
    ]


def add_field(page, **spec):
    CampaignFormFieldFactory(page=page, sort_order=99, **spec)
    page.save_revision().publish()


# --- Dropdowns -----------------------------------------------------------------------------


@pytest.fixture
def with_dropdown(campaign):
    add_field(campaign, label="Age group", field_type="dropdown", choices="Under 18\n18 to 30")
    return campaign


def test_a_required_dropdown_starts_empty_and_skipping_it_is_an_error(
    client, with_dropdown, valid_post
):
    assert options(form_of(client, with_dropdown), "age_group") == [
        ("", "Choose…"),
        ("Under 18", "Under 18"),
        ("18 to 30", "18 to 30"),
    ]

    response = client.post(with_dropdown.url, {**valid_post, "age_group": ""})

    assert not CampaignSubmission.objects.exists()
    assert "Select an option for age group" in response.content.decode()

    client.post(with_dropdown.url, {**valid_post, "age_group": "18 to 30"}, follow=True)
    assert CampaignSubmission.objects.get().form_data["age_group"] == "18 to 30"


def test_an_optional_dropdown_skipped_stores_no_answer(client, campaign, valid_post):
    add_field(campaign, label="Age group", field_type="dropdown", choices="A\nB", required=False)
    assert options(form_of(client, campaign), "age_group")[0] == ("", "Choose…")

    client.post(campaign.url, valid_post, follow=True)

    assert CampaignSubmission.objects.get().form_data["age_group"] == ""


# --- Choices in every language -------------------------------------------------------------


def test_a_translation_with_other_lines_shows_and_stores_the_source_choices(
    client, with_dropdown, zh_homes, translate, valid_post, caplog
):
    # The translator wrote three lines for two (a third, or a line split in two).
    chinese = translate(
        with_dropdown,
        "zh-hant",
        {"Age group": "年齡組別", "Under 18<br/>18 to 30": "18歲以下<br/>18至<br/>30歲"},
    )
    assert chinese.form_fields.get(label="年齡組別").choices.count("\n") == 2

    with caplog.at_level(logging.WARNING, logger="campaigns.signing.forms"):
        shown = options(form_of(client, chinese), "age_group")

    assert shown[0][0] == ""
    assert shown[1:] == [("Under 18", "Under 18"), ("18 to 30", "18 to 30")]
    assert "do not line up with the source's" in caplog.text
    assert "'Age group'" in caplog.text

    client.post(chinese.url, {**valid_post, "age_group": "18至"}, follow=True)
    assert not CampaignSubmission.objects.exists()  # a Chinese label is not an answer
    client.post(chinese.url, {**valid_post, "age_group": "Under 18"}, follow=True)
    assert CampaignSubmission.objects.get().form_data["age_group"] == "Under 18"


def test_checkboxes_keep_their_source_values_and_defaults_in_chinese(
    client, campaign, zh_homes, translate, valid_post
):
    add_field(
        campaign,
        label="Topics",
        field_type="checkboxes",
        choices="Press freedom\nFair trials",
        default_value="Fair trials",
        required=False,
    )
    chinese = translate(
        campaign,
        "zh-hans",
        {
            "Topics": "议题",
            "Press freedom<br/>Fair trials": "新闻自由<br/>公平审判",
            "Fair trials": "公平审判",
        },
    )

    form = form_of(client, chinese)
    boxes = {
        box["value"]: (
            form.find("label", attrs={"for": box["id"]}).get_text(strip=True),
            box.has_attr("checked"),
        )
        for box in form.select("[name=topics]")
    }
    assert boxes == {"Press freedom": ("新闻自由", False), "Fair trials": ("公平审判", True)}

    client.post(
        chinese.url, {**valid_post, "topics": ["Press freedom", "Fair trials"]}, follow=True
    )
    assert CampaignSubmission.objects.get().form_data["topics"] == ["Press freedom", "Fair trials"]


def test_a_checkbox_is_never_ticked_in_advance(client, campaign):
    consent = campaign.form_fields.get(field_type="checkbox")
    consent.default_value = "on"  # typed before the editor made it a checkbox
    consent.save()
    campaign.save_revision().publish()

    box = form_of(client, campaign).select_one(f"[name={consent.clean_name}]")

    assert not box.has_attr("checked")


# --- Country -------------------------------------------------------------------------------


@pytest.fixture
def with_country(campaign):
    """The campaign with its country asked as a Country field, not as text."""
    campaign.form_fields.filter(clean_name="country").update(field_type="country")
    campaign.save_revision().publish()
    return campaign


def zh_translations(page, translate):
    return {language: translate(page, language) for language in ("zh-hant", "zh-hans")}


@pytest.mark.parametrize(
    ("language", "united_kingdom", "hong_kong"),
    [
        ("en", "United Kingdom", "Hong Kong"),
        ("zh-hant", "英國", "香港"),
        ("zh-hans", "英国", "香港"),
    ],
)
def test_countries_are_named_in_the_page_language_and_stored_as_their_code(
    client, with_country, zh_homes, translate, valid_post, language, united_kingdom, hong_kong
):
    pages = {"en": with_country, **zh_translations(with_country, translate)}

    listed = dict(options(form_of(client, pages[language]), "country"))

    assert list(listed)[:2] == ["", "HK"]  # settings.COUNTRIES_FIRST
    assert listed["GB"] == united_kingdom
    assert listed["HK"] == hong_kong
    assert len(listed) > 240

    client.post(pages[language].url, {**valid_post, "country": "GB"}, follow=True)
    assert CampaignSubmission.objects.get().form_data["country"] == "GB"


def test_a_country_typed_as_text_is_refused(client, with_country, valid_post):
    response = client.post(with_country.url, {**valid_post, "country": "United Kingdom"})

    assert response.status_code == 200
    assert not CampaignSubmission.objects.exists()


def test_one_country_whatever_the_language_is_one_answer_named_in_lists_exports_and_emails(
    client, admin_client, with_country, zh_homes, translate, valid_post, deliver
):
    with_country.to_address = "team@example.org"
    with_country.save_revision().publish()
    pages = {"en": with_country, **zh_translations(with_country, translate)}
    for language, page in pages.items():
        post = {**valid_post, "country": "GB", "email": f"{language}@example.org"}
        client.post(page.url, post, follow=True)
    deliver()

    # Encrypted at rest: read through the model.
    assert [row.form_data["country"] for row in CampaignSubmission.objects.all()] == ["GB"] * 3
    # The team's list, its CSV export, and the emails it receives name the country.
    listing = admin_client.get(f"/admin/forms/submissions/{with_country.pk}/")
    cells = [
        td.get_text(strip=True)
        for td in BeautifulSoup(listing.content, "html.parser").select("td")
    ]
    assert cells.count("United Kingdom") == 3
    assert "GB" not in cells
    export = admin_client.get(f"/admin/forms/submissions/{with_country.pk}/", {"export": "csv"})
    rows = list(
        csv.DictReader(io.StringIO(b"".join(export.streaming_content).decode("utf-8-sig")))
    )
    assert [row["Country"] for row in rows] == ["United Kingdom"] * 3
    xlsx = admin_client.get(f"/admin/forms/submissions/{with_country.pk}/", {"export": "xlsx"})
    sheet = load_workbook(io.BytesIO(b"".join(xlsx.streaming_content))).active
    column = [cell.value for cell in next(sheet.iter_rows(max_row=1))].index("Country")
    assert [row[column] for row in sheet.iter_rows(min_row=2, values_only=True)] == [
        "United Kingdom"
    ] * 3
    notifications = [message for message in mail.outbox if message.to == ["team@example.org"]]
    assert len(notifications) == 3
    assert all("United Kingdom" in message.body for message in notifications)
    assert not any("英國" in message.body for message in notifications)


def test_the_listing_names_countries_in_the_admin_language(
    admin_client, with_country, valid_post, client
):
    client.post(with_country.url, {**valid_post, "country": "HK"}, follow=True)
    profile = UserProfile.get_for_user(admin_client.get("/admin/").wsgi_request.user)
    profile.preferred_language = "zh-hant"
    profile.save()

    listing = admin_client.get(f"/admin/forms/submissions/{with_country.pk}/")

    cells = [
        td.get_text(strip=True)
        for td in BeautifulSoup(listing.content, "html.parser").select("td")
    ]
    assert "香港" in cells


# --- The editor's panel --------------------------------------------------------------------


def controller_of(admin_client, url):
    response = admin_client.get(url)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    return soup.select_one("[data-controller~=form-builder]")


def test_a_new_campaign_offers_the_petition_fields_in_its_language(admin_client, home):
    controller = controller_of(admin_client, f"/admin/pages/add/campaigns/campaignpage/{home.pk}/")

    assert controller.select_one("[data-action='form-builder#addPetitionFields']")
    preset = json.loads(controller["data-form-builder-preset-value"])
    assert [(field["label"], field["field_type"]) for field in preset] == [
        ("First name", "singleline"),
        ("Family name", "singleline"),
        ("Email", "email"),
        ("Country", "country"),
        ("Your message", "multiline"),
        ("I agree that my name and message are sent to the decision-makers", "checkbox"),
    ]
    assert [field["required"] for field in preset] == [True, True, True, True, False, True]
    assert json.loads(controller["data-form-builder-choice-types-value"]) == [
        "checkboxes",
        "dropdown",
        "multiselect",
        "radio",
    ]
    assert "checkbox" not in json.loads(controller["data-form-builder-default-types-value"])
    # The country type among those of a new field (the formset's template for one).
    assert 'value="country"' in str(controller).replace("\\u0022", '"')


def test_a_chinese_page_is_offered_chinese_labels_whatever_the_editor_reads(
    admin_client, zh_homes
):
    home = zh_homes["zh-hant"]

    controller = controller_of(admin_client, f"/admin/pages/add/campaigns/campaignpage/{home.pk}/")

    preset = json.loads(controller["data-form-builder-preset-value"])
    with translation.override("zh-hant"):
        assert preset == json.loads(json.dumps(petition_fields()))
    # The admin is in English; the labels are the page's ("Email" and "Country" are in the
    # catalogs already).
    labels = [field["label"] for field in preset]
    assert "電郵" in labels
    assert "國家或地區" in labels


def test_a_form_with_fields_is_not_offered_the_preset(admin_client, campaign):
    controller = controller_of(admin_client, f"/admin/pages/{campaign.pk}/edit/")

    assert controller is not None
    assert not controller.select_one("[data-action='form-builder#addPetitionFields']")


def test_naming_countries_costs_the_listing_no_query_per_signature(
    admin_client, client, with_country, valid_post
):
    url = f"/admin/forms/submissions/{with_country.pk}/"

    def queries_for_listing():
        with CaptureQueriesContext(connection) as queries:
            assert admin_client.get(url).status_code == 200
        return len(queries)

    client.post(with_country.url, {**valid_post, "email": "0@example.org", "country": "HK"})
    queries_for_listing()  # the first look also loads what the admin then keeps
    one = queries_for_listing()
    for n in range(1, 6):
        client.post(with_country.url, {**valid_post, "email": f"{n}@example.org", "country": "GB"})
    assert CampaignSubmission.objects.count() == 6

    assert queries_for_listing() == one
