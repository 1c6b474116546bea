"""The admin names the portal in each editor's language (WAGTAIL_SITE_NAME is lazy), unless the
organisation set SITE_NAME, which is its own name in every language."""

import pytest
from django.test import override_settings
from django.urls import reverse
from wagtail.users.models import UserProfile


@pytest.mark.parametrize(
    ("language", "name"), [("en", "Campaigns portal"), ("zh-hant", "人權行動平台")]
)
def test_the_dashboard_names_the_portal_in_the_editors_language(
    admin_client, admin_user, home, language, name
):
    profile = UserProfile.get_for_user(admin_user)
    profile.preferred_language = language
    profile.save()

    html = admin_client.get(reverse("wagtailadmin_home")).content.decode()

    assert name in html
    if language != "en":
        assert "Campaigns portal" not in html


def test_an_organisations_own_name_is_kept(admin_client, admin_user, home):
    profile = UserProfile.get_for_user(admin_user)
    profile.preferred_language = "zh-hant"
    profile.save()
    with override_settings(WAGTAIL_SITE_NAME="Hong Kong Watch"):
        html = admin_client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Hong Kong Watch" in html
