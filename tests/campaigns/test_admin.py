"""Editors build campaign pages in the admin, from every block, without touching code."""

import re

import pytest
from django.urls import reverse
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Site
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from campaigns.blocks import CampaignBodyBlock
from campaigns.models import CampaignPage, CampaignSubmission
from home.models import HomePage
from tests.factories import CampaignPageFactory, HomePageFactory


def list_block(items):
    return {
        "count": str(len(items)),
        **{
            str(i): {"value": item, "deleted": "", "order": str(i), "id": ""}
            for i, item in enumerate(items)
        },
    }


def every_block(image, other_campaign):
    return streamfield(
        [
            (
                "background",
                {
                    "heading": "What happened",
                    "text": rich_text("<p>Peaceful protesters met with force.</p>"),
                    "image": {"image": image.pk, "decorative": "", "alt_text": "A crowd"},
                    "caption": "Protesters in the city centre",
                    "credit": "Photo: A. Photographer",
                },
            ),
            (
                "demands",
                {
                    "heading": "",
                    "target": "the Hong Kong government",
                    "introduction": rich_text("<p>We call on the government to:</p>"),
                    "demands": list_block(
                        ["Establish an independent inquiry.", "Respect peaceful assembly."]
                    ),
                },
            ),
            (
                "action_form",
                {
                    "heading": "Write a message",
                    "introduction": rich_text("<p>Edit the message and send it.</p>"),
                    "button_label": "Send my message",
                },
            ),
            (
                "closure_notice",
                {
                    "heading": "Campaign closed",
                    "text": rich_text("<p>Thank you for your support.</p>"),
                    "campaigns": list_block([other_campaign.pk]),
                },
            ),
            ("text", rich_text("<p>Some plain text.</p>")),
            (
                "image",
                {
                    "image": {"image": image.pk, "decorative": "", "alt_text": "Police lines"},
                    "caption": "Police lines",
                    "credit": "Photo: B",
                },
            ),
            ("quote", {"quote": "We only want to be heard.", "attribution": "A protester"}),
            (
                "video",
                {"video": "https://www.youtube.com/watch?v=abc123", "caption": "Our film"},
            ),
            (
                "call_to_action",
                {
                    "heading": "Read the report",
                    "text": "Our findings in full.",
                    "button_label": "Read it",
                    "page": "",
                    "url": "https://example.org/report",
                },
            ),
        ]
    )


FORM_FIELDS = inline_formset(
    [
        {"label": "First name", "field_type": "singleline", "required": "on"},
        {"label": "Email", "field_type": "email", "required": "on"},
        {
            "label": "Your message",
            "field_type": "multiline",
            "required": "on",
            "default_value": "Dear Chief Executive,",
        },
        {"label": "I agree", "field_type": "checkbox", "required": "on"},
    ],
    min=1,
)


