"""The site's languages, time zone and translation catalogs: part of the settings shared by every
environment (portal.settings.base imports it)."""

import os
from pathlib import Path

from django.conf.locale import LANG_INFO

BASE_DIR = Path(__file__).resolve().parent.parent.parent

# Languages. These exact codes: Django maps zh-hk/zh-tw to zh-hant and zh-cn/zh-sg to zh-hans,
# and only these codes load Django's and Wagtail's own Chinese catalogs.
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", "English"),
    ("zh-hant", "繁體中文"),
    ("zh-hans", "简体中文"),
]
# The languages as `lang=` and `hreflang` name them (BCP 47): Hong Kong's Traditional Chinese is
# zh-Hant-HK, so that screen readers speak Cantonese and browsers draw Hong Kong glyph forms
# (zh-Hant alone gets Taiwan's), while URLs keep Django's codes (/zh-hant/).
LANGUAGE_TAGS = {"en": "en-GB", "zh-hant": "zh-Hant-HK", "zh-hans": "zh-Hans"}
# Browsers set to Cantonese (yue, yue-HK) get Hong Kong's Chinese, not English: Django follows a
# language's "fallback" in LANG_INFO when it does not offer the language itself.
LANG_INFO.update(
    {
        code: {"bidi": False, "code": code, "name": "Cantonese", "fallback": [fallback]}
        for code, fallback in (
            ("yue", "zh-hant"),
            ("yue-hk", "zh-hant"),
            ("yue-hant", "zh-hant"),
            ("yue-hant-hk", "zh-hant"),
            ("yue-hans", "zh-hans"),
            ("yue-hans-cn", "zh-hans"),
        )
    }
)
# English dates as the British write them (portal/formats/en), not Django's American ones.
FORMAT_MODULE_PATH = ["portal.formats"]
# Our own strings, then our translations of the Wagtail and wagtail-localize strings their
# Chinese catalogs lack or get wrong (locale_upstream/README.md). Both win over the apps' own
# catalogs, for the admin's JavaScript too; the first wins where both hold a string, and is
# where makemessages writes.
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale_upstream"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = os.environ.get("TIME_ZONE", "Asia/Hong_Kong")

WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
# A translation is published by a person, not the moment it is created: with True (the default)
# translating a live page publishes the new translation at once, every string still in English,
# before the publishing gate (publishing.gate) could name what is untranslated.
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False
