"""What the campaign team does in a browser: log in and export the signatures, and delete a
campaign, then still download its signatures."""

import csv
import io

from playwright.sync_api import expect
from wagtail.models import Locale

from campaigns.models import CampaignPage, CampaignSubmission
from tests.browser.conftest import PASSWORD


def test_team_member_logs_in_and_exports_every_language(
    demo, live_server, browser, admin_page, django_user_model
):
    django_user_model.objects.create_superuser("team", "team@example.org", PASSWORD)
    english = CampaignPage.objects.get(
        slug="protect-rights-in-hong-kong", locale__language_code="en"
    )
    chinese = english.get_translation(Locale.objects.get(language_code="zh-hant"))
    for language, signed_page in (("en", english), ("zh-hant", chinese)):
        CampaignSubmission.objects.create(
            page=signed_page,
            form_data={"first_name": f"{language} 大文", "email": f"{language}@example.org"},
        )

    page = admin_page("team", accept_downloads=True)

    page.goto(f"{live_server.url}/admin/forms/submissions/{english.pk}/")
    with page.expect_download() as download:
        page.click("text=Download CSV")
    content = download.value.path().read_bytes()

    assert content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"))))
    assert sorted(row["Language"] for row in rows) == ["English", "繁體中文"]
    assert {row["First name"] for row in rows} == {"en 大文", "zh-hant 大文"}


def test_team_deletes_a_campaign_then_downloads_its_signatures(
    demo, live_server, browser, admin_page, django_user_model
):
    django_user_model.objects.create_superuser("team", "team@example.org", PASSWORD)
    english = CampaignPage.objects.get(
        slug="protect-rights-in-hong-kong", locale__language_code="en"
    )
    chinese = english.get_translation(Locale.objects.get(language_code="zh-hant"))
    for language, signed_page in (("en", english), ("zh-hant", chinese)):
        CampaignSubmission.objects.create(
            page=signed_page,
            form_data={"first_name": f"{language} 大文", "email": f"{language}@example.org"},
        )
    held = CampaignSubmission.objects.filter(campaign_key=english.translation_key).count()
    page = admin_page("team", accept_downloads=True)

    # Its translations first, then the campaign itself: each screen says what is kept.
    for translation in english.get_translations():
        page.goto(f"{live_server.url}/admin/pages/{translation.pk}/delete/")
        expect(page.locator(".messages")).to_contain_text(
            f"This campaign holds {held} signatures, in all its languages."
        )
        page.click("input[value='Yes, delete it']")
    page.goto(f"{live_server.url}/admin/pages/{english.pk}/delete/")
    expect(page.locator(".messages")).to_contain_text(
        f"This campaign holds {held} signatures. Deleting the page does not delete them"
    )
    page.click("input[value='Yes, delete it']")
    expect(page.locator(".messages")).to_contain_text("deleted")
    assert not CampaignPage.objects.filter(translation_key=english.translation_key).exists()

    page.click("text=Signatures")  # the main menu
    row = page.locator("tr", has_text=english.title)
    expect(row.locator("[data-total]")).to_contain_text(str(held))
    row.locator("td.title a").click()
    with page.expect_download() as download:
        page.click("text=Download CSV")
    content = download.value.path().read_bytes()

    rows = list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"))))
    assert len(rows) == held
    assert {"en 大文", "zh-hant 大文"} <= {row["First name"] for row in rows}
    assert {"English", "繁體中文"} <= {row["Language"] for row in rows}
