"""An editor builds a campaign in the Wagtail admin, previews, schedules and publishes it."""

import datetime

import time_machine
from django.utils import timezone

from campaigns.models import CampaignPage
from home.models import HomePage
from publishing.in_step import publish_due
from tests.browser.conftest import PASSWORD


def test_editor_builds_previews_schedules_and_publishes_a_campaign(
    demo, live_server, browser, admin_page, django_user_model, screenshot, settings
):
    # Wagtail 8 autosaves the create view while the editor types; a click on "Save draft" while
    # an autosave is in flight posts to /add/ again and fails on the slug (a 500, in CI under
    # load). Autosave is not what this test is about.
    settings.WAGTAIL_AUTOSAVE_INTERVAL = 0
    django_user_model.objects.create_superuser("editor", "e@example.org", PASSWORD)
    home = HomePage.objects.get(locale__language_code="en")
    page = admin_page("editor")

    page.goto(f"{live_server.url}/admin/pages/add/campaigns/campaignpage/{home.pk}/")
    page.fill("#id_title", "Free the student journalists")
    page.fill("#id_summary", "Students are in prison for reporting. Ask for their release.")
    add_block(page, "Background")
    page.fill("[name='body-0-value-heading']", "What is happening")
    type_rich_text(page, "body-0-value-text", "Three student reporters were arrested in May.")
    add_block(page, "Demands")
    page.fill("[name='body-1-value-target']", "the education ministry")
    page.fill("[name='body-1-value-demands-0-value']", "Release the student journalists.")
    add_block(page, "Action form")
    page.fill("[name='body-2-value-heading']", "Sign the petition")
    add_block(page, "Closure notice")
    type_rich_text(page, "body-3-value-text", "The students were released. Thank you!")
    screenshot(page, "editor-content-tab")

    page.get_by_role("tab", name="Action form").click()
    page.locator("#id_form_fields-ADD").click()
    page.fill("[name='form_fields-0-label']", "Email")
    page.select_option("[name='form_fields-0-field_type']", "email")
    # Publishing needs a consent checkbox (campaigns.admin_forms).
    page.locator("#id_form_fields-ADD").click()
    page.fill("[name='form_fields-1-label']", "I agree to the privacy notice")
    page.select_option("[name='form_fields-1-field_type']", "checkbox")
    page.check("[name='form_fields-1-required']")
    page.locator("[role=textbox]").last.click()
    page.keyboard.type("Thank you for signing.")
    screenshot(page, "editor-action-form-tab")

    page.locator("button[data-side-panel-toggle='preview']").click()
    assert preview_shows(page, "Release the student journalists.")
    screenshot(page, "editor-preview")

    # Save a draft first, then schedule it from the edit view.
    page.get_by_role("button", name="Save draft").first.click()
    page.wait_for_url(f"{live_server.url}/admin/pages/*/edit/")

    # Schedule it for tomorrow at 10:00 (Hong Kong), then publish: it waits for that moment.
    go_live = (timezone.localtime() + datetime.timedelta(days=1)).replace(
        hour=10, minute=0, second=0, microsecond=0
    )
    page.locator("button[data-side-panel-toggle='status']").click()
    page.locator("[data-a11y-dialog-show='schedule-publishing-dialog']").first.click()
    page.fill("#id_go_live_at", go_live.strftime("%Y-%m-%d %H:%M"))
    # The open date picker covers the button: click it as the picker's "done" would.
    with page.expect_navigation():
        page.locator("#schedule-publishing-dialog button[type=submit]").dispatch_event("click")
    page.locator("footer .w-dropdown-button .w-dropdown__toggle").click()
    page.locator("button[name='action-publish']").click()
    page.wait_for_url(f"{live_server.url}/admin/pages/{home.pk}/")

    campaign = CampaignPage.objects.get(title="Free the student journalists")
    assert not campaign.live
    assert campaign.get_latest_revision().approved_go_live_at == go_live
    with time_machine.travel(go_live + datetime.timedelta(minutes=1)):
        publish_due()  # the scheduler's run
    campaign.refresh_from_db()
    assert campaign.live
    assert [block.block_type for block in campaign.body] == [
        "background",
        "demands",
        "action_form",
        "closure_notice",
    ]
    assert [field.clean_name for field in campaign.form_fields.all()] == [
        "email",
        "i_agree_to_the_privacy_notice",
    ]
    public = browser.new_page()
    public.goto(f"{live_server.url}{campaign.url}")
    assert public.inner_text("h1") == "Free the student journalists"
    assert public.locator("input[name='email']").count() == 1
    assert "What we ask of the education ministry" in public.content()
    assert "Three student reporters were arrested in May." in public.content()
    assert "The students were released." not in public.content()

    # When the action closes, the closure notice takes the form's place.
    with time_machine.travel(go_live + datetime.timedelta(days=30)):
        campaign.action_closes_at = go_live + datetime.timedelta(days=29)
        campaign.save_revision().publish()
        public.reload()
        screenshot(public, "editor-campaign-closed")
        assert "The students were released. Thank you!" in public.content()
        assert public.locator("input[name='email']").count() == 0


def add_block(page, name):
    """Append a block to the body with the last "+" button, choosing it in the block picker."""
    page.locator("button[title='Insert a block']:visible").last.click()
    page.get_by_role("option", name=name, exact=True).click()


def type_rich_text(page, name, text):
    """Type into the Draftail editor of the rich text field stored in the input `name`."""
    editor = page.locator(
        f"xpath=//input[@name='{name}']/following-sibling::*//*[@role='textbox']"
    )
    editor.click()
    page.keyboard.type(text)


def preview_shows(page, text, tries=50):
    """The preview panel swaps its iframe as it reloads: look in whichever frame is there."""
    for _ in range(tries):
        for frame in page.frames[1:]:
            try:
                if text in frame.content():
                    return True
            except Exception:  # noqa: BLE001, S112 - a frame detached while being swapped
                continue
        page.wait_for_timeout(200)
    return False
