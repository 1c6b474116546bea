"""The error summary and refused posts in a real browser, at 375×740 and 1440×900: the summary
(or the refusal's notice) has the focus and is on screen, the title starts with "Error: ", and a
refused post (403 from another website, 413 too large, 429 too many) comes back with what was
typed (campaigns/signing/refusals.py)."""

import html
import http.server
import threading

import pytest

from campaigns.models import CampaignFormField, CampaignPage, CampaignSubmission

SLUG = "protect-rights-in-hong-kong"
VIEWPORTS = {"375": {"width": 375, "height": 740}, "1440": {"width": 1440, "height": 900}}
LETTER = "Dear Chief Executive,\n\nI wrote this letter myself: 請釋放他們。"


def settle(page):
    """Wait until scrolling has stopped: it is smooth (portal.css)."""
    positions = [None, page.evaluate("scrollY")]
    while positions[-1] != positions[-2]:
        page.wait_for_timeout(200)
        positions.append(page.evaluate("scrollY"))


def assert_focused_on_screen(page, viewport):
    """The summary has the focus and its heading is within the viewport."""
    page.wait_for_load_state("load")  # deferred scripts have run
    settle(page)
    assert page.evaluate(
        "document.activeElement === document.querySelector('.action-form .error-summary')"
    )
    box = page.locator(".action-form .error-summary h3").bounding_box()
    assert box["y"] >= 0 and box["y"] + box["height"] <= viewport["height"], box
    assert page.title().startswith("Error: ")


def consent_name():
    page = CampaignPage.objects.get(slug=SLUG, locale__language_code="en")
    return CampaignFormField.objects.get(page=page, field_type="checkbox").clean_name


def fill(page, letter=LETTER):
    page.fill("#id_first_name", "大文")
    page.fill("#id_last_name", "陳")
    page.fill("#id_email", "dai.man@example.org")
    page.select_option("#id_country", "HK")
    page.fill("#id_your_message", letter)
    page.check("input[type=checkbox][name^=i_agree]")


def assert_typed_back(page, letter=LETTER, ticked=True):
    assert page.input_value("#id_first_name") == "大文"
    assert page.input_value("#id_email") == "dai.man@example.org"
    assert page.input_value("#id_country") == "HK"
    assert page.input_value("#id_your_message") == letter
    assert page.is_checked("input[type=checkbox][name^=i_agree]") == ticked


@pytest.mark.parametrize("width", VIEWPORTS)
def test_an_empty_form_moves_the_focus_to_the_summary(
    demo, live_server, browser, width, screenshot
):
    viewport = VIEWPORTS[width]
    page = browser.new_page(viewport=viewport)
    page.goto(f"{live_server.url}/en/{SLUG}/")
    page.click(".action-form button[type=submit]")
    page.wait_for_selector(".error-summary")

    assert_focused_on_screen(page, viewport)
    assert page.inner_text(".error-summary h3") == "There is a problem"
    # A link goes to its field, the label in view too.
    page.click(".error-summary a[href='#id_email']")
    assert page.evaluate("document.activeElement.id") == "id_email"
    settle(page)
    label = page.locator("label[for=id_email]").bounding_box()
    assert -1 < label["y"] < viewport["height"]  # (sub-pixel: at the very top)
    screenshot(page, f"errors-summary-en-{width}")
    assert not CampaignSubmission.objects.exists()


@pytest.fixture
def partner_site():
    """Another website on loopback, with a form that posts to ours: what a forger serves (and
    what a partner's copied form would do)."""
    pages = {}

    class PartnerPage(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            body = pages["form"].encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), PartnerPage)
    threading.Thread(target=server.serve_forever, daemon=True).start()

    def serve(action, fields):
        inputs = "".join(
            f'<input name="{html.escape(name)}" value="{html.escape(value)}">'
            if kind == "text"
            else f'<textarea name="{html.escape(name)}">{html.escape(value)}</textarea>'
            if kind == "textarea"
            else f'<input type="checkbox" name="{html.escape(name)}" checked>'
            for name, kind, value in fields
        )
        pages["form"] = (
            f'<form method="post" action="{action}">{inputs}<button>Sign</button></form>'
        )
        return f"http://127.0.0.1:{server.server_port}/"

    yield serve
    server.shutdown()
    server.server_close()


def test_a_form_sent_from_another_website_comes_back_unticked(
    demo, live_server, browser, partner_site, screenshot
):
    url = partner_site(
        f"{live_server.url}/en/{SLUG}/",
        [
            ("first_name", "text", "大文"),
            ("last_name", "text", "陳"),
            ("email", "text", "dai.man@example.org"),
            ("country", "text", "HK"),
            ("your_message", "textarea", LETTER),
            (consent_name(), "checkbox", ""),
        ],
    )
    for width, viewport in VIEWPORTS.items():
        page = browser.new_page(viewport=viewport)
        page.goto(url)
        with page.expect_navigation() as navigation:
            page.click("button")
        assert navigation.value.status == 403

        page.wait_for_selector(".error-summary")
        assert_focused_on_screen(page, viewport)
        assert "sent from another website" in page.inner_text(".error-summary")
        assert_typed_back(page, ticked=False)  # consent is given on our page, not theirs
        screenshot(page, f"refused-403-en-{width}")
        page.close()
    assert not CampaignSubmission.objects.exists()


def test_a_letter_too_long_comes_back_with_its_error(demo, live_server, browser, screenshot):
    # What a browser without maxlength would send: more than SIGNING_MAX_BODY_BYTES.
    letter = LETTER + " 請" * 20_000
    for width, viewport in VIEWPORTS.items():
        page = browser.new_page(viewport=viewport)
        page.goto(f"{live_server.url}/en/{SLUG}/")
        assert page.get_attribute("#id_your_message", "maxlength") == "5000"
        page.evaluate("document.querySelector('#id_your_message').removeAttribute('maxlength')")
        fill(page, letter)
        with page.expect_navigation() as navigation:
            page.click(".action-form button[type=submit]")
        assert navigation.value.status == 413

        page.wait_for_selector(".error-summary")
        assert_focused_on_screen(page, viewport)
        assert "Your message is too long" in page.inner_text(".error-summary")
        assert page.inner_text("#id_your_message_error").endswith(
            "Your message must be 5000 characters or fewer"
        )
        assert_typed_back(page, letter)
        screenshot(page, f"refused-413-en-{width}")
        page.close()
    assert not CampaignSubmission.objects.exists()


def test_too_many_signatures_come_back_filled_in(demo, live_server, browser, settings, screenshot):
    settings.SIGNING_COUNT_RATES = True
    settings.SIGNING_REFUSE_FACTOR = 0  # every signature from this connection is one too many
    for width, viewport in VIEWPORTS.items():
        page = browser.new_page(viewport=viewport)
        page.goto(f"{live_server.url}/en/{SLUG}/")
        fill(page)
        with page.expect_navigation() as navigation:
            page.click(".action-form button[type=submit]")
        assert navigation.value.status == 429
        assert navigation.value.headers["retry-after"] == "60"

        page.wait_for_selector(".error-summary")
        assert_focused_on_screen(page, viewport)
        assert "wait a minute, then send it again" in page.inner_text(".error-summary")
        assert_typed_back(page)
        screenshot(page, f"refused-429-en-{width}")
        page.close()
    assert not CampaignSubmission.objects.exists()
