"""What supporters do in a browser, on a phone, in three languages, with and without a mouse,
with and without JavaScript; and what axe-core finds (nothing, at WCAG 2.2 AA)."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.utils import translation
from django.utils.translation import gettext

from campaigns.models import CampaignSubmission, OptIn
from campaigns.signing.errors import EMAIL
from tests.conftest import supporter_key_of

SLUG = "protect-rights-in-hong-kong"
PHONE = {"width": 375, "height": 812}
DESKTOP = {"width": 1440, "height": 900}
LANGUAGES = ("en", "zh-hant", "zh-hans")
THANK_YOU = {
    "en": "Thank you for taking action",
    "zh-hant": "感謝你採取行動",
    "zh-hans": "感谢您采取行动",
}
WCAG = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]}
}


def fill(page, email):
    page.fill("#id_first_name", "大文")
    page.fill("#id_last_name", "陳")
    page.fill("#id_email", email)
    page.select_option("#id_country", "HK")  # a list of countries, named in the page's language
    page.check("input[type=checkbox][name^=i_agree]")


@pytest.mark.parametrize("language", LANGUAGES)
def test_supporter_signs_on_a_phone(demo, live_server, browser, language, screenshot):
    page = browser.new_page(viewport=PHONE)
    page.goto(f"{live_server.url}/{language}/{SLUG}/")
    screenshot(page, f"campaign-open-{language}-375")

    fill(page, f"phone-{language}@example.org")
    page.click("button[type=submit]")

    page.wait_for_selector("#thank-you-heading")
    assert page.inner_text("#thank-you-heading") == THANK_YOU[language]
    screenshot(page, f"campaign-signed-{language}-375")
    submission = CampaignSubmission.objects.get()
    assert submission.language == language
    assert submission.form_data["first_name"] == "大文"
    assert submission.form_data["your_message"]  # the pre-filled letter, sent as it was


@pytest.mark.parametrize("language", LANGUAGES)
def test_supporter_signs_with_the_keyboard_alone(demo, live_server, browser, language):
    page = browser.new_page(viewport=PHONE)
    page.goto(f"{live_server.url}/{language}/{SLUG}/")

    # Skip link first, then into the form by Tab alone.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    page.focus("#id_first_name")
    for value in ("大文", "陳", f"keys-{language}@example.org"):
        page.keyboard.type(value)
        page.keyboard.press("Tab")
    page.keyboard.press("ArrowDown")  # Hong Kong, first in the list of countries
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")  # past the letter, keeping it as it is
    assert page.evaluate("document.activeElement.type") == "checkbox"
    page.keyboard.press("Space")
    page.keyboard.press("Tab")  # the privacy notice beside the consent box
    assert page.evaluate("document.activeElement.pathname") == f"/{language}/privacy/"
    # The two optional opt-ins (campaigns.signing.opt_ins), passed by unticked: signing asks
    # for nothing more, and a supporter who never touched them is not on any list.
    for name in ("opt-in-campaign", "opt-in-organisation"):
        page.keyboard.press("Tab")
        assert page.evaluate("[document.activeElement.type, document.activeElement.name]") == [
            "checkbox",
            name,
        ]
    page.keyboard.press("Tab")  # what the opt-ins' addresses are used for: the same notice
    assert page.evaluate("document.activeElement.pathname") == f"/{language}/privacy/"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.type") == "submit"
    page.keyboard.press("Enter")

    page.wait_for_selector("#thank-you-heading")
    submission = CampaignSubmission.objects.get()
    assert submission.form_data["email"] == f"keys-{language}@example.org"
    assert submission.form_data["country"] == "HK"
    assert not OptIn.objects.filter(signature=submission).exists()


@pytest.mark.parametrize("language", LANGUAGES)
def test_supporter_signs_without_javascript(demo, live_server, browser, language):
    context = browser.new_context(java_script_enabled=False, viewport=PHONE)
    page = context.new_page()
    page.goto(f"{live_server.url}/{language}/{SLUG}/")

    fill(page, f"nojs-{language}@example.org")
    page.click("button[type=submit]")

    page.wait_for_selector("#thank-you-heading")
    assert page.inner_text("#thank-you-heading") == THANK_YOU[language]
    submission = CampaignSubmission.objects.get()
    assert (submission.language, submission.supporter_key) == (
        language,
        supporter_key_of(f"nojs-{language}@example.org"),
    )


def test_supporter_hears_the_errors_fixes_them_and_signs(demo, live_server, browser):
    page = browser.new_page(viewport=PHONE)
    page.goto(f"{live_server.url}/zh-hant/{SLUG}/")
    page.fill("#id_first_name", "大文")
    page.fill("#id_email", "not-an-email")
    page.click("button[type=submit]")

    summary = page.locator(".error-summary")
    assert summary.get_attribute("role") == "alert"
    with translation.override("zh-hant"):
        assert summary.locator("h3").inner_text() == gettext("There is a problem")
        assert gettext(EMAIL) in summary.inner_text()
    # Focused as the page loads (static/js/error-summary.js), for screen readers to read it.
    page.wait_for_load_state("load")
    assert page.evaluate("document.activeElement.classList.contains('error-summary')")
    email = page.locator("#id_email")
    assert email.get_attribute("aria-invalid") == "true"
    assert "id_email_error" in email.get_attribute("aria-describedby")
    assert page.input_value("#id_first_name") == "大文"  # kept
    page.click(".error-summary a[href='#id_email']")
    assert page.evaluate("document.activeElement.id") == "id_email"
    assert not CampaignSubmission.objects.exists()

    fill(page, "fixed@example.org")
    page.click("button[type=submit]")

    page.wait_for_selector("#thank-you-heading")
    assert CampaignSubmission.objects.get().form_data["email"] == "fixed@example.org"


def states(live_server, language):
    base = f"{live_server.url}/{language}"
    return {
        "home": (f"{base}/", None),
        "open": (f"{base}/{SLUG}/", None),
        "errors": (f"{base}/{SLUG}/", "errors"),
        "signed": (f"{base}/{SLUG}/", "signed"),
        "closed": (f"{base}/end-forced-evictions/", None),
    }


@pytest.mark.parametrize("language", LANGUAGES)
def test_axe_finds_no_violations_in_any_state(demo, live_server, browser, language, screenshot):
    problems = {}
    for state, (url, action) in states(live_server, language).items():
        for width, viewport in (("375", PHONE), ("1440", DESKTOP)):
            page = browser.new_page(viewport=viewport)
            page.goto(url)
            if action == "errors":
                page.click("button[type=submit]")
                page.wait_for_selector(".error-summary")
            elif action == "signed":
                fill(page, f"axe-{language}-{width}@example.org")
                page.click("button[type=submit]")
                page.wait_for_selector("#thank-you-heading")
            screenshot(page, f"{state}-{language}-{width}")
            results = Axe().run(page, options=WCAG)
            if results.violations_count:
                problems[f"{state} {width}"] = results.generate_report()
            page.close()
    assert problems == {}, "\n".join(problems.values())
