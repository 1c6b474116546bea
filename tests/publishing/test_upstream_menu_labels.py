"""Menu labels upstream translates once per process are given back to each request in its
own language (publishing/wagtail_hooks.py)."""

import json
import re

from wagtail.users.models import UserProfile

# A menu item as the admin's sidebar receives it: its label, then its address.
ITEM = re.compile(r'"label": ("(?:[^"\\]|\\.)*")(?:(?!"label").)*?"url": "([^"]*)"')


def menu(client):
    html = client.get("/admin/").content.decode()
    return {url: json.loads(label) for label, url in ITEM.findall(html)}


def test_an_english_first_page_leaves_no_english_in_a_chinese_menu(admin_client, admin_user):
    english = menu(admin_client)  # the first admin page this process serves, in English
    profile = UserProfile.get_for_user(admin_user)
    profile.preferred_language = "zh-hant"
    profile.save()

    chinese = menu(admin_client)

    report = "/admin/localize/reports/translations/"
    assert (english[report], chinese[report]) == ("Translations", "翻譯")
    [whats_new] = [url for url, label in english.items() if label.startswith("What's new")]
    assert chinese[whats_new] == "Wagtail 8.0 新功能"
