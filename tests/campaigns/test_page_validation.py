"""A campaign nobody could sign, or that would sign people up without their consent, is not
published: Wagtail's own add and edit views refuse it with a message that says how to fix it,
next to what needs fixing. Drafts may stay incomplete, and translations are never stopped by
what only the source page's editor can change."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield
from wagtail_localize.models import Translation

from campaigns.models import CampaignPage

NAME = {"label": "Full name", "field_type": "singleline", "required": "on"}
EMAIL = {"label": "Email", "field_type": "email", "required": "on"}
CONSENT = {"label": "I agree to the privacy notice", "field_type": "checkbox", "required": "on"}
PETITION = (NAME, EMAIL, CONSENT)

TEXT = ("text", rich_text("<p>The facts.</p>"))
ACTION_FORM = (
    "action_form",
    {"heading": "Add your name", "introduction": rich_text(""), "button_label": "Sign now"},
)


def campaign_data(fields=PETITION, body=(TEXT, ACTION_FORM), field_ids=(), **overrides):
    """What the editor's form posts for a campaign; `field_ids` for the form fields a page
    already has (the edit view)."""
    fields = [{**field, "id": pk} for field, pk in zip(fields, field_ids, strict=False)] + list(
        fields[len(field_ids) :]
    )
    return nested_form_data(
        {
            "title": "Protect the right to protest",
            "slug": "protest",
            "summary": "Protesters have faced force for gathering peacefully.",
            "body": streamfield(list(body)),
            "thank_you_text": rich_text("<p>Thank you!</p>"),
            "next_steps": streamfield([]),
            "form_fields": inline_formset(fields, initial=len(field_ids)),
            "to_address": "team@example.org",
            "from_address": "",
            "subject": "",
            "target_address": "",
            "delivery_mode": "digest",
            "digest_hour": "18",
            "action_closes_at": "",
            "retention_days": "180",
            "retention_from": "closing",
            "send_thank_you_email": "on",
            **overrides,
        }
    )


PUBLISH = {"action-publish": "action-publish"}


def add_url(home):
    return reverse("wagtailadmin_pages:add", args=["campaigns", "campaignpage", home.pk])


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def publish(client, home, data):
    return client.post(add_url(home), {**data, **PUBLISH})


def refused(response):
    """The form shown again, and no campaign made."""
    assert response.status_code == 200
    assert not CampaignPage.objects.filter(slug="protest").exists()
    return response.context["form"]


def formset_errors(form):
    return [str(error) for error in form.formsets["form_fields"].non_form_errors()]


def field_errors(form, index, name):
    return form.formsets["form_fields"].forms[index].errors.get(name, [])


def body_errors(form):
    error = form.errors.as_data()["body"][0]
    return [str(message) for message in error.non_block_errors]


@pytest.fixture
def editor(admin_client, home):
    return admin_client


def test_a_complete_campaign_is_published(editor, home):
    response = publish(editor, home, campaign_data())

    assert response.status_code == 302
    page = CampaignPage.objects.get(slug="protest")
    assert page.live
    assert [f.field_type for f in page.form_fields.all()] == ["singleline", "email", "checkbox"]


def test_form_fields_without_an_action_form_block_are_refused(editor, home):
    response = publish(editor, home, campaign_data(body=[TEXT]))

    form = refused(response)
    assert body_errors(form) == [
        "Add an 'Action form' block: it shows the form supporters sign. Without it the page "
        "has nothing to sign."
    ]
    # Given to the body's editor, in the Content tab.
    assert "Without it the page has nothing to sign." in response.content.decode()


def test_an_action_form_block_without_form_fields_is_refused(editor, home):
    response = publish(editor, home, campaign_data(fields=()))

    form = refused(response)
    assert formset_errors(form) == [
        "Add the fields supporters fill in: at least an Email field and a Checkbox for their "
        "consent. Without fields, the Action form block shows no form."
    ]
    # Above the form fields, in the Action form tab.
    assert "Without fields, the Action form block shows no form." in response.content.decode()


@pytest.mark.parametrize("field_type", ["dropdown", "radio", "checkboxes", "multiselect"])
def test_a_choice_field_without_choices_is_refused(editor, home, field_type):
    choice = {"label": "Your district", "field_type": field_type, "required": "on"}

    response = publish(editor, home, campaign_data(fields=(*PETITION, choice)))

    form = refused(response)
    assert field_errors(form, 3, "choices") == [
        "Add the options supporters choose from, one per line. Without them nobody can answer "
        "this field."
    ]
    assert "Without them nobody can answer this field." in response.content.decode()

    # With its choices, the same page is published.
    choice["choices"] = "Central and Western\nWan Chai"
    assert publish(editor, home, campaign_data(fields=(*PETITION, choice))).status_code == 302


def test_a_form_without_a_consent_checkbox_is_refused(editor, home):
    form = refused(publish(editor, home, campaign_data(fields=(NAME, EMAIL))))

    assert formset_errors(form) == [
        "Add a consent checkbox: a field of type 'Checkbox', required, whose label says what "
        "supporters agree to, e.g. 'I agree to the privacy notice'."
    ]


def test_an_optional_consent_checkbox_is_refused(editor, home):
    optional = {**CONSENT, "required": ""}

    form = refused(publish(editor, home, campaign_data(fields=(NAME, EMAIL, optional))))

    assert field_errors(form, 2, "required") == [
        "Tick 'Required' on the consent checkbox, so that nobody signs without agreeing."
    ]


def test_the_thank_you_email_needs_an_email_field(editor, home):
    form = refused(publish(editor, home, campaign_data(fields=(NAME, CONSENT))))

    assert form.errors["send_thank_you_email"] == [
        "The thank-you email goes to the address in the form's Email field: add an Email "
        "field under Form fields, or untick this box."
    ]

    # Without the thank-you email, a form may do without an address.
    data = campaign_data(fields=(NAME, CONSENT), send_thank_you_email="")
    assert publish(editor, home, data).status_code == 302


def test_confirmation_needs_a_required_email_field(editor, home):
    no_email = campaign_data(fields=(NAME, CONSENT), require_confirmation="on")
    form = refused(publish(editor, home, no_email))
    assert (
        "add an Email field under Form fields, or untick this box"
        in (form.errors["require_confirmation"][0])
    )

    optional = campaign_data(
        fields=(NAME, {**EMAIL, "required": ""}, CONSENT), require_confirmation="on"
    )
    form = refused(publish(editor, home, optional))
    assert field_errors(form, 1, "required") == [
        "Tick 'Required': supporters are asked to confirm their email address, and a "
        "signature without one could never count."
    ]


def test_a_hero_image_needs_its_alt_text(editor, home):
    image = Image.objects.create(title="Crowd", file=get_test_image_file())

    form = refused(publish(editor, home, campaign_data(hero_image=image.pk)))

    assert form.errors["hero_image_alt"] == [
        "Describe the hero image for people who cannot see it, e.g. 'Protesters holding "
        "candles in Victoria Park'."
    ]
    data = campaign_data(hero_image=image.pk, hero_image_alt="A crowd holding umbrellas")
    assert publish(editor, home, data).status_code == 302


def test_scheduling_is_publishing_and_is_refused_the_same_way(editor, home):
    go_live_at = timezone.localtime() + datetime.timedelta(days=1)
    data = campaign_data(fields=(NAME, EMAIL), go_live_at=go_live_at.strftime("%Y-%m-%d %H:%M"))

    form = refused(publish(editor, home, data))

    assert "Add a consent checkbox" in formset_errors(form)[0]


def test_a_draft_may_stay_incomplete(editor, home):
    """Autosave and 'Save draft' keep the editor's work however far it has gone."""
    data = campaign_data(fields=(), body=[TEXT])

    response = editor.post(add_url(home), data)

    assert response.status_code == 302
    page = CampaignPage.objects.get(slug="protest")
    assert not page.live
    assert not page.get_latest_revision_as_object().form_fields.exists()


