"""The admin in Chinese: editors and translators whose admin is in 繁體中文 or 简体中文 meet no
English on the screens they work in, Wagtail's and wagtail-localize's own strings included
(locale_upstream/ supplies what their catalogs lack).

The walk is a list of screens (`SCREENS`): a path with the demo's ids in it, who looks at it, and
what to open first (the block chooser, a dialog). Add a screen with a line. The detector is
tests/browser/english.py; what people typed (titles, names, labels) is not the interface, so it
is left out.
"""

import dataclasses
from collections.abc import Callable

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from wagtail.contrib.forms.utils import get_form_types
from wagtail.images.models import Image
from wagtail.models import Collection, Page, Site, Task, Workflow
from wagtail.users.models import UserProfile
from wagtail_localize.models import String, StringTranslation

from campaigns.models import CampaignPage, PaperSignatures
from home.models import HomePage
from organisation.models import OrganisationSettings
from organisation.partners import Partner
from reportbacks.models import ReportBack
from tests.browser.conftest import PASSWORD
from tests.browser.english import english_on
from tests.browser.test_translator import SLUG, make_translator
from webhooks.models import EventType, WebhookEndpoint

EDITOR, TRANSLATOR = "editor", "translator"


def open_block_chooser(page):
    page.locator("button.c-sf-add-button:visible").last.click()
    page.locator("[role=listbox] [role=option]").first.wait_for()


def open_promote_tab(page):
    page.locator("[role=tab]", has=page.locator("text=/推廣|推广|Promote/")).first.click()
    page.locator(".partner-embed").wait_for()


def add_form_field(page):
    add = page.locator("#id_form_fields-ADD")
    panel = add.evaluate("button => button.closest('[role=tabpanel]').id")
    page.locator(f"[role=tab][aria-controls='{panel}']").click()
    add.click()
    page.locator("[name='form_fields-0-label']").last.wait_for(state="attached")


def open_schedule_dialog(page):
    page.locator("button[data-side-panel-toggle='status']").click()
    page.locator("[data-a11y-dialog-show='schedule-publishing-dialog']").first.click()
    page.locator("#schedule-publishing-dialog").wait_for()


def open_translation_actions(page):
    """The translation editor's menu: preview, download and upload the PO file..."""
    page.locator(".footer .dropdown-toggle, footer .w-dropdown__toggle").first.click()


@dataclasses.dataclass(frozen=True)
class Screen:
    name: str
    path: str  # formatted with the ids of `walk_ids`
    user: str = EDITOR
    then: Callable | None = None  # what the person opens before reading the screen
    ignore: str = ""  # a CSS selector for what is not the interface's words
    allow: str | None = None  # a regular expression for English no catalog can mend


# English that upstream makes where no catalog can mend it (to be reported to them, not
# allowed to grow): wagtail-localize writes "Translated manually on {date}" with strftime, so
# the month is English in every language (StringTranslation.get_comment); its translation
# editor's heading ("English to 繁體中文 translation") and footer menu ("More actions") stay in
# English though the catalogs hold Chinese for them.
MONTHS = "January February March April May June July August September October November December"
STRFTIME_DATE = rf"\d{{1,2}} ({'|'.join(MONTHS.split())}) \d{{4}}"
TRANSLATION_EDITOR = rf"{STRFTIME_DATE}|^English to \S+ translation$|^More actions$"
# Wagtail translates these when its modules are imported, before any language is active: the
# breadcrumbs' "Home" (wagtail/admin/views/generic/base.py, snippets/views/snippets.py) and the
# "Image" of an ImageBlock (a label made from the child block's name).
AT_IMPORT = r"^Home$|^Image$"


