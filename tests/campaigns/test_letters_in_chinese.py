"""Letters as their writers would write them: a Chinese name family name first with no space
(陳大文, not 大文 陳), and each letter dated in its own language (2027年3月1日, 1 March 2027), in
the delivery pack, its spreadsheet and the emails to the target."""

import csv
import io
from types import SimpleNamespace

import pytest
import time_machine
from bs4 import BeautifulSoup
from wagtail.contrib.forms.utils import get_field_clean_name

from campaigns.team.delivery import deliver_letters
from campaigns.team.letters import LetterFields, full_name
from tests.campaigns.test_delivery import (  # noqa: F401 (the fixture applies here too)
    _forget_cache_written_in_2027,
    at,
    set_target,
    sign,
    to_target,
)


@pytest.mark.parametrize(
    ("given", "family", "written"),
    [
        (["大文"], ["陳"], "陳大文"),
        (["Ada"], ["Lovelace"], "Ada Lovelace"),
        # Romanised, or half in each script: as typed, given name first.
        (["Tai Man"], ["Chan"], "Tai Man Chan"),
        (["陳大文"], ["Lovelace"], "陳大文 Lovelace"),
        # One field for the whole name: as typed.
        (["陳大文"], [], "陳大文"),
        (["歐陽"], [], "歐陽"),
        (["小明"], ["司徒"], "司徒小明"),
    ],
)
def test_a_name_is_written_in_the_order_of_its_script(given, family, written):
    assert full_name(given, family) == written


def field(label, field_type="singleline"):
    return SimpleNamespace(
        label=label, clean_name=get_field_clean_name(label), field_type=field_type
    )


@pytest.mark.parametrize(
    "labels",
    [
        ("First name", "Last name"),
        ("Last name", "First name"),
        ("名字", "姓氏"),
        ("姓", "名"),
        ("Given name", "Family name"),
        ("Surname", "Given name"),
    ],
)
def test_the_family_name_field_is_found_in_english_and_chinese(labels):
    fields = [field(label) for label in labels] + [field("Message", "multiline")]
    reading = LetterFields.of(SimpleNamespace(get_form_fields=lambda: fields))
    given_first = labels[0] in ("First name", "名字", "Given name")
    given, family = ("大文", "陳") if given_first else ("陳", "大文")
    submission = SimpleNamespace(
        form_data={fields[0].clean_name: given, fields[1].clean_name: family, "message": "好"},
        language="zh-hant",
        submit_time=at(1, 10),
    )

    assert reading.letter(submission).name == "陳大文"


@pytest.fixture
def chinese_name_signed(client, campaign, zh_campaigns, valid_post):
    """陳大文 in Traditional Chinese (given name 大文, family name 陳) and Ada in English, on
    1 March 2027 in Hong Kong."""
    with time_machine.travel(at(1, 10)):
        sign(
            client,
            zh_campaigns["zh-hant"],
            {**valid_post, "last_name": "陳"},
            "chan@example.org",
            "請尊重和平集會的權利。",
            first_name="大文",
        )
        sign(client, campaign, valid_post, "ada@example.org", "Please respect our rights.")
    return campaign


def test_the_pack_writes_chinese_names_family_first_and_dates_in_the_letters_language(
    admin_client, chinese_name_signed
):
    response = admin_client.get(f"/admin/campaigns/{chinese_name_signed.pk}/delivery-pack/")

    soup = BeautifulSoup(response.content, "html.parser")
    letters = {
        article["lang"]: (
            article.h2.get_text(),
            article.select_one(".letter__meta time").get_text(),
            article.select_one(".letter__meta time")["lang"],
        )
        for article in soup.select("main article.letter")
    }
    assert letters == {
        "zh-Hant": ("陳大文", "2027年3月1日", "zh-Hant"),
        "en": ("Ada Lovelace", "1 March 2027", "en"),
    }


def test_the_pack_spreadsheet_writes_chinese_names_family_first(admin_client, chinese_name_signed):
    response = admin_client.get(f"/admin/campaigns/{chinese_name_signed.pk}/delivery-pack.csv")

    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert [row[2] for row in rows[rows.index([]) + 2 :]] == ["陳大文", "Ada Lovelace"]


def test_the_email_to_the_target_writes_each_letter_as_its_writer_would(
    chinese_name_signed, deliver
):
    set_target(chinese_name_signed)

    with time_machine.travel(at(1, 18, 30)):
        assert deliver_letters() == 2
        deliver()

    [email] = to_target()
    assert "陳大文 (繁體中文, 2027年3月1日)" in email.body
    assert "Ada Lovelace (English, 1 March 2027)" in email.body
    html = BeautifulSoup(email.alternatives[0][0], "html.parser")
    assert [
        (letter["lang"], letter.p.get_text(" ", strip=True)) for letter in html.select("div[lang]")
    ] == [
        ("zh-Hant", "陳大文 (繁體中文, 2027年3月1日)"),
        ("en", "Ada Lovelace (English, 1 March 2027)"),
    ]
