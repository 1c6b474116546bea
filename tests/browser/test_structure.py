"""What axe cannot fully judge, checked directly: one h1, landmarks, labelled fields, a focus
ring on every tab stop, an accessible progress bar; and the letter as it prints."""

import pytest

from tests.browser.test_supporters import LANGUAGES, PHONE, SLUG

PAGES = {"home": "", "open": f"{SLUG}/", "closed": "end-forced-evictions/"}

FOCUS_VISIBLE = """() => {
    const style = getComputedStyle(document.activeElement);
    return (style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2)
        || style.boxShadow !== "none";
}"""

UNLABELLED_FIELDS = """() => [...document.querySelectorAll("input, select, textarea")]
    .filter(field => field.type !== "hidden" && !field.closest("[aria-hidden=true]"))
    .filter(field => !field.labels.length && !field.getAttribute("aria-label")
        && !field.getAttribute("aria-labelledby"))
    .map(field => field.name)"""


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("name", PAGES)
def test_one_h1_landmarks_labels_and_a_visible_focus(demo, live_server, browser, language, name):
    page = browser.new_page(viewport=PHONE)
    page.goto(f"{live_server.url}/{language}/{PAGES[name]}")

    assert page.locator("h1").count() == 1
    for role in ("banner", "main", "contentinfo", "navigation"):
        assert page.get_by_role(role).count() >= 1, f"no {role} landmark"
    assert page.evaluate(UNLABELLED_FIELDS) == []
    stops = 0
    for _ in range(30):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement === document.body"):
            break
        tag = page.evaluate("document.activeElement.outerHTML.slice(0, 80)")
        assert page.evaluate(FOCUS_VISIBLE), f"no visible focus on {tag}"
        stops += 1
    assert stops >= 3


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_progress_bar_is_named_and_in_range(demo, live_server, browser, language):
    page = browser.new_page(viewport=PHONE)
    page.goto(f"{live_server.url}/{language}/{SLUG}/")

    bar = page.get_by_role("progressbar")
    label = page.locator(f"#{bar.get_attribute('aria-labelledby')}")
    assert label.inner_text().strip()
    assert 0 <= int(bar.get_attribute("aria-valuenow")) <= int(bar.get_attribute("aria-valuemax"))
    assert "1,240" in bar.get_attribute("aria-valuetext")  # the demo's paper signatures
    assert "1,240" in label.inner_text()  # the number is in the text, not only in the bar


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_letter_prints_without_the_page_furniture(
    demo, live_server, browser, language, screenshot
):
    page = browser.new_page(viewport={"width": 794, "height": 1123})  # A4 at 96 dpi
    page.goto(f"{live_server.url}/{language}/{SLUG}/")
    letter = page.input_value("#id_your_message")
    page.emulate_media(media="print")

    assert not page.locator(".language-switcher").is_visible()
    assert not page.locator(".site-footer").is_visible()
    assert not page.locator(".action-form button[type=submit]").is_visible()
    assert page.locator("h1").is_visible()
    assert page.locator("#id_your_message").is_visible()
    assert letter.strip()
    assert page.evaluate("getComputedStyle(document.body).color") == "rgb(0, 0, 0)"
    screenshot(page, f"print-{language}")
    page.pdf(path=str(screenshot.folder / f"print-{language}.pdf"), format="A4")
