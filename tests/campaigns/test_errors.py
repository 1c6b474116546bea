"""The form's errors as the GOV.UK Design System shows them: a summary headed "There is a problem"
linking to each field, "Error: " before the title, a message above each field naming it, our own
words per field type, and never an internal name (campaigns.signing.errors, .forms)."""

import re
import time

import pytest
from bs4 import BeautifulSoup

from campaigns.models import CampaignSubmission
from campaigns.signing.errors import in_sentence
from tests.factories import CampaignFormFieldFactory

INTERNAL = re.compile(r"hp[_ ]|form[_ ]token|recaptcha|Leave this field empty|clean_name", re.I)


def soup_of(response):
    return BeautifulSoup(response.content, "html.parser")


def summary_items(soup):
    return [(a.get_text(strip=True), a["href"]) for a in soup.select(".error-summary li a")]


def field_error(soup, name):
    widget = soup.find(attrs={"name": name})
    error = widget.find_parent(class_="field").find(class_="field__error")
    return error.get_text(strip=True) if error else None


def test_an_empty_form_has_a_summary_that_links_to_every_field_in_order(client, campaign):
    soup = soup_of(client.post(campaign.url, {}))

    summary = soup.find(class_="error-summary")
    assert summary["role"] == "alert"
    assert summary["tabindex"] == "-1"
    assert summary.find(id=summary["aria-labelledby"]).get_text(strip=True) == "There is a problem"
    assert summary_items(soup) == [
        ("Enter first name", "#id_first_name"),
        ("Enter last name", "#id_last_name"),
        ("Enter email", "#id_email"),
        ("Enter country", "#id_country"),
        ("Enter your message", "#id_your_message"),
        ("Tick the box: I agree to be contacted", "#id_i_agree_to_be_contacted"),
    ]
    # Each link leads to an input that is there, described by its error.
    for _text, href in summary_items(soup):
        widget = soup.find(id=href[1:])
        assert widget["aria-invalid"] == "true"
        assert f"{widget['id']}_error" in widget["aria-describedby"].split()
    # Focused on load by a script of ours (the CSP allows no inline script).
    assert "data-focus-on-load" in summary.attrs
    assert soup.find("script", src=re.compile(r"/js/error-summary\.js$")) is not None


def test_the_title_starts_with_error_only_when_the_form_has_errors(client, campaign, valid_post):
    title = soup_of(client.post(campaign.url, {})).title.get_text()
    assert title.startswith("Error: Protect rights in Hong Kong")

    assert not soup_of(client.get(campaign.url)).title.get_text().startswith("Error")
    assert soup_of(client.get(campaign.url)).find(class_="error-summary") is None


def test_each_message_is_above_its_field_with_a_hidden_error_prefix(client, campaign):
    soup = soup_of(client.post(campaign.url, {"first_name": ""}))

    wrapper = soup.find(attrs={"name": "first_name"}).find_parent(class_="field")
    children = [child for child in wrapper.children if getattr(child, "name", None)]
    assert [child.name for child in children] == ["label", "p", "input"]
    error = children[1]
    assert error["id"] == "id_first_name_error"
    assert error.find(class_="visually-hidden").get_text() == "Error: "
    # The checkbox's error sits above the box and its label.
    consent = soup.find(attrs={"name": "i_agree_to_be_contacted"}).find_parent(class_="field")
    assert consent.find(class_="field__error").find_next(class_="field__checkbox") is not None


@pytest.fixture
def every_type(campaign):
    """One optional or required field of each type the form builder offers."""
    specs = [
        ("Web page", "url", {}),
        ("Age", "number", {}),
        ("Date of birth", "date", {}),
        ("Meeting time", "datetime", {}),
        ("Age group", "dropdown", {"choices": "Under 18\n18 to 30"}),
        ("Where you heard", "radio", {"choices": "Friend\nNews"}),
        ("Topics", "checkboxes", {"choices": "Press\nSpeech"}),
        ("Languages", "multiselect", {"choices": "English\nChinese"}),
        ("Country of residence", "country", {}),
        ("Campaign code", "hidden", {"default_value": "HK-2027"}),
    ]
    for n, (label, field_type, extra) in enumerate(specs):
        CampaignFormFieldFactory(
            page=campaign, sort_order=100 + n, label=label, field_type=field_type, **extra
        )
    campaign.save_revision().publish()
    return campaign


