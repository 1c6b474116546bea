"""The campaign choosers (closure notice, next steps) read in each editor's language, whoever
opened an editor first in this process (campaigns/chooser_blocks.py)."""

import json

from django.urls import reverse
from wagtail.users.models import UserProfile


def shown(html, text):
    """Whether `text` is in the page, as HTML or as the JSON the block editors are built from."""
    return text in html or json.dumps(text)[1:-1] in html


def test_the_campaign_chooser_is_in_each_editors_language(admin_client, admin_user, campaign):
    edit = reverse("wagtailadmin_pages:edit", args=[campaign.pk])

    english = admin_client.get(edit).content.decode()
    profile = UserProfile.get_for_user(admin_user)
    profile.preferred_language = "zh-hant"
    profile.save()
    chinese = admin_client.get(edit).content.decode()

    assert shown(english, "Choose a campaign")
    assert shown(chinese, "選擇行動")
    assert not shown(chinese, "Choose a campaign")
    assert not shown(chinese, "Choose a page")
