"""After signing, the next steps appear in the order the demo's editor chose (Hong Kong: share,
another campaign, donate), with each share link's icon drawn, on a phone and on a desktop."""

import pytest

from campaigns.models import CampaignSubmission
from tests.browser.test_supporters import SLUG, fill

SIZES = {375: {"width": 375, "height": 740}, 1440: {"width": 1440, "height": 900}}
EDITORS_ORDER = ["share", "campaign", "donation"]


@pytest.mark.parametrize("width", SIZES)
def test_next_steps_follow_the_editors_order_with_icons(
    demo, live_server, browser, width, screenshot
):
    page = browser.new_page(viewport=SIZES[width])
    page.goto(f"{live_server.url}/en/{SLUG}/?utm_source=whatsapp&utm_medium=share")
    fill(page, f"next-{width}@example.org")
    page.click("button[type=submit]")
    page.wait_for_selector("#thank-you-heading")
    # Arrived by a WhatsApp share link: recorded so.
    assert CampaignSubmission.objects.get().source["utm_source"] == "whatsapp"

    steps = page.locator(".next-steps [data-next-step]")
    kinds = [steps.nth(i).get_attribute("data-next-step") for i in range(steps.count())]
    assert kinds == EDITORS_ORDER
    tops = [steps.nth(i).bounding_box()["y"] for i in range(steps.count())]
    assert tops == sorted(tops) and len(set(tops)) == len(tops)
    # Below the thanks, not beside or above it.
    thanks = page.locator(".thank-you").bounding_box()
    assert tops[0] >= thanks["y"] + thanks["height"]

    links = page.locator(".share__link")
    assert links.count() == 6
    for i in range(links.count()):
        link, icon = links.nth(i), links.nth(i).locator("svg.share__icon")
        box, icon_box = link.bounding_box(), icon.bounding_box()
        assert icon_box["width"] > 0 and icon_box["height"] > 0
        # The icon sits inside its link, before the words.
        assert box["x"] <= icon_box["x"] and icon_box["x"] + icon_box["width"] <= box["x"] + 60
        assert box["y"] <= icon_box["y"] <= box["y"] + box["height"]
    donate = page.locator("a.donate__link").bounding_box()
    assert donate["width"] > 0 and donate["x"] + donate["width"] <= SIZES[width]["width"]
    screenshot(page, f"next-steps-en-{width}")
