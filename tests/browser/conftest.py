"""Browser tests: Debian's Chromium driven by Playwright against a live test server.

Skipped, with a clear reason, where /usr/bin/chromium is absent (`make test` says so);
`.ci/run` installs it, so they always run in CI.
"""

import os
import shutil
from pathlib import Path

import pytest
from django.core.management import call_command
from wagtail.contrib.forms.utils import get_form_types

CHROMIUM = "/usr/bin/chromium"
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"

if not shutil.which(CHROMIUM):
    pytest.skip(
        f"browser tests skipped: no Chromium at {CHROMIUM} (apt-get install chromium)",
        allow_module_level=True,
    )

# Playwright's sync API runs an event loop in the test's thread; the test's own database calls
# are still synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
    }


@pytest.fixture
def demo(transactional_db, wagtail_rows, settings):
    """The demo site in every language, and supporters who are not in a hurry. (The live server
    needs committed data, so each test starts from a flushed database: see `wagtail_rows`.)"""
    settings.SIGNING_MIN_FILL_SECONDS = 0
    call_command("load_demo", verbosity=0)
    # Wagtail keeps the form pages' content types for the life of the process, and the flush
    # gave them new ids: without this, a test after another finds no form to list.
    get_form_types.cache_clear()


@pytest.fixture
def screenshot():
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def screenshot(page, name):
        page.screenshot(path=SCREENSHOTS / f"{name}.png", full_page=True)

    screenshot.folder = SCREENSHOTS
    return screenshot


PASSWORD = "a-long-password-1"


@pytest.fixture
def admin_page(browser, live_server):
    """A browser page logged in to the Wagtail admin through its login form, as `username`."""

    def admin_page(username, **page_options):
        page = browser.new_page(viewport={"width": 1440, "height": 1000}, **page_options)
        page.goto(f"{live_server.url}/admin/login/")
        page.fill("#id_username", username)
        page.fill("#id_password", PASSWORD)
        page.click("button[type=submit]")
        page.wait_for_url(f"{live_server.url}/admin/")
        return page

    return admin_page
