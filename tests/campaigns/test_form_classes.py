"""The supporter's form is built once per published version of its page
(campaigns/signing/form_classes.py), and never outlives it."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from campaigns.models import CampaignPage
from tests.conftest import without_form_token
from tests.factories import CampaignFormFieldFactory


def form_field_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    return response, [q for q in queries if '"campaigns_campaignformfield"' in q["sql"]]


def test_the_form_fields_are_read_once_per_published_version(client, campaign):
    first, first_queries = form_field_queries(client, campaign.url)
    second, second_queries = form_field_queries(client, campaign.url)

    assert first_queries and not second_queries
    # The same page but for the form token, which is new on each view (campaigns.signing.tokens).
    assert without_form_token(second.content) == without_form_token(first.content)
    assert without_form_token(first.content) != first.content


def test_a_published_field_is_in_the_form_at_once(client, campaign):
    client.get(campaign.url)

    campaign.form_fields.add(
        CampaignFormFieldFactory.build(label="Your city", field_type="singleline", required=False)
    )
    campaign.save_revision().publish()

    assert b'name="your_city"' in client.get(campaign.url).content


def test_a_draft_field_is_in_the_preview_only(admin_client, client, campaign):
    client.get(campaign.url)
    campaign.form_fields.add(
        CampaignFormFieldFactory.build(label="Your city", field_type="singleline", required=False)
    )
    campaign.save_revision()

    preview = admin_client.get(
        f"/admin/pages/{campaign.pk}/revisions/{campaign.latest_revision_id}/view/"
    )

    assert preview.status_code == 200
    assert b'name="your_city"' in preview.content
    assert b'name="your_city"' not in client.get(campaign.url).content


def test_a_changed_captcha_setting_rebuilds_the_form(client, campaign, settings):
    settings.RECAPTCHA_ENABLED = False
    assert b"g-recaptcha" not in client.get(campaign.url).content

    settings.RECAPTCHA_ENABLED = True

    assert b"g-recaptcha" in client.get(campaign.url).content


def test_a_page_being_edited_builds_its_own_form(client, campaign):
    # As the editor's live preview builds it: the live page, with fields not yet published.
    client.get(campaign.url)
    page = CampaignPage.objects.get(pk=campaign.pk)
    page.form_fields.add(
        CampaignFormFieldFactory.build(label="Your city", field_type="singleline", required=False)
    )

    assert page.live_revision_id
    assert "your_city" in page.get_form_class().base_fields
