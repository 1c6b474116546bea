"""A cached page is the same for every reader, yet each reader signs with a form token of their
own: the page's script fetches it. Without JavaScript the page's shared token is sent, and the
signature is held for review, not refused (campaigns.signing.tokens)."""

import re

import pytest
from playwright.sync_api import expect

from campaigns.models import CampaignSubmission
from tests.browser.test_supporters import fill

SLUG = "protect-rights-in-hong-kong"
PHONE = {"width": 375, "height": 812}


@pytest.fixture
def cached(settings):
    settings.PAGE_CACHE_SECONDS = 60


def fill_and_send(page, email):
    fill(page, email)
    page.click("button[type=submit]")
    page.wait_for_selector("#thank-you-heading")


@pytest.mark.parametrize("language", ["en", "zh-hant"])
def test_with_javascript_a_reader_of_a_cached_page_signs_with_their_own_token(
    demo, cached, live_server, browser, language, screenshot
):
    url = f"{live_server.url}/{language}/{SLUG}/"
    served = []
    page = browser.new_page(viewport=PHONE)
    page.on(
        "response",
        lambda response: served.append(response.text()) if response.url == url else None,
    )
    page.goto(url)
    page.goto(url)  # the second copy from the cache
    # Playwright's own wait (wait_for_function evaluates a string, which the page's CSP forbids).
    expect(page.locator("input[name=form_token]")).not_to_have_value(re.compile(r"^p\."))

    fill_and_send(page, f"js-{language}@example.org")

    screenshot(page, f"cached-signed-{language}-375")
    assert served[0] == served[1]  # nothing personal in the page
    assert 'name="form_token" value="p.' in served[1]
    submission = CampaignSubmission.objects.get()
    assert submission.quarantined_at is None
    assert submission.confirmed_at is not None
    assert submission.form_token


def test_without_javascript_the_signature_is_held_not_refused(demo, cached, live_server, browser):
    context = browser.new_context(java_script_enabled=False, viewport=PHONE)
    page = context.new_page()
    page.goto(f"{live_server.url}/en/{SLUG}/")

    fill_and_send(page, "nojs@example.org")

    submission = CampaignSubmission.objects.get()
    assert submission.quarantine_reasons == ["token_shared"]
    assert submission.confirmed_at is None
    context.close()