@pytest.mark.django_db
class TestEditorBuildsACampaign(WagtailPageTestCase):
    def setUp(self):
        self.login()
        root = HomePage.get_first_root_node()
        self.home = HomePageFactory(parent=root, slug="home-admin")
        Site.objects.update(root_page=self.home)
        self.image = Image.objects.create(title="Crowd", file=get_test_image_file())
        self.other = CampaignPageFactory(parent=self.home, title="Free the journalists")

    @property
    def add_url(self):
        return reverse("wagtailadmin_pages:add", args=["campaigns", "campaignpage", self.home.pk])

    def campaign_data(self, **overrides):
        return nested_form_data(
            {
                "title": "Protect rights in Hong Kong",
                "slug": "hong-kong",
                "summary": "People in Hong Kong face restrictions on peaceful assembly.",
                "hero_image": self.image.pk,
                "hero_image_alt": "A crowd with umbrellas",
                "body": every_block(self.image, self.other),
                "thank_you_text": rich_text("<p>Thank you!</p>"),
                "next_steps": streamfield(
                    [
                        ("campaign", {"page": self.other.pk}),
                        ("donation", {"label": "Give", "text": "", "url": "https://example.org/"}),
                        ("share", ""),
                    ]
                ),
                "form_fields": FORM_FIELDS,
                "to_address": "team@example.org",
                "from_address": "",
                "subject": "",
                "target_address": "",
                "delivery_mode": "digest",
                "digest_hour": "18",
                "action_closes_at": "",
                "retention_days": "180",
                "retention_from": "closing",
                **overrides,
            }
        )

    def test_every_block_can_be_added_and_the_page_renders(self):
        self.assertCanCreate(self.home, CampaignPage, self.campaign_data())

        page = CampaignPage.objects.get(slug="hong-kong")
        assert [block.block_type for block in page.body] == [
            "background",
            "demands",
            "action_form",
            "closure_notice",
            "text",
            "image",
            "quote",
            "video",
            "call_to_action",
        ]
        assert [f.clean_name for f in page.form_fields.all()] == [
            "first_name",
            "email",
            "your_message",
            "i_agree",
        ]
        assert [block.block_type for block in page.next_steps] == ["campaign", "donation", "share"]
        self.assertPageIsRenderable(page)
        html = self.client.get(page.url).content.decode()
        for text in (
            "Peaceful protesters met with force.",
            "Photo: A. Photographer",
            "What we ask of the Hong Kong government",
            "Establish an independent inquiry.",
            "Send my message",
            'name="your_message"',
            "Some plain text.",
            "We only want to be heard.",
            'src="https://www.youtube.com/watch?v=abc123"',
            'href="https://example.org/report"',
        ):
            assert text in html, text
        # Open: the closure notice waits for the action to close.
        assert "Campaign closed" not in html

    def test_closed_page_shows_the_notice_and_chosen_campaigns_instead_of_the_form(self):
        self.assertCanCreate(
            self.home,
            CampaignPage,
            self.campaign_data(action_closes_at="2020-01-31 18:00"),
        )
        page = CampaignPage.objects.get(slug="hong-kong")

        html = self.client.get(page.url).content.decode()

        assert "Campaign closed" in html
        assert self.other.url in html
        assert 'name="your_message"' not in html

    def test_a_page_has_at_most_one_action_form(self):
        action_form = {"heading": "A", "introduction": rich_text(""), "button_label": "Go"}
        data = self.campaign_data(body=streamfield([("action_form", action_form)] * 2))

        response = self.client.post(self.add_url, data, follow=True)

        assert not CampaignPage.objects.filter(slug="hong-kong").exists()
        error = response.context["form"].errors.as_data()["body"][0]
        assert "Action form: The maximum number of items is 1" in str(error.non_block_errors)

    def test_editor_sees_the_tabs(self):
        html = self.client.get(self.add_url).content.decode()

        tabs = re.findall(r'role="tab"[^>]*>\s*([^<]+?)\s*<', html)
        # The schedule's fields sit in the Action form tab: no Settings tab holding only a note.
        assert tabs == ["Content", "Action form", "Email", "Promote"]

    def test_confirmation_needs_an_email_field_to_send_the_link_to(self):
        no_email = inline_formset(
            [{"label": "First name", "field_type": "singleline", "required": "on"}], min=1
        )
        data = self.campaign_data(form_fields=no_email, require_confirmation="on")

        response = self.client.post(self.add_url, {**data, "action-publish": "1"}, follow=True)

        assert not CampaignPage.objects.filter(slug="hong-kong").exists()
        errors = response.context["form"].errors["require_confirmation"]
        assert "add an Email field under Form fields" in errors[0]

        # With the Email field of the usual form, the same page is created as asked.
        self.assertCanCreate(
            self.home, CampaignPage, self.campaign_data(require_confirmation="on")
        )
        assert CampaignPage.objects.get(slug="hong-kong").require_confirmation


@pytest.mark.parametrize(
    ("block_name", "expected"),
    [
        ("background", "What is happening"),
        ("demands", "Establish an independent inquiry into the use of force."),
        ("action_form", 'name="email"'),
        ("closure_notice", "Thank you for your support."),
        ("text", "A paragraph of text."),
        ("image", "A caption describes the photo."),
        ("quote", "We only want to be heard."),
        ("video", "A video about the campaign."),
        ("call_to_action", "Read the report"),
    ],
)
def test_every_block_has_a_description_and_a_preview(admin_client, block_name, expected):
    block = CampaignBodyBlock().child_blocks[block_name]
    assert block.meta.description
    assert block.meta.icon not in ("", "placeholder")

    response = admin_client.get(
        reverse("wagtailadmin_block_preview"), {"id": block.definition_prefix}
    )

    assert response.status_code == 200
    assert expected in response.content.decode()


def test_submissions_panel_and_export_include_every_signature(admin_client, campaign, valid_post):
    admin_client.post(campaign.url, valid_post, follow=True)
    admin_client.post(campaign.url, {**valid_post, "email": "b@example.org"}, follow=True)

    response = admin_client.get(f"/admin/forms/submissions/{campaign.pk}/", {"export": "csv"})

    assert response.status_code == 200
    body = (
        b"".join(response.streaming_content).decode("utf-8")
        if response.streaming
        else (response.content.decode())
    )
    assert "ada@example.org" in body and "b@example.org" in body
    # Nobody came with a source or utm_* parameter: those columns are left out.
    # The opt-ins' columns come last, whether anyone ticked them or not.
    assert body.splitlines()[0].endswith(
        "Language,Consent given,Confirmed at,"
        "Opt-in: updates about this campaign,Opt-in: the organisation's other campaigns"
    )
    assert CampaignSubmission.objects.count() == 2
