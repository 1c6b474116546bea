"""Where things are on the screen, at 375×740 and 1440×900: the hero's Sign button in the first
screen and the form one tap from the top; from 1024 px the form in a column beside the story
that stays in view; after signing and on every confirmation state the answer first, focused,
with the supporter's own signature counted; a title per state; rows of links on one line; the
footer at the foot of a short page."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe

from campaigns.models import CampaignPage, CampaignSubmission
from campaigns.signing.confirmation import token_for
from tests.browser.test_supporters import LANGUAGES, SLUG, THANK_YOU, WCAG, fill

PHONE = {"width": 375, "height": 740}
DESKTOP = {"width": 1440, "height": 900}

RECT = "selector => document.querySelector(selector).getBoundingClientRect().toJSON()"
# The form's first field a supporter fills in (the trap for bots is no field of theirs).
FIRST_FIELD = "#take-action .field:not(.field--hp) input:not([type=hidden])"
IN_VIEW = """([selector, height]) => {
    const box = document.querySelector(selector).getBoundingClientRect();
    return box.top >= 0 && box.bottom <= height;
}"""


def rect(page, selector):
    return page.evaluate(RECT, selector)


def count_shown(page):
    """The count in the hero or the header above an answer, as a number."""
    return int(re.sub(r"\D", "", page.inner_text(".signature-progress__count strong")))


ALL_RECTS = "links => links.map(link => link.getBoundingClientRect().toJSON())"


def assert_rows_level(page, selector):
    """Links of a row that wraps: two links are on the same line (the same top) or on lines of
    their own, never a few pixels apart (the first one pushed up by its neighbours' margin)."""
    boxes = page.eval_on_selector_all(selector, ALL_RECTS)
    assert len(boxes) >= 2
    for one in boxes:
        for other in boxes:
            apart = abs(one["top"] - other["top"])
            assert apart < 0.5 or apart >= min(one["height"], other["height"]), (one, other)
    return {round(box["top"]) for box in boxes}


def assert_answer_first(page, heading, viewport):
    """The answer's h1 is the first thing under a compact header, whole in the first screen,
    and has the focus."""
    page.wait_for_function("id => document.activeElement.id === id", arg=heading)
    box = rect(page, f"#{heading}")
    assert box["top"] >= 0 and box["bottom"] < viewport["height"]
    assert page.evaluate("document.querySelector('h1').id") == heading  # the only h1
    assert page.locator("h1").count() == 1
    assert page.locator(".hero__summary, .hero__image").count() == 0  # no tall hero above


@pytest.mark.parametrize("language", LANGUAGES)
def test_on_a_phone_the_form_is_one_tap_away_and_the_answer_comes_first(
    demo, live_server, browser, language, screenshot
):
    page = browser.new_page(viewport=PHONE)
    page.goto(f"{live_server.url}/{language}/{SLUG}/")
    campaign = CampaignPage.objects.get(slug=SLUG, locale__language_code=language)
    assert page.title().startswith(f"{campaign.title} · ")
    sign = rect(page, ".hero a[href='#take-action']")
    assert sign["bottom"] <= PHONE["height"]  # in the first screen
    assert sign["height"] >= 44
    # Rows of links: every link of a row on the same line (no `li + li` margin in a flex row).
    assert_rows_level(page, ".site-footer__social a")
    assert len(assert_rows_level(page, ".language-switcher li > *")) == 1
    before = count_shown(page)
    screenshot(page, f"layout-open-{language}-375")

    page.click(".hero a[href='#take-action']")

    page.wait_for_function(IN_VIEW, arg=[FIRST_FIELD, PHONE["height"]])
    assert page.evaluate("s => document.activeElement === document.querySelector(s)", FIRST_FIELD)
    assert "#" not in page.url  # the script kept the fragment out of the address
    screenshot(page, f"layout-form-{language}-375")

    fill(page, f"layout-{language}@example.org")
    page.click("#take-action button[type=submit]")
    page.wait_for_url("**/thank-you/")

    assert page.url == f"{live_server.url}/{language}/{SLUG}/thank-you/"  # no fragment
    assert page.inner_text("#thank-you-heading") == THANK_YOU[language]
    assert_answer_first(page, "thank-you-heading", PHONE)
    assert rect(page, ".thank-you .rich-text")["top"] < PHONE["height"]  # the message starts
    assert count_shown(page) == before + 1  # theirs, before the tally counts it
    assert page.title().startswith(f"{THANK_YOU_TITLE[language]} · {campaign.title} · ")
    assert_rows_level(page, ".share__links a")
    screenshot(page, f"layout-thanks-{language}-375")


THANK_YOU_TITLE = {"en": "Thank you", "zh-hant": "謝謝", "zh-hans": "谢谢"}


def test_without_javascript_the_sign_button_is_a_plain_link_to_the_form(
    demo, live_server, browser
):
    context = browser.new_context(java_script_enabled=False, viewport=PHONE)
    page = context.new_page()
    page.goto(f"{live_server.url}/en/{SLUG}/")

    page.click(".hero a[href='#take-action']")

    assert page.url.endswith("#take-action")
    # A smooth scroll; polled from here (wait_for_function runs no script in this page).
    for _ in range(50):
        if page.evaluate(IN_VIEW, [FIRST_FIELD, PHONE["height"]]):
            break
        page.wait_for_timeout(100)
    assert page.evaluate(IN_VIEW, [FIRST_FIELD, PHONE["height"]])
    assert rect(page, "#take-action-heading")["top"] >= 0

    fill(page, "nojs-layout@example.org")
    page.click("#take-action button[type=submit]")
    page.wait_for_selector("#thank-you-heading")
    # Without the script, the browser carries the link's fragment through the redirect; the
    # thanks have no such target and open at the top, the answer in the first screen.
    assert page.url.endswith("/thank-you/#take-action")
    box = rect(page, "#thank-you-heading")
    assert box["top"] >= 0 and box["bottom"] < PHONE["height"]
    context.close()


def test_on_a_wide_screen_the_form_stays_beside_the_story(demo, live_server, browser, screenshot):
    page = browser.new_page(viewport=DESKTOP)
    page.goto(f"{live_server.url}/en/{SLUG}/")
    sign = rect(page, ".hero a[href='#take-action']")
    assert sign["bottom"] <= DESKTOP["height"]
    story = rect(page, ".campaign-layout__lead")
    form = rect(page, "#take-action")
    assert form["left"] > story["right"]  # beside it, not under it
    assert form["top"] < DESKTOP["height"]  # its heading in the first screen
    assert story["width"] > 640 and form["right"] - story["left"] > 1100  # not a 640 px column
    assert abs(form["top"] - rect(page, ".campaign-layout__lead > :first-child")["top"]) < 1
    before = count_shown(page)
    screenshot(page, "layout-open-en-1440")

    # This form is taller than the screen: it scrolls with the page until its button is in
    # view, then stays.
    assert form["height"] > DESKTOP["height"]
    start = form  # where it is with the page at its top
    # Just past the point where its bottom reaches the screen's (20 px past it), however tall the
    # form is (the opt-ins made it taller).
    scrolled = round(start["top"] + start["height"] - (DESKTOP["height"] - 16) + 20)
    page.evaluate(f"window.scrollTo(0, {scrolled})")
    page.wait_for_function(f"() => window.scrollY === {scrolled}")
    form = rect(page, "#take-action")
    button = rect(page, "#take-action button[type=submit]")
    assert abs(form["bottom"] - (DESKTOP["height"] - 16)) < 2
    assert button["top"] >= 0 and button["bottom"] <= DESKTOP["height"]
    assert rect(page, ".campaign-layout__rest")["right"] < form["left"]
    screenshot(page, "layout-scrolled-en-1440")

    # On a screen taller than the form, the whole form fits: it stays with its top in view.
    page.set_viewport_size({"width": 1440, "height": round(start["height"]) + 100})
    page.wait_for_function(
        "() => document.querySelector('[data-sticky]').style.getPropertyValue('--sticky-top')"
        " === '16px'"
    )
    # Just past the point where its top reaches 16 px from the screen's.
    scrolled = round(start["top"] - 16 + 20)
    page.evaluate(f"window.scrollTo(0, {scrolled})")
    page.wait_for_function(f"() => window.scrollY === {scrolled}")
    assert abs(rect(page, "#take-action")["top"] - 16) < 2
    page.set_viewport_size(DESKTOP)

    page.click(".hero a[href='#take-action']")
    page.wait_for_function(IN_VIEW, arg=[FIRST_FIELD, DESKTOP["height"]])
    fill(page, "wide@example.org")
    page.click("#take-action button[type=submit]")
    page.wait_for_url("**/thank-you/")
    assert_answer_first(page, "thank-you-heading", DESKTOP)
    assert count_shown(page) == before + 1
    assert_rows_level(page, ".share__links a")
    assert_rows_level(page, ".site-footer__social a")
    screenshot(page, "layout-thanks-en-1440")

    page.goto(f"{live_server.url}/en/end-forced-evictions/")
    assert page.title().startswith("Stop the forced evictions (closed) · ")
    assert page.locator(".hero a.button, .campaign-layout").count() == 0
    screenshot(page, "layout-closed-en-1440")


def test_every_confirmation_state_leads_with_its_answer(demo, live_server, browser, screenshot):
    campaign = CampaignPage.objects.get(slug=SLUG, locale__language_code="en")
    campaign.require_confirmation = True
    campaign.save_revision().publish()
    phone = browser.new_page(viewport=PHONE)
    phone.goto(f"{live_server.url}/en/{SLUG}/")
    before = count_shown(phone)
    fill(phone, "confirm-layout@example.org")
    phone.click("#take-action button[type=submit]")
    phone.wait_for_url("**/thank-you/")

    assert_answer_first(phone, "thank-you-heading", PHONE)
    notice = rect(phone, ".thank-you .notice")
    assert notice["bottom"] < PHONE["height"]  # "Please check your email", above the fold
    assert count_shown(phone) == before  # theirs counts once confirmed
    screenshot(phone, "layout-check-email-en-375")

    link = f"{live_server.url}{campaign.url}?confirm={token_for(CampaignSubmission.objects.get())}"
    desktop = browser.new_page(viewport=DESKTOP)
    titles = {}
    for page, width in ((desktop, 1440), (phone, 375)):
        page.goto(link)
        assert_answer_first(page, "confirm-heading", page.viewport_size)
        button = rect(page, ".thank-you form button[type=submit]")
        assert button["bottom"] < page.viewport_size["height"]  # the Confirm button too
        titles["ready"] = page.title()
        screenshot(page, f"layout-confirm-ready-en-{width}")
        assert Axe().run(page, options=WCAG).violations_count == 0

    phone.click(".thank-you form button[type=submit]")
    phone.wait_for_selector("text=Your signature is confirmed")
    assert_answer_first(phone, "confirm-heading", PHONE)
    assert count_shown(phone) == before + 1  # theirs, before the tally counts it
    titles["confirmed"] = phone.title()
    screenshot(phone, "layout-confirmed-en-375")
    assert Axe().run(phone, options=WCAG).violations_count == 0
    desktop.goto(link)
    assert desktop.inner_text("#confirm-heading") == "Your signature is confirmed"
    screenshot(desktop, "layout-confirmed-en-1440")

    for page, width in ((phone, 375), (desktop, 1440)):
        page.goto(f"{live_server.url}{campaign.url}?confirm=broken")
        assert_answer_first(page, "confirm-heading", page.viewport_size)
        titles["broken"] = page.title()
        screenshot(page, f"layout-confirm-broken-en-{width}")
        assert Axe().run(page, options=WCAG).violations_count == 0
    # A short page: the footer reaches the foot of the screen, no white strip under it.
    assert desktop.evaluate("document.documentElement.scrollHeight") <= DESKTOP["height"]
    assert rect(desktop, ".site-footer")["bottom"] == DESKTOP["height"]

    CampaignSubmission.objects.all().delete()  # unconfirmed for too long: the link expired
    for page, width in ((phone, 375), (desktop, 1440)):
        page.goto(link)
        assert_answer_first(page, "confirm-heading", page.viewport_size)
        titles["expired"] = page.title()
        screenshot(page, f"layout-confirm-expired-en-{width}")

    # "Sign again" opens the form at #take-action: the form posts to the page's address without
    # that fragment, and the thanks open with none.
    phone.get_by_role("link", name="Sign again").click()
    phone.wait_for_url(f"{live_server.url}{campaign.url}#take-action")
    fill(phone, "confirm-layout@example.org")
    phone.click("#take-action button[type=submit]")
    phone.wait_for_url("**/thank-you/")
    assert phone.url == f"{live_server.url}{campaign.url}thank-you/"

    assert titles == {
        "ready": f"Confirm your signature · {campaign.title} · Rights in Action",
        "confirmed": f"Your signature is confirmed · {campaign.title} · Rights in Action",
        "broken": f"This link does not work · {campaign.title} · Rights in Action",
        "expired": f"This link has expired · {campaign.title} · Rights in Action",
    }
