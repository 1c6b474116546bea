"""Browser tests: Debian's Chromium driven by Playwright against a live test server.

Skipped, with a clear reason, where /usr/bin/chromium is absent (`make test` says so);
`.ci/run` installs it, so they always run in CI.
"""

import os
import shutil
from pathlib import Path

import pytest
from django.core.management import call_command

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
def demo(transactional_db, settings):
    """The demo site in every language, and supporters who are not in a hurry. (The live server
    needs committed data, so each test starts from a flushed database, without the rows
    Wagtail's migrations create: the default locale, the page tree's and collections' roots.)"""
    from wagtail.models import Collection, Locale, Page

    Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
    if Page.get_first_root_node() is None:
        Page.add_root(title="Root", slug="root")
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")
    settings.SIGNING_MIN_FILL_SECONDS = 0
    call_command("load_demo", verbosity=0)


@pytest.fixture
def screenshot():
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def screenshot(page, name):
        page.screenshot(path=SCREENSHOTS / f"{name}.png", full_page=True)

    return screenshot
