"""What the campaign team does in a browser: log in and export the signatures."""

import csv
import io

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
    page.click("button[aria-label='Actions']")  # the export links sit in the Actions menu
    with page.expect_download() as download:
        page.click("text=Download CSV")
    content = download.value.path().read_bytes()

    assert content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"))))
    assert sorted(row["Language"] for row in rows) == ["English", "繁體中文"]
    assert {row["First name"] for row in rows} == {"en 大文", "zh-hant 大文"}