SCREENS = [
    Screen("dashboard", "/admin/"),
    Screen("explorer", "/admin/pages/{home}/"),
    Screen("explorer for a translator", "/admin/pages/{home}/", user=TRANSLATOR),
    Screen("page types", "/admin/pages/{home}/add_subpage/"),
    Screen("new campaign", "/admin/pages/add/campaigns/campaignpage/{home}/"),
    Screen("page editor", "/admin/pages/{own_page}/edit/", allow=AT_IMPORT),
    Screen(
        "block chooser", "/admin/pages/{own_page}/edit/", then=open_block_chooser, allow=AT_IMPORT
    ),
    Screen(
        "a new form field", "/admin/pages/{own_page}/edit/", then=add_form_field, allow=AT_IMPORT
    ),
    Screen(
        "schedule", "/admin/pages/{own_page}/edit/", then=open_schedule_dialog, allow=AT_IMPORT
    ),
    Screen("translation editor", "/admin/pages/{campaign}/edit/", allow=TRANSLATION_EDITOR),
    Screen(
        "translation editor's menu",
        "/admin/pages/{campaign}/edit/",
        then=open_translation_actions,
        allow=TRANSLATION_EDITOR,
    ),
    Screen(
        "translation editor for a translator",
        "/admin/pages/{campaign}/edit/",
        TRANSLATOR,
        allow=TRANSLATION_EDITOR,
    ),
    Screen("translate this page", "/admin/localize/submit/page/{untranslated}/"),
    Screen("signatures per campaign", "/admin/signatures/"),
    Screen("signatures", "/admin/forms/submissions/{campaign}/"),
    Screen("paper signatures", "/admin/paper_signatures/"),
    Screen("held signatures", "/admin/campaigns/held/"),
    Screen("email outbox", "/admin/campaigns/outbox/"),
    Screen("translations", "/admin/translations/"),
    Screen("translations for a translator", "/admin/translations/", user=TRANSLATOR),
    Screen("report", "/admin/campaigns/report/{campaign}/"),
    Screen(
        "organisation settings",
        "/admin/snippets/organisation/organisationsettings/",
        allow=AT_IMPORT,
    ),
    Screen(
        "organisation settings, edit",
        "/admin/snippets/organisation/organisationsettings/edit/{organisation}/",
        allow=TRANSLATION_EDITOR,
    ),
    Screen("partners", "/admin/snippets/organisation/partner/", allow=AT_IMPORT),
    Screen(
        "partner, edit",
        "/admin/snippets/organisation/partner/edit/{partner}/",
        allow=TRANSLATION_EDITOR,
    ),
    Screen(
        "partners' code on the Promote tab",
        "/admin/pages/{own_page}/edit/",
        then=open_promote_tab,
        allow=AT_IMPORT,
    ),
    Screen("supporters who asked to hear more", "/admin/signatures/opted-in/"),
    Screen("updates to signers", "/admin/snippets/reportbacks/reportback/", allow=AT_IMPORT),
    Screen("a new update", "/admin/snippets/reportbacks/reportback/add/", allow=AT_IMPORT),
    # The email's preview is the editor's words, in a frame (srcdoc) of its own.
    Screen(
        "preview and send",
        "/admin/snippets/reportbacks/reportback/send/{update}/",
        ignore="iframe",
    ),
    Screen(
        "automatic updates",
        "/admin/snippets/reportbacks/automaticreportbacks/add/",
        allow=AT_IMPORT,
    ),
    Screen("OSDI API tokens", "/admin/osdi/tokens/"),
    Screen("OSDI pushes", "/admin/osdi_pushes/new/", allow=AT_IMPORT),
    Screen("OSDI push log", "/admin/osdi/push-log/"),
    Screen("suppressed addresses", "/admin/suppressions/", allow=AT_IMPORT),
    Screen("check an address", "/admin/suppressions/check/", allow=AT_IMPORT),
    Screen("webhook endpoints", "/admin/webhook_endpoints/", allow=AT_IMPORT),
    Screen("a new webhook endpoint", "/admin/webhook_endpoints/new/", allow=AT_IMPORT),
    # The secret is a random string, to copy.
    Screen(
        "a webhook endpoint and its secret",
        "/admin/webhook_endpoints/edit/{endpoint}/",
        allow=AT_IMPORT,
        ignore="code, input[readonly]",
    ),
    Screen("its delivery log", "/admin/webhook_endpoints/log/{endpoint}/", allow=AT_IMPORT),
    # Time zones by their tz database names (Asia/Hong_Kong), as Wagtail lists them.
    Screen("account", "/admin/account/", ignore="select[name$='current_time_zone']"),
]


