"""The counts in a browser: the embedded counter and sign form inside another site's iframe, and
the team's dashboard panel and report, read with and without JavaScript."""

import datetime
import html
import http.server
import threading
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.utils import timezone, translation
from playwright.sync_api import expect
from wagtail.contrib.forms.utils import get_form_types
from wagtail.models import Locale

from campaigns.models import CampaignPage, CampaignSubmission, SignatureTally
from campaigns.team.tally import tally_signatures
from organisation.partners import Partner
from tests.browser.conftest import PASSWORD
from tests.browser.test_supporters import DESKTOP, LANGUAGES, PHONE, SLUG, THANK_YOU, WCAG, fill
from tests.conftest import supporter_key_of


@pytest.fixture
def signed(demo):
    """Nine signatures over the last three days, in every language."""
    # Wagtail caches the form pages' content types for the process; each browser test flushes
    # the database, and the content types come back with new ids.
    get_form_types.cache_clear()
    english = CampaignPage.objects.get(slug=SLUG, locale__language_code="en")
    now = timezone.now()
    number = 0
    for days_ago, language, n in (
        (2, "en", 2),
        (1, "zh-hant", 3),
        (0, "zh-hans", 1),
        (0, "en", 3),
    ):
        page = english.get_translation(Locale.objects.get(language_code=language))
        for _i in range(n):
            number += 1
            submission = CampaignSubmission.objects.create(
                page=page,
                form_data={"email": f"b{number}@example.org"},
                supporter_key=supporter_key_of(f"b{number}@example.org"),
            )
            moment = now - datetime.timedelta(days=days_ago)
            CampaignSubmission.objects.filter(pk=submission.pk).update(
                submit_time=moment, confirmed_at=moment
            )
    tally_signatures()
    return english


@pytest.fixture
def partner_site():
    """Another site on loopback, whose page frames the URL in its query string. (A real server:
    Chromium refuses to let a page it did not fetch from the network frame a loopback one.)"""

    class PartnerPage(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            query = parse_qs(urlsplit(self.path).query)
            if "src" not in query:  # the browser's /favicon.ico
                self.send_error(404)
                return
            src = html.escape(query["src"][0])
            height = html.escape(query.get("height", ["260"])[0])
            body = (
                '<meta name="viewport" content="width=device-width, initial-scale=1">'
                f'<h1>Partner</h1><iframe src="{src}" title="Counter" height="{height}" '
                'style="width: 100%; border: 0"></iframe>'
            )
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.end_headers()
            self.wfile.write(body.encode())

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), PartnerPage)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield (
        lambda src, **query: (
            f"http://127.0.0.1:{server.server_port}/?{urlencode({'src': src, **query})}"
        )
    )
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_partner_site_frames_the_counter(
    signed, live_server, browser, partner_site, language, screenshot
):
    url = f"{live_server.url}/{language}/embed/{signed.translation_key}/"
    page = browser.new_page(viewport=PHONE)
    page.goto(partner_site(url))
    frame = page.frame_locator("iframe")
    frame.locator("h1").wait_for()
    total = SignatureTally.objects.get(pk=signed.translation_key).total
    assert f"{total:,}" in frame.locator(".signature-progress__count").inner_text()
    screenshot(page, f"embed-{language}-in-iframe")

    # The campaign page itself may not be framed by another site.
    page.goto(partner_site(f"{live_server.url}/{language}/{SLUG}/"))
    refused = page.frames[1]
    assert refused.locator(".site-header").count() == 0
    assert "ERR_BLOCKED_BY_RESPONSE" in refused.content()
    counter = browser.new_page(viewport=PHONE)
    counter.goto(url)
    results = Axe().run(counter, options=WCAG)
    assert results.violations_count == 0, results.generate_report()