def test_a_live_campaign_broken_in_the_editor_stays_as_it_was(editor, home):
    assert publish(editor, home, campaign_data()).status_code == 302
    page = CampaignPage.objects.get(slug="protest")
    live_revision = page.live_revision_id
    field_ids = list(page.form_fields.values_list("pk", flat=True))

    broken = campaign_data(
        body=[TEXT], field_ids=field_ids, title="Broken", **{"form_fields-2-DELETE": "1"}
    )
    response = editor.post(edit_url(page), {**broken, **PUBLISH})

    assert response.status_code == 200
    form = response.context["form"]
    assert "Add an 'Action form' block" in body_errors(form)[0]
    assert "Add a consent checkbox" in formset_errors(form)[0]
    page.refresh_from_db()
    assert page.live_revision_id == live_revision
    assert page.title == "Protect the right to protest"
    html = editor.get(page.url).content.decode()
    assert 'name="i_agree_to_the_privacy_notice"' in html


@pytest.fixture
def legacy_campaign(editor, home):
    """A live campaign from before these checks: no consent checkbox, no Action form block."""
    data = campaign_data(fields=(NAME, EMAIL), body=[TEXT], send_thank_you_email="")
    assert editor.post(add_url(home), data).status_code == 302  # a draft
    page = CampaignPage.objects.get(slug="protest")
    page.get_latest_revision().publish()
    return CampaignPage.objects.get(pk=page.pk)


def test_a_translator_publishes_in_the_translation_editor(
    editor, legacy_campaign, translate, django_capture_on_commit_callbacks
):
    translation = translate(legacy_campaign, "zh-hant", publish=False)

    # The translation editor publishes when its transaction commits.
    with django_capture_on_commit_callbacks(execute=True):
        response = editor.post(edit_url(translation), {"action": "publish"})

    assert response.status_code == 302
    translation.refresh_from_db()
    assert translation.live


def test_a_translation_edited_in_wagtails_editor_is_not_held_by_the_sources_checks(
    editor, legacy_campaign, translate
):
    translation = translate(legacy_campaign, "zh-hant", publish=False)
    # "Edit in Wagtail's editor": the translation is no longer synchronised.
    Translation.objects.filter(target_locale=translation.locale).update(enabled=False)
    field_ids = list(translation.form_fields.values_list("pk", flat=True))
    data = campaign_data(
        fields=(NAME, EMAIL),
        field_ids=field_ids,
        body=[TEXT],
        slug=translation.slug,
        title="保障示威權利",
        send_thank_you_email="",
    )

    response = editor.post(edit_url(translation), {**data, **PUBLISH})

    assert response.status_code == 302, response.context["form"].errors
    translation.refresh_from_db()
    assert translation.live
    assert translation.title == "保障示威權利"
