"""A block's default text is in the language of the page being edited: an editor whose admin is
in Chinese, adding an Action form block to an English page, gets 'Sign now', which English
supporters then read; on a Chinese page, 立即聯署. The editor's labels stay in their language."""

import html
import json
import re

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield
from wagtail.users.models import UserProfile

from campaigns.models import CampaignPage


@pytest.fixture
def editor_in(admin_user, client):
    """The admin, logged in, their admin in `language`."""

    def editor_in(language):
        profile = UserProfile.get_for_user(admin_user)
        profile.preferred_language = language
        profile.save()
        client.force_login(admin_user)
        return client

    return editor_in


def add_url(parent):
    return reverse("wagtailadmin_pages:add", args=["campaigns", "campaignpage", parent.pk])


def packed_blocks(response):
    """The body's block definitions, as the editor's browser receives them."""
    match = re.search(r'data-w-block-data-value="([^"]*)"', response.content.decode())
    return json.loads(html.unescape(match.group(1)))


def new_block_defaults(packed):
    """What the browser fills in a new block of each type with (the StreamBlock's defaults)."""
    if isinstance(packed, dict):
        if packed.get("_type") == "wagtail.blocks.StreamBlock":
            return packed["_args"][2]
        packed = list(packed.values())
    if isinstance(packed, list):
        for item in packed:
            if (found := new_block_defaults(item)) is not None:
                return found
    return None


def labels(packed):
    return json.dumps(packed, ensure_ascii=False)


def test_a_chinese_speaking_editor_gets_english_defaults_on_an_english_page(editor_in, home):
    editor = editor_in("zh-hant")

    packed = packed_blocks(editor.get(add_url(home)))

    defaults = new_block_defaults(packed)
    assert defaults["action_form"]["button_label"] == "Sign now"
    assert defaults["closure_notice"]["heading"] == "This action is closed"
    # The editor's own interface stays in Chinese.
    assert '"label": "行動表格"' in labels(packed)
    assert '"label": "按鈕文字"' in labels(packed)


@pytest.mark.parametrize(
    ("admin_language", "page_language", "button", "closed"),
    [
        ("en", "zh-hant", "立即聯署", "此行動已結束"),
        ("zh-hant", "zh-hans", "立即签名", "此行动已结束"),
        ("zh-hans", "en", "Sign now", "This action is closed"),
    ],
)
def test_defaults_follow_the_page_not_the_editor(
    editor_in, home, zh_homes, admin_language, page_language, button, closed
):
    parent = zh_homes.get(page_language, home)
    editor = editor_in(admin_language)

    defaults = new_block_defaults(packed_blocks(editor.get(add_url(parent))))

    assert defaults["action_form"]["button_label"] == button
    assert defaults["closure_notice"]["heading"] == closed


def test_the_default_an_editor_is_given_is_what_english_supporters_read(editor_in, home):
    editor = editor_in("zh-hant")
    defaults = new_block_defaults(packed_blocks(editor.get(add_url(home))))
    action_form = {**defaults["action_form"], "heading": "Add your name"}
    action_form["introduction"] = rich_text("")
    data = nested_form_data(
        {
            "title": "Protect the right to protest",
            "slug": "protest",
            "summary": "Protesters have faced force for gathering peacefully.",
            "body": streamfield([("action_form", action_form)]),
            "thank_you_text": rich_text("<p>Thank you!</p>"),
            "next_steps": streamfield([]),
            "form_fields": inline_formset(
                [
                    {"label": "Email", "field_type": "email", "required": "on"},
                    {"label": "I agree", "field_type": "checkbox", "required": "on"},
                ]
            ),
            "to_address": "team@example.org",
            "delivery_mode": "digest",
            "digest_hour": "18",
            "retention_days": "180",
            "retention_from": "closing",
            "action-publish": "action-publish",
        }
    )

    response = editor.post(add_url(home), data)

    assert response.status_code == 302
    page = CampaignPage.objects.get(slug="protest")
    assert page.body[0].value["button_label"] == "Sign now"
    page_html = editor.get(page.url).content.decode()
    assert "Sign now</button>" in page_html
    assert "立即聯署" not in page_html