def walk_ids(language):
    home = HomePage.objects.get(locale__language_code=language)
    campaign = CampaignPage.objects.get(slug=SLUG, locale__language_code=language)
    english = CampaignPage.objects.get(slug=SLUG, locale__language_code="en")
    # A page of the editor's own in Chinese (not a translation), so the page editor opens, not
    # the translation editor; and an English page nobody has translated yet.
    own = campaign.copy(to=home, update_attrs={"slug": f"{SLUG}-own"}, reset_translation_key=True)
    untranslated = english.copy(
        to=english.get_parent(),
        update_attrs={"slug": f"{SLUG}-new", "title": "A campaign nobody has translated"},
        reset_translation_key=True,
    )
    update = ReportBack.objects.create(
        locale=home.locale,
        campaign=campaign,
        subject="The letters are on their way",
        body="Thank you for signing.",
    )
    endpoint = WebhookEndpoint.objects.create(
        url="https://crm.example/hooks", description="CRM", events=list(EventType.values)
    )
    return {
        "endpoint": endpoint.pk,
        "update": update.pk,
        "home": home.pk,
        "campaign": campaign.pk,
        "own_page": own.pk,
        "untranslated": untranslated.pk,
        "organisation": OrganisationSettings.objects.get(locale=home.locale).pk,
        "partner": Partner.objects.get(locale=home.locale).pk,
    }


def user_content():
    """What people typed into the portal, shown as they typed it in whatever language: the
    strings of every page and setting as wagtail-localize holds them for translation (which
    its editor shows beside the translation), titles, names, form fields; and the site's name,
    which the organisation sets."""
    texts = set(String.objects.values_list("data", flat=True))
    texts |= set(StringTranslation.objects.values_list("data", flat=True))
    texts.add(settings.WAGTAIL_SITE_NAME)
    for page in Page.objects.specific():
        texts |= {page.title, page.draft_title, page.slug, page.seo_title}
        for field in getattr(page, "form_fields", CampaignPage.objects.none()).all():
            texts |= {field.label, field.help_text, field.default_value}
            texts |= set(field.choices.splitlines())
    for user in get_user_model().objects.all():
        texts |= {user.username, user.get_full_name(), user.email}
    for site in Site.objects.all():
        texts |= {site.site_name, site.hostname}
    texts |= set(Workflow.objects.values_list("name", flat=True))
    texts |= set(Task.objects.values_list("name", flat=True))
    texts |= set(Collection.objects.values_list("name", flat=True))
    texts |= set(Image.objects.values_list("title", flat=True))
    texts |= {str(organisation) for organisation in OrganisationSettings.objects.all()}
    for partner in Partner.objects.all():
        texts |= {partner.name, partner.slug, partner.consent_text, *partner.origin_list}
    texts |= set(WebhookEndpoint.objects.values_list("description", flat=True))
    for update in ReportBack.objects.all():
        texts |= {update.subject, update.body}
    # The team's notes on batches of paper signatures.
    texts |= set(PaperSignatures.objects.values_list("note", flat=True))
    return {text.strip() for text in texts if text and text.strip()}


@pytest.mark.parametrize("language", ["zh-hant", "zh-hans"])
def test_the_admin_in_chinese_has_no_english(
    language, demo, live_server, admin_page, django_user_model, screenshot
):
    editor = django_user_model.objects.create_superuser("editor", "e@example.org", PASSWORD)
    translator = make_translator(django_user_model)
    for user in (editor, translator):
        profile = UserProfile.get_for_user(user)
        profile.preferred_language = language
        profile.save()
    ids = walk_ids(language)
    content = user_content()
    # Wagtail caches the form pages' content types for the process; the database was flushed
    # since the last browser test (DEVELOPERS.md).
    get_form_types.cache_clear()

    found, pages = {}, {}
    for screen in SCREENS:
        page = pages.get(screen.user) or pages.setdefault(screen.user, admin_page(screen.user))
        page.goto(live_server.url + screen.path.format(**ids))
        page.wait_for_load_state("networkidle")
        if screen.then:
            screen.then(page)
        screenshot(page, f"admin-{language}-{screen.name.replace(' ', '-')}")
        if english := english_on(page, content, screen.ignore, screen.allow):
            found[screen.name] = english

    report = "\n".join(
        f"{name}:\n"
        + "\n".join(
            f"    {text!r}: {words} at {where}" for text, (words, where) in english.items()
        )
        for name, english in found.items()
    )
    assert not found, f"English on the {language} admin:\n{report}"
