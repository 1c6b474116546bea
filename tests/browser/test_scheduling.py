"""Scheduling cannot fail silently: an editor schedules ten campaigns in a row from the Status
side panel, as they would, and each goes live when the scheduler runs. (Wagtail 8's autosave
collided with "Save schedule" about one time in three: portal.settings turns it off.)"""

import datetime

import time_machine
from django.core.management import call_command
from django.utils import timezone

from campaigns.models import CampaignPage
from home.models import HomePage
from tests.browser.conftest import PASSWORD
from tests.factories import CampaignPageFactory, add_petition_fields

CAMPAIGNS = 10


def draft_campaign(home, number):
    page = CampaignPageFactory.build(title=f"Campaign {number}", slug=f"campaign-{number}")
    page.live = False
    home.add_child(instance=page)
    add_petition_fields(page)
    page.save_revision()
    return page


def open_status_panel(page):
    """The admin remembers an open side panel from one page to the next."""
    toggle = page.locator("button[data-side-panel-toggle='status']")
    if toggle.get_attribute("aria-expanded") != "true":
        toggle.click()


def schedule_and_publish(page, live_server, campaign, go_live):
    """What the editor does: Status panel, "Set schedule", type the time, Tab past the
    expiry, "Save schedule", then "Schedule to publish"."""
    page.goto(f"{live_server.url}/admin/pages/{campaign.pk}/edit/")
    open_status_panel(page)
    page.get_by_role("button", name="Set schedule").click()
    page.click("#id_go_live_at")
    assert page.locator(".xdsoft_datetimepicker:visible").count() == 1  # a click opens it
    page.keyboard.press("Control+A")
    page.keyboard.type(go_live.strftime("%Y-%m-%d %H:%M"))
    page.keyboard.press("Tab")  # to the expiry: no picker opens over the button
    assert page.evaluate("document.activeElement.id") == "id_expire_at"
    assert page.locator(".xdsoft_datetimepicker:visible").count() == 0
    page.keyboard.press("Tab")
    with page.expect_navigation():
        page.keyboard.press("Enter")  # "Save schedule", the next stop
    assert "another window" not in page.content()
    page.locator("footer .w-dropdown-button .w-dropdown__toggle").click()
    with page.expect_navigation():
        page.get_by_role("button", name="Schedule to publish").click()
    assert "another window" not in page.content()


def test_ten_schedules_in_a_row_each_go_live(
    demo, live_server, admin_page, django_user_model, screenshot
):
    django_user_model.objects.create_superuser("editor", "e@example.org", PASSWORD)
    home = HomePage.objects.get(locale__language_code="en")
    campaigns = [draft_campaign(home, number) for number in range(CAMPAIGNS)]
    page = admin_page("editor")
    # Whole minutes in Hong Kong, as the picker gives them; far enough ahead that none is due
    # before the last is scheduled.
    start = timezone.localtime().replace(second=0, microsecond=0) + datetime.timedelta(hours=1)
    go_lives = [start + datetime.timedelta(minutes=number) for number in range(CAMPAIGNS)]

    for campaign, go_live in zip(campaigns, go_lives, strict=True):
        schedule_and_publish(page, live_server, campaign, go_live)
    screenshot(page, "scheduling-ten-scheduled")

    for campaign, go_live in zip(campaigns, go_lives, strict=True):
        campaign.refresh_from_db()
        assert not campaign.live
        [scheduled] = campaign.revisions.filter(approved_go_live_at__isnull=False)
        assert scheduled.approved_go_live_at == go_live
    page.goto(f"{live_server.url}/admin/pages/{campaigns[0].pk}/edit/")
    open_status_panel(page)
    assert page.locator("[data-schedule-zone]").inner_text() == "Times are Hong Kong time."
    screenshot(page, "scheduling-status-panel")

    # The scheduler's run (`manage.py run_scheduled_publishing`, every minute in production)
    # just after the last go-live time.
    with time_machine.travel(go_lives[-1] + datetime.timedelta(minutes=1)):
        call_command("run_scheduled_publishing", verbosity=0)

    for campaign in campaigns:
        campaign.refresh_from_db()
        assert campaign.live, campaign.title
        assert not campaign.revisions.filter(approved_go_live_at__isnull=False).exists()
    assert CampaignPage.objects.live().filter(title__startswith="Campaign ").count() == CAMPAIGNS
