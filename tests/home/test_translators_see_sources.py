"""Translators find the English pages in the explorer, read-only, and start translations there."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import Locale, Page


@pytest.fixture
def translator(django_user_model, locales):
    user = django_user_model.objects.create_user("translator", password="x")
    user.groups.add(Group.objects.get(name="Translators"))
    return user


@pytest.fixture
def translator_client(client, translator):
    client.force_login(translator)
    return client


def test_the_explorer_shows_the_english_campaigns_with_translate_this_page(
    translator_client, campaign, zh_homes, django_assert_max_num_queries
):
    root = translator_client.get(reverse("wagtailadmin_explore_root"))
    with django_assert_max_num_queries(60):
        listing = translator_client.get(
            reverse("wagtailadmin_explore", args=[campaign.get_parent().pk])
        )

    assert campaign.get_parent().title in root.content.decode()
    assert listing.status_code == 200
    html = listing.content.decode()
    assert campaign.title in html
    submit = reverse("wagtail_localize:submit_page_translation", args=[campaign.pk])
    assert submit in html


def test_seeing_english_pages_gives_no_right_to_change_them(translator, campaign, zh_homes):
    permissions = campaign.permissions_for_user(translator)

    assert not permissions.can_edit()
    assert not permissions.can_publish()
    assert not permissions.can_delete()
    assert not permissions.can_lock()
    assert not permissions.can_add_subpage()


def test_people_who_cannot_translate_see_no_more_than_before(
    client, django_user_model, campaign, zh_homes
):
    from home.roles import grant_page_permissions

    group = Group.objects.create(name="Chinese editors")
    group.permissions.add(
        Group.objects.get(name="Translators").permissions.get(codename="access_admin")
    )
    grant_page_permissions(group, zh_homes["zh-hant"])
    user = django_user_model.objects.create_user("editor-zh", password="x")
    user.groups.add(group)
    client.force_login(user)

    listing = client.get(reverse("wagtailadmin_explore", args=[campaign.get_parent().pk]))

    assert campaign.title not in listing.content.decode()


def test_submitting_one_language_lands_on_the_translation(translator_client, campaign, zh_homes):
    submit = reverse("wagtail_localize:submit_page_translation", args=[campaign.pk])
    zh_hant = Locale.objects.get(language_code="zh-hant")

    response = translator_client.post(submit, {"locales": [zh_hant.pk]})

    translation = Page.objects.get(translation_key=campaign.translation_key, locale=zh_hant)
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[translation.pk])
    assert not translation.live


def test_submitting_every_language_lands_on_a_listing_that_shows_the_campaign(
    translator_client, campaign, zh_homes
):
    submit = reverse("wagtail_localize:submit_page_translation", args=[campaign.pk])
    locales = Locale.objects.exclude(language_code="en").values_list("pk", flat=True)

    response = translator_client.post(submit, {"locales": list(locales)}, follow=True)

    from wagtail_localize.models import TranslationSource

    assert Page.objects.filter(translation_key=campaign.translation_key).count() == 3
    assert response.redirect_chain[-1][0] == reverse(
        "wagtailadmin_explore", args=[campaign.get_parent().pk]
    )
    # The campaign is listed, with its "Sync translated pages" button.
    source = TranslationSource.objects.get(object_id=campaign.translation_key)
    sync = reverse("wagtail_localize:update_translations", args=[source.pk])
    assert sync in response.content.decode()