@pytest.mark.parametrize("javascript", [True, False])
def test_team_reads_the_dashboard_and_report(
    signed, live_server, browser, django_user_model, javascript, screenshot
):
    django_user_model.objects.create_superuser("team", "team@example.org", PASSWORD)
    page = browser.new_page(viewport=DESKTOP, java_script_enabled=javascript)
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", "team")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/admin/")

    row = page.locator(f"tr[data-campaign='{signed.translation_key}']")
    assert row.locator("[data-count=today]").inner_text() == "4"
    # The demo's campaign has paper signatures too: the total is the tally's.
    total = SignatureTally.objects.get(pk=signed.translation_key).total
    assert total > 9
    assert row.locator("[data-count=total]").inner_text() == f"{total:,}"
    suffix = "js" if javascript else "nojs"
    screenshot(page, f"admin-dashboard-momentum-{suffix}")

    link = row.get_by_role("link", name="Signatures per day")
    assert link.get_attribute("href") == f"/admin/campaigns/report/{signed.pk}/"
    # (Without JavaScript, Wagtail's "JavaScript is required" banner is in the way of clicks.)
    page.goto(f"{live_server.url}{link.get_attribute('href')}")
    by_language = page.locator("section[data-split=language]")
    assert by_language.get_by_role("img", name="Signatures per day").count() == 1
    totals = page.locator(
        ".campaign-report__table[data-split=language] tfoot td"
    ).all_inner_texts()
    assert totals == ["5", "3", "1", "9"]
    screenshot(page, f"admin-report-{suffix}")
    if javascript:
        results = Axe().run(page, context=".campaign-report__chart, .campaign-report__table")
        assert results.violations_count == 0, results.generate_report()


PARTNER = "harbour-rights"  # the demo's fictional partner (campaigns.demo.content.PARTNER)
SIGNING_PHONE = {"width": 375, "height": 740}


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_supporter_signs_inside_a_partners_frame(
    demo, live_server, browser, partner_site, language, screenshot
):
    partner_page = partner_site("about:blank")
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(partner_page))
    # The partner as the organisation lists it, on this test's loopback port.
    Partner.objects.filter(slug=PARTNER).update(origins=origin)
    campaign = CampaignPage.objects.get(slug=SLUG, locale__language_code=language)
    embed = f"{live_server.url}/{language}/{SLUG}/embed/?partner={PARTNER}"

    page = browser.new_page(viewport=SIGNING_PHONE)
    page.goto(partner_site(embed, height="900"))
    frame = page.frame_locator("iframe")
    frame.locator("h1").wait_for()
    box = page.locator("iframe").bounding_box()
    assert box["width"] > 300  # the frame fills the partner's column on a 375 px phone
    title = frame.locator("h1")
    assert title.inner_text() == campaign.title
    total = SignatureTally.objects.get(pk=campaign.translation_key).total
    assert f"{total:,}" in frame.locator(".signature-progress__count").inner_text()
    for field in ("#id_first_name", "#id_email", "button[type=submit]"):
        inside = frame.locator(field).bounding_box()
        assert box["x"] <= inside["x"] and inside["x"] + inside["width"] <= box["x"] + box["width"]
    consent = frame.locator("input[name=embed_partner_consent]")
    assert not consent.is_checked()  # never ticked in advance
    consent_label = frame.locator("label[for=id_embed_partner_consent]").inner_text()
    with translation.override(language):  # the default wording is in the page's language
        expected = str(Partner.objects.get(slug=PARTNER, locale=campaign.locale).consent_label)
    assert consent_label == expected
    screenshot(page, f"embed-form-{language}-375")

    fill(page.query_selector("iframe").content_frame(), f"partner-{language}@example.org")
    consent.check()
    frame.locator("button[type=submit]").click()

    heading = frame.locator("#thank-you-heading")
    # The supporter had scrolled the partner's page down to the button: the answer is brought
    # back into view (static/js/embed-thanks.js).
    expect(heading).to_be_in_viewport()
    assert heading.inner_text() == THANK_YOU[language]
    shown = heading.bounding_box()
    box = page.locator("iframe").bounding_box()
    assert box["y"] <= shown["y"] and shown["y"] + shown["height"] <= box["y"] + box["height"]
    assert 0 <= shown["y"] < SIGNING_PHONE["height"]  # the answer in sight, in the frame
    full_page = frame.locator(".embed__more a")
    assert full_page.get_attribute("target") == "_blank"
    assert urlsplit(full_page.get_attribute("href")).path == f"/{language}/{SLUG}/"
    screenshot(page, f"embed-form-{language}-signed-375")

    submission = CampaignSubmission.objects.get()
    assert submission.language == language
    assert submission.source == {"partner": PARTNER}
    assert submission.partner_consent == consent_label
    assert submission.quarantined_at is None  # a supporter, not held for review
    assert submission.supporter_key == supporter_key_of(f"partner-{language}@example.org")

    # A site the organisation does not list cannot frame the form.
    unlisted = partner_site(embed).replace("127.0.0.1", "localhost", 1)
    page.goto(unlisted)
    page.locator("iframe").wait_for()
    refused = page.frames[1]
    refused.wait_for_load_state()
    assert refused.locator("form.action-form").count() == 0
    assert "ERR_BLOCKED_BY_RESPONSE" in refused.content()
    screenshot(page, f"embed-form-{language}-unlisted-origin")
