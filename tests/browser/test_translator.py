"""A translator, alone: finds the English campaign, syncs its translation after the English
changed, is stopped from publishing while the consent is untranslated, translates it and
publishes; supporters then read, and give, the consent in Chinese."""

import re

from django.contrib.auth.models import Group, Permission
from playwright.sync_api import expect
from wagtail.models import Page

from campaigns.models import CampaignFormField, CampaignSubmission
from home.roles import TRANSLATORS, grant_page_permissions
from tests.browser.conftest import PASSWORD

SLUG = "protect-rights-in-hong-kong"
NEW_CONSENT = "I agree that my name and my message are delivered to the authorities"
CHINESE_CONSENT = "我同意將我的名字和我的訊息送交當局"


def make_translator(django_user_model):
    """The Translators group as migration home.0002 makes it (the browser tests' database is
    flushed between tests, migration data included)."""
    from django.contrib.contenttypes.models import ContentType
    from wagtail_localize.models import Translation

    group, _created = Group.objects.get_or_create(name=TRANSLATORS)
    submit, _created = Permission.objects.get_or_create(
        content_type=ContentType.objects.get_for_model(Translation),
        codename="submit_translation",
        defaults={"name": "Can submit translations"},
    )
    group.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"),
        submit,
    )
    for home in Page.objects.filter(depth=2).exclude(locale__language_code="en"):
        grant_page_permissions(group, home)
    user = django_user_model.objects.create_user("translator", password=PASSWORD)
    user.groups.add(group)
    return user


def change_the_english_consent():
    """The campaign team rewords the consent in English and publishes."""
    english = Page.objects.get(slug=SLUG, locale__language_code="en").specific
    consent = english.form_fields.get(field_type="checkbox")
    consent.label = NEW_CONSENT
    consent.save()
    english.save_revision().publish()
    return english


def test_translator_syncs_is_stopped_at_the_consent_translates_and_publishes(
    demo, live_server, browser, admin_page, django_user_model, screenshot
):
    make_translator(django_user_model)
    english = change_the_english_consent()
    chinese = Page.objects.get(slug=SLUG, locale__language_code="zh-hant")
    page = admin_page("translator")

    # The overview says the translation is behind its source.
    page.get_by_role("link", name="Translations").first.click()
    cell = page.locator(
        f'tr[data-translation-key="{english.translation_key}"] td[data-language="zh-hant"]'
    )
    expect(cell).to_contain_text("The source has changed since the last sync.")
    screenshot(page, "translator-translations-overview")

    # The English campaign, in the explorer, with "Sync translated pages".
    page.goto(f"{live_server.url}/admin/pages/{english.get_parent().pk}/")
    row = page.locator("tr", has_text=english.title)
    expect(row).to_be_visible()
    screenshot(page, "translator-explorer-english")
    row.get_by_role("button", name=re.compile("More options")).click()
    row.get_by_role("link", name="Sync translated pages").click()
    page.get_by_role("button", name="Submit").click()
    expect(page.locator(".messages").first).to_contain_text("Successfully updated")
    page.wait_for_load_state("networkidle")

    # The translation editor: publishing is refused, naming the consent.
    page.goto(f"{live_server.url}/admin/pages/{chinese.pk}/edit/")
    page.get_by_role("button", name="Publish in 繁體中文").click()
    page.wait_for_load_state("networkidle")
    error = page.locator(".messages .error, .messages [class*=error]").first
    expect(error).to_contain_text("cannot be published in 繁體中文")
    expect(error).to_contain_text(f"Consent checkbox: “{NEW_CONSENT[:40]}")
    screenshot(page, "translator-blocked-by-consent")
    # The live Chinese page still asks for the consent it had.
    assert not CampaignFormField.objects.filter(page=chinese, label=NEW_CONSENT).exists()

    # Translate the consent (on the Action form tab), then publish.
    page.get_by_text("Action form", exact=True).first.click()
    # The innermost item holding the source text: the segment.
    segment = page.locator("li").filter(has_text=NEW_CONSENT).last
    segment.get_by_role("button", name="Translate", exact=True).click()
    segment.locator("textarea").fill(CHINESE_CONSENT)
    segment.get_by_role("button", name="Save", exact=True).click()
    expect(segment.get_by_role("button", name="Edit", exact=True)).to_be_visible()
    screenshot(page, "translator-consent-translated")
    page.get_by_role("button", name="Publish in 繁體中文").click()
    page.wait_for_load_state("networkidle")
    expect(page.locator(".messages").first).to_contain_text("Published")

    # Supporters read the Chinese consent, and their signature records it.
    page.goto(f"{live_server.url}/zh-hant/{SLUG}/")
    expect(page.locator("label", has_text=CHINESE_CONSENT)).to_be_visible()
    page.fill("#id_first_name", "大文")
    page.fill("#id_last_name", "陳")
    page.fill("#id_email", "chan@example.org")
    page.select_option("#id_country", "HK")
    page.check("input[type=checkbox][name^=i_agree]")
    page.click("button[type=submit]")
    page.wait_for_selector("#thank-you-heading")
    screenshot(page, "translator-zh-signed")
    signature = CampaignSubmission.objects.get(language="zh-hant")
    assert CHINESE_CONSENT in signature.consent
    assert NEW_CONSENT not in signature.consent

    # The English page stays theirs to read, not to edit.
    page.goto(f"{live_server.url}/admin/pages/{english.pk}/edit/")
    assert page.url == f"{live_server.url}/admin/"
