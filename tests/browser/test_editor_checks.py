"""In the page editor: a campaign nobody could sign is not published, and the editor is told
why and where; and a Chinese-speaking editor's new blocks on an English page are in English."""

from wagtail.users.models import UserProfile

from campaigns.models import CampaignPage
from home.models import HomePage
from tests.browser.conftest import PASSWORD
from tests.browser.test_editor import add_block, type_rich_text


def add_form_field(page, label, field_type):
    page.locator("#id_form_fields-ADD").click()
    index = page.locator("[name$='-label'][name^='form_fields-']").count() - 1
    page.fill(f"[name='form_fields-{index}-label']", label)
    page.select_option(f"[name='form_fields-{index}-field_type']", field_type)
    return index


def publish(page):
    page.locator("footer .w-dropdown-button .w-dropdown__toggle").click()
    with page.expect_navigation():
        page.locator("button[name='action-publish']").click()


def test_the_editor_is_told_why_a_campaign_cannot_be_published_and_where(
    demo, live_server, admin_page, django_user_model, screenshot, settings
):
    settings.WAGTAIL_AUTOSAVE_INTERVAL = 0  # autosave is not what this test is about
    django_user_model.objects.create_superuser("editor", "e@example.org", PASSWORD)
    home = HomePage.objects.get(locale__language_code="en")
    page = admin_page("editor")
    page.goto(f"{live_server.url}/admin/pages/add/campaigns/campaignpage/{home.pk}/")
    page.fill("#id_title", "Save the harbour front")
    page.fill("#id_summary", "The harbour front is to be sold. Ask the council to keep it open.")
    add_block(page, "Text")
    type_rich_text(page, "body-0-value", "The council meets in June.")
    page.get_by_role("tab", name="Action form").click()
    add_form_field(page, "Email", "email")
    district = add_form_field(page, "Your district", "dropdown")

    # No Action form block, a dropdown with nothing to choose, no consent checkbox.
    publish(page)

    assert "The page could not be created due to validation errors" in page.content()
    content_tab = page.get_by_role("tab", name="Content")
    action_tab = page.get_by_role("tab", name="Action form")
    content_tab.click()
    body_error = page.get_by_text("Add an 'Action form' block: it shows the form supporters sign.")
    assert body_error.is_visible()
    screenshot(page, "editor-checks-content-tab")
    action_tab.click()
    assert page.get_by_text("Add a consent checkbox: a field of type 'Checkbox'").is_visible()
    choices = page.locator(
        ".w-field__wrapper", has=page.locator(f"[name='form_fields-{district}-choices']")
    )
    assert "Add the options supporters choose from, one per line." in choices.inner_text()
    # Wagtail counts the errors on the tab's label.
    assert action_tab.locator(".w-tabs__errors").inner_text().strip()
    screenshot(page, "editor-checks-action-form-tab")
    assert not CampaignPage.objects.filter(title="Save the harbour front").exists()


def test_a_chinese_speaking_editor_adds_english_blocks_to_an_english_page(
    demo, live_server, admin_page, django_user_model, screenshot, settings
):
    settings.WAGTAIL_AUTOSAVE_INTERVAL = 0
    editor = django_user_model.objects.create_superuser("editor", "e@example.org", PASSWORD)
    profile = UserProfile.get_for_user(editor)
    profile.preferred_language = "zh-hant"
    profile.save()
    home = HomePage.objects.get(locale__language_code="en")
    page = admin_page("editor")
    page.goto(f"{live_server.url}/admin/pages/add/campaigns/campaignpage/{home.pk}/")

    page.locator("button.c-sf-add-button:visible").last.click()
    page.get_by_role("option", name="行動表格", exact=True).click()
    page.locator("button.c-sf-add-button:visible").last.click()
    page.get_by_role("option", name="結束通知", exact=True).click()

    assert page.input_value("[name='body-0-value-button_label']") == "Sign now"
    assert page.input_value("[name='body-1-value-heading']") == "This action is closed"
    # The editor's own interface is in Chinese.
    assert page.get_by_role("tab", name="行動表格").is_visible()
    screenshot(page, "editor-zh-hant-english-page-defaults")
