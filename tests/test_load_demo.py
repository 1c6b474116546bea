"""`load_demo` builds the demo site, and running it again changes nothing."""

import pytest
from django.core.management import call_command
from wagtail.images.models import Image
from wagtail.models import Locale, Page, Revision, Site

from campaigns.models import CampaignFormField, CampaignPage
from home.models import HomePage
from organisation.models import OrganisationSettings


def snapshot():
    return {
        "pages": sorted(Page.objects.values_list("pk", "title", "slug", "live", "path")),
        "revisions": Revision.objects.count(),
        "images": sorted(Image.objects.values_list("pk", "title")),
        "fields": sorted(CampaignFormField.objects.values_list("pk", "clean_name", "label")),
        "site_root": Site.objects.get(is_default_site=True).root_page_id,
        "organisation": sorted(OrganisationSettings.objects.values_list("pk", "name", "locale")),
    }


@pytest.mark.django_db
def test_load_demo_twice_gives_the_same_site(client):
    call_command("load_demo", verbosity=0)
    first = snapshot()
    call_command("load_demo", verbosity=0)

    assert snapshot() == first


@pytest.mark.django_db
def test_demo_has_the_reference_campaign_and_every_state(client):
    call_command("load_demo", verbosity=0)

    home = HomePage.objects.get(locale__language_code="en")
    assert Site.objects.get(is_default_site=True).root_page_id == home.pk
    campaigns = CampaignPage.objects.live().child_of(home)
    assert sum(page.action_is_open for page in campaigns) >= 2
    assert sum(not page.action_is_open for page in campaigns) >= 1

    reference = campaigns.get(slug="protect-rights-in-hong-kong")
    assert [field.clean_name for field in reference.form_fields.all()] == [
        "first_name",
        "last_name",
        "email",
        "country",
        "your_message",
        "i_agree_that_my_name_and_message_are_delivered_to_the_authorities",
    ]
    assert {block.block_type for block in reference.body} >= {
        "background",
        "demands",
        "action_form",
        "closure_notice",
    }
    # Countries are chosen from the list, so they can be counted.
    assert reference.form_fields.get(clean_name="country").field_type == "country"
    assert reference.form_fields.get(field_type="multiline").default_value.startswith("To the")
    assert reference.hero_image is not None

    for page in [home, *campaigns]:
        assert client.get(page.url).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["zh-hant", "zh-hans"])
def test_every_demo_page_is_translated_and_live(client, language):
    from wagtail_localize.models import StringSegment, TranslationSource

    from campaigns.demo.translations import TRANSLATIONS

    call_command("load_demo", verbosity=0)

    english = Page.objects.filter(depth__gte=2, locale__language_code="en").specific()
    for page in english:
        translated = page.get_translation(Locale.objects.get(language_code=language))
        assert translated.live, translated
        assert client.get(translated.url).status_code == 200
        source = TranslationSource.objects.get_for_instance(page)
        for segment in StringSegment.objects.filter(source=source).select_related("string"):
            if segment.context.path != "slug":
                assert segment.string.data in TRANSLATIONS[language], segment.string.data


@pytest.mark.django_db
def test_demo_fills_the_organisation_settings_and_share_texts_in_every_language(client):
    call_command("load_demo", verbosity=0)

    names = dict(OrganisationSettings.objects.values_list("locale__language_code", "name"))
    assert names == {"en": "Rights in Action", "zh-hant": "人權行動", "zh-hans": "人权行动"}
    for organisation in OrganisationSettings.objects.all():
        assert organisation.default_share_text
        assert organisation.default_social_image is not None
        assert len(organisation.social_accounts) == 5
        assert organisation.privacy_page.slug == "privacy"
    for language, privacy in (("zh-hant", "私隱政策"), ("zh-hans", "隐私政策")):
        html = client.get(f"/{language}/protect-rights-in-hong-kong/").content.decode()
        assert f'<a href="/{language}/privacy/">{privacy}</a>' in html
        page = CampaignPage.objects.get(
            slug="protect-rights-in-hong-kong", locale__language_code=language
        )
        assert (
            page.share_text
            and page.share_text != page.get_translation(Locale.get_default()).specific.share_text
        )
