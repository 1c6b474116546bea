"""A supporter's letter as the target reads it: who signed, what they wrote, in which language.

Only the name and the message leave the portal; the supporter's email address and other answers
stay with the campaign team. The form builder lets editors name fields freely, so the letter is
read from the form's shape: the single-line fields that ask for a name make the signatory (First
name, Last name, Full name, and in Chinese 姓名, 名字, 姓氏...), the first multi-line field is the
message. Keys are the same in every language (they are synchronised from the source page), so
one reading serves all.

A name is written in the order of its script: a name written in Chinese characters puts the
family name first with no space (陳大文), whatever the page's language; any other puts the given
name first (Ada Lovelace). A letter's date is written in the letter's language (2026年11月27日,
27 November 2026), not the reader's.
"""

import dataclasses
import datetime
import re

from django.db.models import Count
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from portal.languages import language_name


@dataclasses.dataclass(frozen=True)
class Letter:
    name: str
    message: str
    language: str
    signed_at: datetime.datetime

    @property
    def language_name(self):
        return language_name(self.language)

    @property
    def date(self):
        """The day it was signed, as the letter's language writes dates."""
        with translation.override(self.language):
            return date_format(timezone.localtime(self.signed_at), date_format_for(self.language))

    @property
    def html_lang(self):
        """For `lang=`: zh-hant becomes zh-Hant, so browsers pick Traditional glyphs."""
        base, _dash, script = self.language.partition("-")
        return f"{base}-{script.title()}" if script else base


def date_format_for(language):
    """Django's own format for Chinese (Y年n月j日); English as Hong Kong and Britain write it
    (27 November 2026), not Django's American "Nov. 27, 2026"."""
    return "DATE_FORMAT" if language.startswith("zh") else "j F Y"


# In a field's key or label. Wagtail makes the key of a field labelled in Chinese from escapes
# (姓氏 becomes u59d3u6c0f), which `words_of` reads back.
NAME_WORDS = ("name", "名", "姓")
# Of those, the fields that ask for the family name alone. 姓名 is a whole name, so 姓 counts
# only as the entire label.
FAMILY_WORDS = ("last", "family", "surname", "姓氏")
ESCAPE = re.compile(r"u([0-9a-f]{4})")
# Chinese characters (with the extension blocks names use); kana and hangul are not included:
# Korean names take a space.
CHINESE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")
LATIN = re.compile(r"[A-Za-z]")


def words_of(field):
    key = ESCAPE.sub(lambda match: chr(int(match[1], 16)), field.clean_name)
    return (key, field.label.strip().lower())


def asks_for_a_name(field):
    return field.field_type == "singleline" and any(
        word in text for word in NAME_WORDS for text in words_of(field)
    )


def asks_for_the_family_name(field):
    texts = words_of(field)
    return "姓" in texts or any(word in text for word in FAMILY_WORDS for text in texts)


def written_in_chinese(text):
    return bool(CHINESE.search(text)) and not LATIN.search(text)


def full_name(given, family):
    """A name from its parts, each a list of what the supporter typed, in the order of its
    script."""
    parts = given + family
    if family and all(written_in_chinese(part) for part in parts):
        return "".join(family + given)
    return " ".join(parts)


@dataclasses.dataclass(frozen=True)
class LetterFields:
    """Which answers of a campaign's form make the letter."""

    name_keys: tuple
    message_key: str | None
    family_keys: tuple = ()

    @classmethod
    def of(cls, page):
        fields = list(page.get_form_fields())
        names = [field for field in fields if asks_for_a_name(field)]
        return cls(
            name_keys=tuple(field.clean_name for field in names),
            family_keys=tuple(
                field.clean_name for field in names if asks_for_the_family_name(field)
            ),
            message_key=next(
                (field.clean_name for field in fields if field.field_type == "multiline"), None
            ),
        )

    def letter(self, submission):
        data = submission.form_data
        answers = [(key, str(data.get(key) or "").strip()) for key in self.name_keys]
        name = full_name(
            given=[answer for key, answer in answers if answer and key not in self.family_keys],
            family=[answer for key, answer in answers if answer and key in self.family_keys],
        )
        return Letter(
            name=name or _("A supporter"),
            message=str(data.get(self.message_key) or "").strip() if self.message_key else "",
            language=submission.language,
            signed_at=submission.submit_time,
        )


def counts_by_language(submissions):
    """[(language name, count)], most letters first, as figures others may read."""
    rows = submissions.order_by().values_list("language").annotate(n=Count("pk"))
    return [
        (language_name(code), public_figure(n))
        for code, n in sorted(rows, key=lambda row: (-row[1], row[0]))
    ]


# Below this, a count by language or country could point at the few people behind it (the three
# who signed in Simplified Chinese from one town): figures shown outside the team say "fewer
# than 10" instead.
SMALLEST_PUBLIC_FIGURE = 10


def public_figure(n):
    if 0 < n < SMALLEST_PUBLIC_FIGURE:
        return _("fewer than %(n)d") % {"n": SMALLEST_PUBLIC_FIGURE}
    return n
