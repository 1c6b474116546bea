"""Translators translate and publish Chinese pages; they never edit English or see signatures."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse


@pytest.fixture
def translator(django_user_model):
    user = django_user_model.objects.create_user("translator", password="x")
    user.groups.add(Group.objects.get(name="Translators"))
    return user


@pytest.fixture
def translator_client(client, translator):
    client.force_login(translator)
    return client


def test_translator_can_edit_and_publish_chinese_pages_only(
    translator,
    campaign,
    zh_campaigns,
):
    for page in zh_campaigns.values():
        permissions = page.permissions_for_user(translator)
        assert permissions.can_edit()
        assert permissions.can_publish()
    english = campaign.permissions_for_user(translator)
    assert not english.can_edit()
    assert not english.can_publish()
    assert translator.has_perm("wagtail_localize.submit_translation")


def test_translator_opens_the_chinese_editor_but_not_the_english_one(
    translator_client,
    campaign,
    zh_campaigns,
):
    chinese = translator_client.get(
        reverse("wagtailadmin_pages:edit", args=[zh_campaigns["zh-hant"].pk])
    )
    english = translator_client.get(reverse("wagtailadmin_pages:edit", args=[campaign.pk]))

    assert chinese.status_code == 200
    assert_denied(english)


def assert_denied(response):
    """Wagtail answers a denied admin view by sending the user to the dashboard, with a message
    (a 403 goes only to scripts: see test_scripts_get_a_403)."""
    assert response.status_code == 302
    assert response["Location"] == "/admin/"


def test_scripts_get_a_403(translator_client, campaign, zh_campaigns):
    script = {"HTTP_X_REQUESTED_WITH": "XMLHttpRequest"}
    edit = reverse("wagtailadmin_pages:edit", args=[campaign.pk])

    assert translator_client.get(edit, **script).status_code == 403
    submissions = f"/admin/forms/submissions/{zh_campaigns['zh-hant'].pk}/"
    assert translator_client.get(submissions, **script).status_code == 403


@pytest.mark.parametrize("page_key", ["en", "zh-hant"])
def test_translator_cannot_see_or_export_signatures(
    translator_client,
    campaign,
    zh_campaigns,
    page_key,
):
    page = campaign if page_key == "en" else zh_campaigns[page_key]

    listing = translator_client.get(f"/admin/forms/submissions/{page.pk}/")
    export = translator_client.get(f"/admin/forms/submissions/{page.pk}/", {"export": "csv"})
    forms_index = translator_client.get("/admin/forms/")

    assert_denied(listing)
    assert_denied(export)
    assert page.title not in forms_index.content.decode()


def test_editors_still_see_signatures(client, django_user_model, campaign, valid_post):
    editor = django_user_model.objects.create_user("editor", password="x")
    editor.groups.add(Group.objects.get(name="Editors"))
    client.post(campaign.url, valid_post)
    client.force_login(editor)

    response = client.get(f"/admin/forms/submissions/{campaign.pk}/")

    assert response.status_code == 200
    assert valid_post["email"] in response.content.decode()


def test_editors_write_updates_to_signers_and_translators_do_not(
    client, django_user_model, campaign, translator
):
    """reportbacks 0002: the campaign team writes and sends updates; translators cannot."""
    editor = django_user_model.objects.create_user("editor", password="x", is_staff=False)
    editor.groups.add(Group.objects.get(name="Editors"))
    for user, status in ((editor, 200), (translator, 302)):
        client.force_login(user)
        response = client.get("/admin/snippets/reportbacks/reportback/add/")
        assert response.status_code == status, user
    assert editor.has_perm("reportbacks.change_automaticreportbacks")
    assert not translator.has_perm("reportbacks.change_reportback")
