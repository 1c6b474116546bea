"""A supporter's letter as the target reads it: who signed, what they wrote, in which language.

Only the name and the message leave the portal; the supporter's email address and other answers
stay with the campaign team. The form builder lets editors name fields freely, so the letter is
read from the form's shape: the single-line fields that ask for a name make the signatory (First
name, Last name, Full name, and in Chinese 姓名, 名字, 姓氏...), the first multi-line field is the
message. Keys are the same in every language (they are synchronised from the source page), so
one reading serves all.
"""

import dataclasses
import datetime

from django.db.models import Count
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
    def html_lang(self):
        """For `lang=`: zh-hant becomes zh-Hant, so browsers pick Traditional glyphs."""
        base, _dash, script = self.language.partition("-")
        return f"{base}-{script.title()}" if script else base


# In a field's key or label: the key of a field labelled in Chinese is only escapes (u59d3u540d).
NAME_WORDS = ("name", "名", "姓")


def asks_for_a_name(field):
    return field.field_type == "singleline" and any(
        word in text for word in NAME_WORDS for text in (field.clean_name, field.label.lower())
    )


@dataclasses.dataclass(frozen=True)
class LetterFields:
    """Which answers of a campaign's form make the letter."""

    name_keys: tuple
    message_key: str | None

    @classmethod
    def of(cls, page):
        fields = list(page.get_form_fields())
        return cls(
            name_keys=tuple(field.clean_name for field in fields if asks_for_a_name(field)),
            message_key=next(
                (field.clean_name for field in fields if field.field_type == "multiline"), None
            ),
        )

    def letter(self, submission):
        data = submission.form_data
        name = " ".join(filter(None, (str(data.get(key) or "").strip() for key in self.name_keys)))
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
