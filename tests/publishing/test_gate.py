"""A translation is not published while its form, consent, closure notice or thank-you text is
untranslated, whatever publishes it; the translator is told what to translate."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import Page
from wagtail_localize.models import StringSegment, StringTranslation

from publishing import gate
from publishing.in_step import publish_due
from tests.conftest import ZH_HANT

CONSENT = "I agree to be contacted"


def untranslate(page, *texts):
    """Undo the translator's work on these source texts (as if never translated)."""
    StringTranslation.objects.filter(locale=page.locale, translation_of__data__in=texts).delete()


@pytest.fixture
def draft_translation(campaign, zh_homes, translate):
    """The zh-hant campaign, saved as a draft with every text translated."""
    return translate(campaign, "zh-hant", ZH_HANT, publish=False)


def test_a_fully_translated_translation_has_nothing_left(draft_translation):
    assert gate.untranslated_items(draft_translation) == []


def test_the_items_that_carry_meaning_are_named_and_others_are_not(draft_translation):
    untranslate(
        draft_translation,
        CONSENT,
        "Email",
        "Closed",
        "Thank you for signing.",
        "Background",  # a heading outside the closure notice: may stay English
    )

    items = gate.untranslated_items(draft_translation)

    assert [str(item) for item in items] == [
        "Closure notice: “Closed”",
        "Thank-you message: “Thank you for signing.”",
        "Form field label: “Email”",
        "Consent checkbox: “I agree to be contacted”",
    ]


def test_choices_are_required(campaign, zh_homes, translate):
    from tests.factories import CampaignFormFieldFactory

    CampaignFormFieldFactory(
        page=campaign, label="Your district", field_type="dropdown", choices="North\nSouth"
    )
    campaign.save_revision().publish()
    translation = translate(campaign, "zh-hant", ZH_HANT, publish=False)
    untranslate(translation, "North<br/>South")

    assert [str(item) for item in gate.untranslated_items(translation)] == [
        "Choices of “Your district”: “North / South”"
    ]


def test_publishing_refuses_an_untranslated_consent(draft_translation):
    untranslate(draft_translation, CONSENT)

    with pytest.raises(gate.UntranslatedItems) as refused:
        draft_translation.get_latest_revision().publish()

    assert CONSENT in refused.value.message
    assert not Page.objects.get(pk=draft_translation.pk).live


def test_the_source_is_never_held(campaign):
    assert gate.untranslated_items(campaign) == []
    campaign.save_revision().publish()
    assert Page.objects.get(pk=campaign.pk).live


@pytest.fixture
def translator_client(client, django_user_model):
    user = django_user_model.objects.create_user("translator", password="x")
    user.groups.add(Group.objects.get(name="Translators"))
    client.force_login(user)
    return client


def test_the_translation_editor_says_what_to_translate(translator_client, draft_translation):
    untranslate(draft_translation, CONSENT)
    edit = reverse("wagtailadmin_pages:edit", args=[draft_translation.pk])

    response = translator_client.post(edit, {"action": "publish"}, follow=True)

    assert not Page.objects.get(pk=draft_translation.pk).live
    text = response.content.decode()
    assert "cannot be published in" in text
    assert "Consent checkbox: “I agree to be contacted”" in text
    assert f'href="{edit}"' in text


def test_the_translation_editor_publishes_once_translated(
    translator_client, draft_translation, django_capture_on_commit_callbacks
):
    edit = reverse("wagtailadmin_pages:edit", args=[draft_translation.pk])

    with django_capture_on_commit_callbacks(execute=True):
        translator_client.post(edit, {"action": "publish"})

    assert Page.objects.get(pk=draft_translation.pk).live


def test_bulk_publishing_refuses_and_says_why(admin_client, draft_translation):
    untranslate(draft_translation, CONSENT)
    url = (
        reverse("wagtail_bulk_action", args=("wagtailcore", "page", "publish"))
        + f"?id={draft_translation.pk}&next=/admin/"
    )

    response = admin_client.post(url, {"include_descendants": False}, follow=True)

    assert not Page.objects.get(pk=draft_translation.pk).live
    assert "Consent checkbox" in response.content.decode()


def test_the_scheduler_holds_an_untranslated_translation(draft_translation):
    from django.utils import timezone

    untranslate(draft_translation, CONSENT)
    revision = draft_translation.get_latest_revision()
    revision.approved_go_live_at = timezone.now() - timezone.timedelta(minutes=1)
    revision.save()

    done = publish_due()

    assert draft_translation.pk in done["held_back"]
    assert not Page.objects.get(pk=draft_translation.pk).live


def test_the_slug_is_not_a_text_to_translate(draft_translation, campaign):
    assert not StringSegment.objects.filter(
        source__object_id=campaign.translation_key, context__path="slug"
    ).exists()
    assert draft_translation.slug == campaign.slug


def test_sync_and_publish_publishes_only_what_is_translated(
    admin_client, campaign, zh_campaigns, django_capture_on_commit_callbacks
):
    from wagtail_localize.models import TranslationSource

    from campaigns.models import CampaignFormField

    consent = campaign.form_fields.get(field_type="checkbox")
    consent.label = "I agree to hear from you"
    consent.save()
    campaign.save_revision().publish()
    source = TranslationSource.objects.get(object_id=campaign.translation_key)
    sync = reverse("wagtail_localize:update_translations", args=[source.pk])

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(sync, {"publish_translations": "on"}, follow=True)

    assert response.status_code == 200
    assert "cannot be published in" in response.content.decode()
    live = CampaignFormField.objects.get(page=zh_campaigns["zh-hant"], field_type="checkbox")
    assert live.label == ZH_HANT[CONSENT]  # the live page keeps its translated consent


def test_the_thank_you_email_is_required(campaign, zh_homes, translate):
    campaign.thank_you_email_subject = "Thank you for standing with Hong Kong"
    campaign.thank_you_email_body = "Your name is on the letter."
    campaign.save_revision().publish()
    translation = translate(campaign, "zh-hant", ZH_HANT, publish=False)
    untranslate(translation, campaign.thank_you_email_subject, campaign.thank_you_email_body)

    assert [str(item) for item in gate.untranslated_items(translation)] == [
        "Thank-you email subject: “Thank you for standing with Hong Kong”",
        "Thank-you email text: “Your name is on the letter.”",
    ]
