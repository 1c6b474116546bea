import pytest
from wagtail.models import Page, Site

from tests.factories import CampaignPageFactory, HomePageFactory, add_petition_fields


def pytest_addoption(parser):
    parser.addoption(
        "--alone",
        choices=("run", "skip", "only"),
        default="run",
        help="tests marked 'alone' (they measure the machine's speed): run them with the others "
        "(default), skip them, or run only them. `make test` runs the others side by side, "
        "then these.",
    )


def pytest_collection_modifyitems(config, items):
    # An option, not `-m`: a second -m would replace the one PYTEST_ARGS may give.
    mode = config.getoption("alone")
    if mode == "run":
        return
    keep, drop = [], []
    for item in items:
        alone = item.get_closest_marker("alone") is not None
        (keep if alone == (mode == "only") else drop).append(item)
    if drop:
        config.hook.pytest_deselected(items=drop)
        items[:] = keep


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Nothing cached outlives its test: Wagtail keys site root paths and renditions by ids
    that rolled-back tests reuse, and time-travelling tests write entries that never expire."""
    from django.core.cache import caches

    yield
    for cache in caches.all():
        cache.clear()


@pytest.fixture(autouse=True)
def _close_browser_pages(request):
    """Every page a test opened is closed with it. The browser lives for the whole session, and
    a page left open goes on running its scripts: the admin's editing-session pings, the
    campaign's count. Their requests reach the live server in this process and read the test
    database while later tests run, slow worker-process tests among them."""
    yield
    if "browser" in request.fixturenames:
        for context in request.getfixturevalue("browser").contexts:
            context.close()


@pytest.fixture
def wagtail_rows(db, settings):
    """What Wagtail's migrations create and a transactional test's flush removes: the default
    locale, the roots of the page tree and of the collections, the admin access permission."""
    from django.contrib.auth.models import Permission
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import Collection, Locale

    admin, _created = ContentType.objects.get_or_create(app_label="wagtailadmin", model="admin")
    Permission.objects.get_or_create(
        content_type=admin, codename="access_admin", defaults={"name": "Can access Wagtail admin"}
    )
    Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
    if Page.get_first_root_node() is None:
        Page.add_root(title="Root", slug="root")
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")


@pytest.fixture
def home(wagtail_rows):
    root = Page.get_first_root_node()
    home = HomePageFactory(parent=root, slug="home-test")
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "testserver", "port": 80, "root_page": home, "site_name": ""},
    )
    return home


@pytest.fixture
def campaign(home):
    """A live, open campaign with the reference page's fields."""
    page = CampaignPageFactory(parent=home, slug="hong-kong", title="Protect rights in Hong Kong")
    add_petition_fields(page)
    page.save_revision().publish()
    return page


class SupporterPost(dict):
    """A supporter's answers. Each copy (`{**valid_post, ...}`) and each post of it carries a
    form token of its own, given a minute ago for `campaign_key`, as each supporter's browser
    gets its own; post one copy twice and its token is reused (a replay)."""

    def __init__(self, campaign_key, answers):
        super().__init__(answers)
        self.campaign_key = campaign_key
        self["form_token"] = None

    def __getitem__(self, key):
        if key == "form_token" and dict.__getitem__(self, key) is None:
            return started_token(seconds_ago=60, campaign_key=self.campaign_key())
        return dict.__getitem__(self, key)

    # Not dict's own: `{**post}` and the test client then read every value through __getitem__.
    def __iter__(self):
        return iter(list(dict.keys(self)))

    def items(self):
        return [(key, self[key]) for key in self]


@pytest.fixture
def valid_post(request):
    """What a supporter's browser sends, form token included (given a minute ago, for the
    `campaign` fixture's campaign in every language)."""
    return SupporterPost(
        lambda: request.getfixturevalue("campaign").translation_key,
        {
            "first_name": "Ada",
            "last_name": "Lovelace",
            "email": "ada@example.org",
            "country": "United Kingdom",
            "your_message": "Dear Chief Executive,\nPlease respect our rights.",
            "i_agree_to_be_contacted": "on",
        },
    )


