"""An editor builds a campaign's form: the petition fields in one click, each field headed with
its number, label and type, and only the options its type has."""

import pytest
from playwright.sync_api import expect

from campaigns.models import CampaignPage
from tests.browser.conftest import PASSWORD

PETITION_HEADINGS = [
    "1. First name — Single line text",
    "2. Family name — Single line text",
    "3. Email — Email",
    "4. Country — Country",
    "5. Your message — Multi-line text",
    "6. I agree that my name and message are sent to the decision-makers — Checkbox",
]


@pytest.fixture
def editor(transactional_db, home, django_user_model, admin_page, settings):
    # Autosave posts to /add/ while the editor types; it is not what this test is about.
    settings.WAGTAIL_AUTOSAVE_INTERVAL = 0
    django_user_model.objects.create_superuser("editor", "e@example.org", PASSWORD)
    return admin_page("editor")


def fields(page):
    return page.locator("#id_form_fields-FORMS > [data-inline-panel-child]:not(.deleted)")


def headings(page):
    return [
        text.strip()
        for text in fields(page).locator("[data-panel-heading-text]").all_inner_texts()
    ]


def test_an_editor_adds_the_petition_fields_in_one_click(editor, live_server, home, screenshot):
    page = editor
    page.goto(f"{live_server.url}/admin/pages/add/campaigns/campaignpage/{home.pk}/")
    page.fill("#id_title", "Free the student journalists")
    page.fill("#id_summary", "Students are in prison for reporting. Ask for their release.")
    page.get_by_role("tab", name="Action form").click()
    # A new campaign starts with no fields, and the offer of the usual ones.
    assert headings(page) == []

    page.get_by_role("button", name="Add petition fields").click()

    assert headings(page) == PETITION_HEADINGS
    assert not page.get_by_role("button", name="Add petition fields").is_visible()
    screenshot(page, "form-builder-petition-fields")

    # Choices only where the type has them; no default value for a checkbox or a country.
    def shown(index, option):
        return fields(page).nth(index).locator(f".formbuilder-{option}").is_visible()

    assert [shown(i, "choices") for i in range(6)] == [False] * 6
    assert [shown(i, "default") for i in range(6)] == [True, True, True, False, True, False]

    # Another type: the heading and the options follow.
    first = fields(page).nth(0)
    first.locator("[name$='-field_type']").select_option("dropdown")
    first.locator("[name$='-label']").fill("Age group")
    assert headings(page)[0] == "1. Age group — Drop down"
    assert shown(0, "choices")
    assert not shown(0, "default")
    first.locator("[name$='-choices']").fill("Under 18\n18 to 30")

    # Deleting a field renumbers the rest.
    fields(page).nth(1).locator("[title='Delete']").click()
    expect(fields(page).nth(1).locator("[data-panel-heading-text]")).to_have_text(
        "2. Email — Email"
    )
    screenshot(page, "form-builder-edited")

    page.get_by_role("button", name="Save draft").first.click()
    page.wait_for_url(f"{live_server.url}/admin/pages/*/edit/")

    campaign = CampaignPage.objects.get(title="Free the student journalists")
    draft = campaign.get_latest_revision_as_object()
    assert [
        (field.label, field.field_type, field.required) for field in draft.form_fields.all()
    ] == [
        ("Age group", "dropdown", True),
        ("Email", "email", True),
        ("Country", "country", True),
        ("Your message", "multiline", False),
        ("I agree that my name and message are sent to the decision-makers", "checkbox", True),
    ]
    # The saved page opens with its fields headed the same way, and no preset.
    page.get_by_role("tab", name="Action form").click()
    assert headings(page) == [
        "1. Age group — Drop down",
        "2. Email — Email",
        "3. Country — Country",
        "4. Your message — Multi-line text",
        "5. I agree that my name and message are sent to the decision-makers — Checkbox",
    ]
    assert page.get_by_role("button", name="Add petition fields").count() == 0