@pytest.mark.parametrize(
    ("answers", "name", "message"),
    [
        ({}, "web_page", "Enter web page"),
        ({"web_page": "not a url"}, "web_page", "Enter a web address in the correct format"),
        ({}, "age", "Enter age"),
        ({"age": "twelve"}, "age", "Age must be a number"),
        ({"date_of_birth": "31/31/2000"}, "date_of_birth", "Date of birth must be a real date"),
        ({"meeting_time": "soon"}, "meeting_time", "Meeting time must be a real date and time"),
        ({}, "age_group", "Select an option for age group"),
        ({"age_group": "Over 90"}, "age_group", "Select an option for age group from the list"),
        ({}, "where_you_heard", "Select an option for where you heard"),
        ({}, "topics", "Select at least one option for topics"),
        ({"topics": ["Cooking"]}, "topics", "Select an option for topics from the list"),
        ({}, "languages", "Select at least one option for languages"),
        ({}, "country_of_residence", "Select your country or region"),
        ({"country_of_residence": "XX"}, "country_of_residence", "Select your country or region"),
    ],
)
def test_each_field_type_has_a_message_of_its_own(
    client, every_type, valid_post, answers, name, message
):
    soup = soup_of(client.post(every_type.url, {**valid_post, **answers}))

    assert not CampaignSubmission.objects.exists()
    assert message in field_error(soup, name)
    # The summary says the same, linked to the field (radios and checkboxes: their first).
    target = next(href for text, href in summary_items(soup) if message in text)
    assert soup.find(id=target[1:]) is not None
    assert not INTERNAL.search(soup.select_one(".error-summary").get_text())


def test_a_group_is_described_by_its_error(client, every_type, valid_post):
    soup = soup_of(client.post(every_type.url, valid_post))

    fieldset = soup.find(attrs={"name": "where_you_heard"}).find_parent("fieldset")
    assert "id_where_you_heard_error" in fieldset["aria-describedby"].split()
    assert soup.find(id="id_where_you_heard_error") is not None


def test_a_hidden_field_never_has_an_error_and_keeps_the_editors_value(
    client, campaign, valid_post
):
    CampaignFormFieldFactory(
        page=campaign,
        sort_order=99,
        label="Campaign code",
        field_type="hidden",
        default_value="HK-2027",
    )
    campaign.save_revision().publish()

    # Required, and missing from the post: not the supporter's to mend, so no error; the
    # signature keeps the editor's value.
    response = client.post(campaign.url, valid_post)

    assert response.status_code == 303
    assert CampaignSubmission.objects.get().form_data["campaign_code"] == "HK-2027"


def test_an_error_and_the_required_mark_in_chinese_use_the_catalogs_words(client, zh_campaigns):
    soup = soup_of(client.post(zh_campaigns["zh-hant"].url, {}))

    # The label marker and the messages: our msgids, so one word for "required" in Chinese.
    html = str(soup)
    assert "必要欄位" not in html and "This field is required" not in html
    assert summary_items(soup)[0][1] == "#id_first_name"
    assert "名字" in summary_items(soup)[0][0]  # the translated label, inside our message


# --- A fast fill, after a link from Facebook --------------------------------------------------


@pytest.mark.parametrize("query", ["?fbclid=IwAR2x", "?fbclid=IwAR2x&utm_source=facebook"])
def test_a_fast_autofill_after_a_facebook_link_is_held_quietly(
    client, campaign, valid_post, query
):
    # Autofill fills the form at once, the honeypot too; the token the page gave is seconds old.
    page = soup_of(client.get(f"{campaign.url}{query}"))
    token = page.find(attrs={"name": "form_token"})["value"]
    post = {**valid_post, "form_token": token, "hp_website": "https://ada.example.org"}

    response = client.post(f"{campaign.url}{query}", post)

    assert response.status_code == 303  # the usual thanks
    submission = CampaignSubmission.objects.get()
    assert submission.quarantined_at is not None
    assert "honeypot" in submission.quarantine_reasons


def test_a_fast_fill_with_a_mistake_names_no_internal_field(client, campaign, valid_post):
    query = "?fbclid=IwAR2x"
    token = soup_of(client.get(f"{campaign.url}{query}")).find(attrs={"name": "form_token"})
    post = {
        **valid_post,
        "email": "",
        "form_token": token["value"],
        "hp_website": "https://ada.example.org",
    }

    started = time.monotonic()
    soup = soup_of(client.post(f"{campaign.url}{query}", post))
    assert time.monotonic() - started < 3  # within SIGNING_MIN_FILL_SECONDS: "too fast"

    assert summary_items(soup) == [("Enter email", "#id_email")]
    assert not INTERNAL.search(soup.select_one(".error-summary").get_text())
    for error in soup.select(".field__error"):
        assert not INTERNAL.search(error.get_text())
    assert not CampaignSubmission.objects.exists()


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        ("First name", "first name"),
        ("Email", "email"),
        ("Hong Kong ID", "Hong Kong ID"),
        ("UK postcode", "UK postcode"),
        ("I agree", "I agree"),
        ("名字", "名字"),
        ("", ""),
    ],
)
def test_a_label_reads_inside_a_sentence(label, expected):
    assert in_sentence(label) == expected
