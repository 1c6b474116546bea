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
        ({"email": "not-an-email"}, "email", "Enter a valid email address."),
        ({"i_agree_to_be_contacted": None}, "i_agree_to_be_contacted", "This field is required."),
        ({"first_name": ""}, "first_name", "This field is required."),
        ({"your_message": "   "}, "your_message", "This field is required."),
        ({"your_message": "x" * 5001}, "your_message", "Ensure this value has at most 5000"),
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
    if field != "email":
        assert soup.find(attrs={"name": "email"})["value"] == valid_post["email"]
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
