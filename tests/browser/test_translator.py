"""A translator changes a Chinese campaign in wagtail-localize's editor and publishes it."""

from django.contrib.auth.models import Group, Permission
from wagtail.models import Page

from home.roles import TRANSLATORS, grant_page_permissions
from tests.browser.conftest import PASSWORD

SLUG = "protect-rights-in-hong-kong"


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


def test_translator_edits_and_publishes_in_the_translation_editor(
    demo, live_server, browser, admin_page, django_user_model, screenshot
):
    make_translator(django_user_model)
    chinese = Page.objects.get(slug=SLUG, locale__language_code="zh-hant")
    english = Page.objects.get(slug=SLUG, locale__language_code="en")

    page = admin_page("translator")

    page.goto(f"{live_server.url}/admin/pages/{chinese.pk}/edit/")
    page.get_by_role("button", name="Edit").first.click()
    page.locator("textarea").first.fill("捍衞香港的集會自由")
    page.get_by_role("button", name="Save").first.click()
    page.wait_for_timeout(500)
    screenshot(page, "translator-editor")
    page.get_by_role("button", name="Publish in 繁體中文").click()
    page.wait_for_load_state("networkidle")

    public = page.goto(f"{live_server.url}/zh-hant/{SLUG}/")
    assert public.status == 200
    assert page.inner_text("h1") == "捍衞香港的集會自由"
    assert Page.objects.get(pk=english.pk).title == "Protect the right to protest in Hong Kong"

    # The English page is not theirs to edit.
    page.goto(f"{live_server.url}/admin/pages/{english.pk}/edit/")
    assert page.url == f"{live_server.url}/admin/"
