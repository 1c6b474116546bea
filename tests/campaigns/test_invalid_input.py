"""Bad input: nothing stored, each error next to its field, what was typed kept."""

import pytest
from bs4 import BeautifulSoup

from campaigns.models import CampaignSubmission


def field_error(soup, name):
    """The error message shown in the same field wrapper as the input `name`."""
    widget = soup.find(attrs={"name": name})
    wrapper = widget.find_parent(class_="field")
    error = wrapper.find(class_="field__error")
    return error.get_text(strip=True) if error else None


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        (
            {"email": "not-an-email"},
            "email",
            "Enter an email address in the correct format, like name@example.com",
        ),
        ({"email": "ada@localhost"}, "email", "Enter an email address with a full domain name"),
        ({"email": "ada@[127.0.0.1]"}, "email", "Enter an email address with a full domain"),
        (
            {"i_agree_to_be_contacted": None},
            "i_agree_to_be_contacted",
            "Tick the box: I agree to be contacted",
        ),
        ({"first_name": ""}, "first_name", "Enter first name"),
        ({"your_message": "   "}, "your_message", "Enter your message"),
        (
            {"your_message": "x" * 5001},
            "your_message",
            "Your message must be 5000 characters or fewer",
        ),
    ],
)
def test_invalid_post_stores_nothing_and_shows_the_error_by_its_field(
    client, campaign, valid_post, changes, field, message
):
    data = {**valid_post, "first_name": "陳大文", **changes}
    data = {key: value for key, value in data.items() if value is not None}

    response = client.post(campaign.url, data, follow=True)

    assert response.status_code == 200
    assert not CampaignSubmission.objects.exists()
    soup = BeautifulSoup(response.content, "html.parser")
    assert message in field_error(soup, field)
    # The error summary links to the field.
    summary = soup.find(class_="error-summary")
    widget = soup.find(attrs={"name": field})
    assert summary.find("a", href=f"#{widget['id']}") is not None
    # What the supporter typed is kept, everywhere except where it was wrong.
    if field != "first_name":
        assert soup.find(attrs={"name": "first_name"})["value"] == "陳大文"
    assert soup.find(attrs={"name": "email"})["value"] == data["email"]
    if field != "your_message":
        assert (
            soup.find("textarea", attrs={"name": "your_message"}).get_text().strip()
            == (valid_post["your_message"])
        )
    # Screen readers announce the error with the field (Django links it by id: ours must match).
    assert f"{widget['id']}_error" in widget["aria-describedby"].split()
    assert soup.find(id=f"{widget['id']}_error") is not None


def test_invalid_post_keeps_existing_signatures(client, campaign, valid_post):
    client.post(campaign.url, valid_post, follow=True)
    stored = list(CampaignSubmission.objects.values_list("pk", "form_data"))

    client.post(campaign.url, {**valid_post, "email": "broken"}, follow=True)

    assert list(CampaignSubmission.objects.values_list("pk", "form_data")) == stored


def test_the_editable_message_is_prefilled(client, campaign):
    soup = BeautifulSoup(client.get(campaign.url).content, "html.parser")

    textarea = soup.find("textarea", attrs={"name": "your_message"})
    assert textarea.get_text().strip() == "Dear Chief Executive,\nPlease respect our rights."


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("zh-hant", "請輸入包含完整網域名稱的電郵地址"),
        ("zh-hans", "请输入包含完整域名的电子邮件地址"),
    ],
)
def test_an_address_off_the_internet_is_refused_in_the_supporters_language(
    client, zh_campaigns, valid_post, language, message
):
    response = client.post(zh_campaigns[language].url, {**valid_post, "email": "ada@localhost"})

    assert not CampaignSubmission.objects.exists()
    soup = BeautifulSoup(response.content, "html.parser")
    assert message in field_error(soup, "email")
    assert soup.find(attrs={"name": "email"})["value"] == "ada@localhost"
