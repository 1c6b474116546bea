"""After signing, a supporter shares the action: by keyboard, in their language, and with the
device's own share sheet where the browser has one."""

from tests.browser.test_supporters import PHONE, SLUG, fill

# Records what the page asks navigator.share for, as a phone's browser would open its sheet.
FAKE_NAVIGATOR_SHARE = """
    window.__shared = [];
    navigator.share = (data) => { window.__shared.push(data); return Promise.resolve(); };
"""


def sign(page, live_server, language, email):
    page.goto(f"{live_server.url}/{language}/{SLUG}/")
    fill(page, email)
    page.click("button[type=submit]")
    page.wait_for_selector("#thank-you-heading")
    # Deferred scripts (share.js) have run by DOMContentLoaded.
    page.wait_for_load_state("domcontentloaded")


def test_share_sheet_button_appears_only_where_the_browser_can_share(demo, live_server, browser):
    plain = browser.new_page(viewport=PHONE)
    plain.add_init_script("delete Navigator.prototype.share; delete navigator.share;")
    sign(plain, live_server, "en", "plain@example.org")
    assert plain.locator(".share__native").is_hidden()
    assert plain.locator(".share__link").count() == 6

    phone = browser.new_page(viewport=PHONE)
    phone.add_init_script(FAKE_NAVIGATOR_SHARE)
    sign(phone, live_server, "zh-hant", "sheet@example.org")
    button = phone.locator(".share__native")
    assert button.is_visible()
    assert button.inner_text() == "分享…"
    button.click()
    shared = phone.evaluate("window.__shared")
    assert shared == [
        {
            "title": "保障香港的示威權利",
            "text": "我已寫信給香港政府，捍衞示威權利。你也來發聲：",
            "url": (
                f"{live_server.url}/zh-hant/{SLUG}/"
                f"?utm_source=share_sheet&utm_medium=share&utm_campaign={SLUG}"
            ),
        }
    ]


def test_share_links_are_reached_by_keyboard_with_names_in_the_page_language(
    demo, live_server, browser
):
    page = browser.new_page(viewport=PHONE)
    sign(page, live_server, "zh-hans", "keys-share@example.org")

    page.focus("#share-heading ~ .share__links a >> nth=0")
    names = []
    for _ in range(6):
        names.append(page.evaluate("document.activeElement.textContent.trim()"))
        page.keyboard.press("Tab")
    assert names[0] == "通过电子邮件分享"
    assert names[1] == "分享到 WhatsApp （在新标签页打开）"
    assert [name.split(" ")[0] for name in names] == [
        "通过电子邮件分享",
        "分享到",
        "分享到",
        "分享到",
        "分享到",
        "分享到",
    ]
