"""Chinese as Hong Kong and mainland readers write it, in the portal's catalogs (locale/) and in
ours for Wagtail's strings (locale_upstream/): 你 in Hong Kong, 您 on the mainland; 行動 for a
campaign; full-width punctuation with no space after it; and the public form's required mark and
error in words a supporter reads as a request."""

from pathlib import Path

import polib
import pytest
from django.utils import translation
from django.utils.translation import gettext, pgettext

from campaigns.signing.errors import ENTER

BASE_DIR = Path(__file__).resolve().parent.parent
CATALOGS = {
    locale: [
        *(BASE_DIR / "locale" / locale / "LC_MESSAGES").glob("*.po"),
        *(BASE_DIR / "locale_upstream" / locale / "LC_MESSAGES").glob("*.po"),
    ]
    for locale in ("zh_Hant", "zh_Hans")
}
FULL_WIDTH = "，。：；、！？）」』”"


def translations(locale):
    for path in CATALOGS[locale]:
        for entry in polib.pofile(path):
            for text in [entry.msgstr, *entry.msgstr_plural.values()]:
                if text:
                    yield entry.msgid, text


@pytest.mark.parametrize(
    ("locale", "wrong"),
    [
        ("zh_Hant", "您"),  # Hong Kong addresses supporters as 你
        ("zh_Hans", "你"),  # the mainland as 您
        ("zh_Hant", "倡議"),  # Hong Kong NGOs say 行動
        ("zh_Hans", "倡议"),
        ("zh_Hant", "(必填)"),
        ("zh_Hans", "(必填)"),
    ],
)
def test_no_catalog_uses_the_wrong_word(locale, wrong):
    assert [msgid for msgid, text in translations(locale) if wrong in text] == []


@pytest.mark.parametrize("locale", ["zh_Hant", "zh_Hans"])
def test_no_space_after_full_width_punctuation(locale):
    assert [
        text
        for _msgid, text in translations(locale)
        if any(f"{mark} " in text for mark in FULL_WIDTH)
    ] == []


@pytest.mark.parametrize(
    ("language", "required", "error"),
    [("zh-hant", "（必填）", "請填寫此欄"), ("zh-hans", "（必填）", "请填写此项")],
)
def test_the_public_form_asks_in_words_a_supporter_reads(language, required, error):
    with translation.override(language):
        assert pgettext("after a form field's label", "(required)") == required
        # Wagtail's own catalogs say 必要欄位 / 必需字段: a label, not a request.
        assert gettext("This field is required.") == error


def test_a_chinese_form_shows_its_required_mark_and_error(client, zh_campaigns):
    response = client.post(zh_campaigns["zh-hant"].url, {}, follow=True)

    html = response.content.decode()
    assert '<span class="field__required">（必填）</span>' in html
    # Our message per field type, naming the field (campaigns.signing.errors): no word for
    # "required" but the mark's, and none of Wagtail's.
    with translation.override("zh-hant"):
        assert gettext(ENTER) % {"label": "名字"} in html
        assert gettext("This field is required.") not in html
    assert "必要欄位" not in html