@pytest.fixture
def deliver(db, monkeypatch):
    """Run the mail worker until the outbox is empty, as `make run` and production do."""
    from django.core.management import call_command

    # The worker drops stale connections between tasks; in a test, the connection holds the
    # test's transaction and must stay open.
    monkeypatch.setattr(
        "django_tasks_db.management.commands.db_worker.close_old_connections", lambda: None
    )

    def deliver():
        call_command(
            "db_worker",
            "--batch",
            "--backend=outbox",
            "--queue-name=*",
            "--no-startup-delay",
            "--no-reload",
            verbosity=0,
        )

    return deliver


@pytest.fixture
def locales(db):
    from wagtail.models import Locale

    return {
        code: Locale.objects.get_or_create(language_code=code)[0]
        for code in ("en", "zh-hant", "zh-hans")
    }


@pytest.fixture
def translate(locales, django_capture_on_commit_callbacks):
    """Translate a page or snippet as wagtail-localize's translation editor does: submit it,
    enter the strings (`{English: translated}`), save and publish. Returns the translation."""
    from wagtail_localize.models import (
        StringSegment,
        StringTranslation,
        Translation,
        TranslationSource,
    )

    def translate(page, language, strings=None, publish=True):
        locale = locales[language]
        source, _created = TranslationSource.update_or_create_from_instance(page)
        translation, _created = Translation.objects.get_or_create(
            source=source, target_locale=locale
        )
        strings = strings or {}
        segments = StringSegment.objects.filter(source=source).select_related("string", "context")
        for segment in segments:
            text = strings.get(segment.string.data, f"[{language}] {segment.string.data}")
            if segment.context.path == "slug":
                text = segment.string.data
            StringTranslation.objects.update_or_create(
                translation_of=segment.string,
                locale=locale,
                context=segment.context,
                defaults={"data": text, "translation_type": "manual"},
            )
        # The editor publishes when its transaction commits.
        with django_capture_on_commit_callbacks(execute=True):
            translation.save_target(publish=publish)
        translated = page.get_translation(locale)
        # Pages come back as their own type; snippets (organisation settings) are already.
        return getattr(translated, "specific", translated)

    return translate


ZH_HANT = {
    "First name": "名字",
    "Last name": "姓氏",
    "Email": "電郵",
    "Country": "國家／地區",
    "Your message": "你的訊息",
    "I agree to be contacted": "我同意你們聯絡我",
    "Thank you for signing.": "多謝你的聯署。",
}


@pytest.fixture
def zh_homes(home, translate):
    return {language: translate(home, language) for language in ("zh-hant", "zh-hans")}


@pytest.fixture
def zh_campaigns(campaign, zh_homes, translate):
    return {
        "zh-hant": translate(campaign, "zh-hant", ZH_HANT),
        "zh-hans": translate(campaign, "zh-hans"),
    }


def started_token(seconds_ago, campaign_key):
    """A reader's form token for the campaign, given `seconds_ago`."""
    import time

    from campaigns.signing import tokens

    return tokens.mint(campaign_key, now=time.time() - seconds_ago)


@pytest.fixture
def organisation(locales):
    """The organisation's settings in English, as an editor fills them in under Settings."""
    from organisation.models import OrganisationSettings

    return OrganisationSettings.objects.create(
        locale=locales["en"],
        name="Rights Watch",
        default_share_text="Stand with people whose rights are under threat",
        x_url="https://x.com/rightswatch",
        facebook_url="https://www.facebook.com/rightswatch",
        instagram_url="https://www.instagram.com/rightswatch",
        telegram_url="https://t.me/rightswatch",
        whatsapp_url="https://whatsapp.com/channel/rightswatch",
    )


def without_form_token(html):
    """A page's HTML but for its form token, which is new on every view."""
    import re

    return re.sub(rb'name="form_token" value="[^"]*"', b"", html)


def supporter_key_of(address):
    """What a signature stores to recognise the supporter with this address: a keyed hash of the
    normalised address, as signing stores it (never the address)."""
    from campaigns.signing.supporters import supporter_key

    return supporter_key(address)
