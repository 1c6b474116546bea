"""A reader of a Chinese page sees no English: every demo page, in every state, in both scripts."""

import re
from pathlib import Path

import polib
import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from wagtail.models import Page

from campaigns.models import CampaignPage

BASE_DIR = Path(__file__).resolve().parent.parent
ATTRIBUTES = ("aria-label", "title", "placeholder", "alt", "content")
# Three English words in a row: untranslated text, whatever catalog it came from.
ENGLISH_RUN = re.compile(r"\b[A-Za-z]{2,}(?:[ ,.'’-]+[A-Za-z]{2,}){2,}")


def catalog_patterns():
    """Our msgids (all) and Django's, as patterns with their placeholders as wildcards."""
    import django

    paths = [
        BASE_DIR / "locale" / "zh_Hant" / "LC_MESSAGES" / "django.po",
        Path(django.__file__).parent / "conf" / "locale" / "zh_Hant" / "LC_MESSAGES" / "django.po",
    ]
    patterns = []
    for path in paths:
        for entry in polib.pofile(path):
            words = re.sub(r"%\(\w+\)[sd]|%[sd]|\{\w*\}", " ", entry.msgid).split()
            if len(words) >= 2 or (path.parts[-4] == "zh_Hant" and entry.msgid in OWN_SINGLE):
                body = r"\s+".join(re.escape(word) for word in words)
                patterns.append((entry.msgid, re.compile(rf"(?<![A-Za-z]){body}(?![A-Za-z])")))
    return patterns


# Single-word interface strings of ours that must never show up untranslated.
OWN_SINGLE = {"Action", "Closed", "required"}


def visible_texts(html):
    soup = BeautifulSoup(html, "html.parser")
    for tag in soup(["script", "style"]) + soup.find_all("meta", attrs={"name": "viewport"}):
        tag.decompose()
    texts = [text.strip() for text in soup.find_all(string=True) if text.strip()]
    for tag in soup.find_all(True):
        texts += [tag[attr] for attr in ATTRIBUTES if tag.has_attr(attr)]
    # The language switcher names each language in itself, English included.
    return [text for text in texts if text != "English"]


def english_in(html, patterns):
    found = []
    for text in visible_texts(html):
        if re.fullmatch(r"\S+@\S+|https?://\S+", text):
            continue
        found += [msgid for msgid, pattern in patterns if pattern.search(text)]
        found += [f"English text: {match}" for match in ENGLISH_RUN.findall(text)]
    return found


@pytest.fixture
def demo(db):
    call_command("load_demo", verbosity=0)


@pytest.mark.parametrize("language", ["zh-hant", "zh-hans"])
def test_chinese_demo_pages_show_no_english(client, demo, language):
    patterns = catalog_patterns()
    pages = Page.objects.filter(locale__language_code=language, depth__gte=2).specific()
    assert len(pages) == 5  # home, three campaigns, the privacy notice

    responses = {page.url: client.get(page.url) for page in pages}
    for page in pages:
        if isinstance(page, CampaignPage) and page.action_is_open:
            # The error and thank-you states too.
            responses[f"{page.url} (errors)"] = client.post(
                page.url, {"email": "not-an-email"}, follow=True
            )
            responses[f"{page.url} (signed)"] = client.post(page.url, signature(page), follow=True)
        elif isinstance(page, CampaignPage):
            responses[f"{page.url} (post after closing)"] = client.post(
                page.url, signature(page), follow=True
            )

    problems = {}
    for label, response in responses.items():
        assert response.status_code == 200, label
        if found := english_in(response.content.decode(), patterns):
            problems[label] = found
    assert problems == {}


def signature(page):
    from tests.conftest import started_token

    data = {"form_token": started_token(seconds_ago=60, campaign_key=page.translation_key)}
    for field in page.form_fields.all():
        data[field.clean_name] = {
            "email": "supporter@example.org",
            "checkbox": "on",
        }.get(field.field_type, "陳大文")
    return data


def test_the_check_catches_untranslated_text(demo):
    """The check above would fail if a string were left in English."""
    patterns = catalog_patterns()
    html = (
        "<html><body><p>這是中文</p><button>Sign now</button>"
        "<p>Please write to them today.</p></body></html>"
    )

    assert english_in(html, patterns) == ["Sign now", "English text: Please write to them today"]
