"""The translations overview: every page in the default language and its state in each other
language, with the one thing to do next; a fixed number of queries however many pages."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail_localize.models import StringTranslation

from publishing.overview import DRAFT, LIVE, MISSING, translation_rows
from tests.conftest import ZH_HANT
from tests.factories import CampaignPageFactory, add_petition_fields


def cells_of(page):
    _locales, rows = translation_rows()
    row = next(row for row in rows if row.source.pk == page.pk)
    return {cell.locale.language_code: cell for cell in row.cells}


def test_missing_draft_and_live(campaign, zh_homes, translate):
    translate(campaign, "zh-hant", ZH_HANT, publish=True)

    cells = cells_of(campaign)

    assert cells["zh-hant"].state == LIVE
    assert cells["zh-hant"].strings_left == 0
    assert not cells["zh-hant"].needs_work
    assert cells["zh-hans"].state == MISSING
    assert cells["zh-hans"].action_url == (
        reverse("wagtail_localize:submit_page_translation", args=[campaign.pk])
        + "?select_locale=zh-hans"
    )


def test_a_draft_with_strings_left(campaign, zh_homes, translate):
    draft = translate(campaign, "zh-hant", ZH_HANT, publish=False)
    StringTranslation.objects.filter(
        locale=draft.locale, translation_of__data__in=["Email", "Country"]
    ).delete()

    cell = cells_of(campaign)["zh-hant"]

    assert cell.state == DRAFT
    assert cell.strings_left == 2
    assert cell.strings_total > 2
    assert cell.action_url == reverse("wagtailadmin_pages:edit", args=[draft.pk])


def test_outdated_once_the_source_changes(campaign, zh_homes, translate):
    translate(campaign, "zh-hant", ZH_HANT, publish=True)
    assert not cells_of(campaign)["zh-hant"].outdated

    campaign.title = "Protect every right in Hong Kong"
    campaign.save_revision().publish()

    cell = cells_of(campaign)["zh-hant"]
    assert cell.outdated
    from wagtail_localize.models import TranslationSource

    source = TranslationSource.objects.get(object_id=campaign.translation_key)
    assert cell.sync_url == reverse("wagtail_localize:update_translations", args=[source.pk])


def test_the_view_shows_every_campaign_and_language(admin_client, campaign, zh_homes, translate):
    translate(campaign, "zh-hant", ZH_HANT, publish=True)

    response = admin_client.get(reverse("publishing_translations"))

    html = response.content.decode()
    assert response.status_code == 200
    assert re.search(r"<h1[^>]*>\s*(<[^>]+>\s*)*Translations", html)
    assert html.index('lang="zh-hant"') < html.index('lang="zh-hans"')  # as in LANGUAGES
    assert campaign.title in html
    assert 'data-language="zh-hant" data-state="live"' in html
    assert 'data-language="zh-hans" data-state="missing"' in html


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("url_name", ["publishing_translations", "wagtailadmin_home"])
def test_queries_do_not_grow_with_pages(admin_client, campaign, zh_homes, translate, url_name):
    translate(campaign, "zh-hant", ZH_HANT, publish=True)
    url = reverse(url_name)
    count_queries(admin_client, url)  # warm Wagtail's caches (site, content types)
    one = count_queries(admin_client, url)

    for _ in range(3):
        other = CampaignPageFactory(parent=campaign.get_parent())
        add_petition_fields(other)
        other.save_revision().publish()
        translate(other, "zh-hant", ZH_HANT, publish=False)
    four = count_queries(admin_client, url)

    assert four == one


def test_translators_see_it_and_others_do_not(client, django_user_model, campaign):
    from django.contrib.auth.models import Group

    nobody = django_user_model.objects.create_user("nobody", password="x")
    translator = django_user_model.objects.create_user("translator", password="x")
    translator.groups.add(Group.objects.get(name="Translators"))
    url = reverse("publishing_translations")

    client.force_login(translator)
    assert client.get(url).status_code == 200
    assert url in client.get(reverse("wagtailadmin_home")).content.decode()
    client.force_login(nobody)
    assert client.get(url).status_code != 200
