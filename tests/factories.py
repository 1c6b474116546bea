import factory
import wagtail_factories
from django.utils import timezone

from campaigns.demo.stream_data import complete
from campaigns.models import CampaignFormField, CampaignPage
from home.models import HomePage


class HomePageFactory(wagtail_factories.PageFactory):
    title = factory.Faker("sentence", nb_words=4)
    introduction = factory.LazyFunction(lambda: "<p>Welcome</p>")

    class Meta:
        model = HomePage


class CampaignPageFactory(wagtail_factories.PageFactory):
    title = factory.Faker("sentence", nb_words=5)
    summary = factory.Faker("paragraph")
    thank_you_text = "<p>Thank you for signing.</p>"
    to_address = factory.Faker("email")
    body = factory.LazyFunction(
        lambda: complete(
            [
                {
                    "type": "background",
                    "value": {
                        "heading": "Background",
                        "text": "<p>Facts</p>",
                    },
                },
                {
                    "type": "action_form",
                    "value": {"heading": "Sign", "introduction": "", "button_label": "Sign now"},
                },
                {
                    "type": "closure_notice",
                    "value": {"heading": "Closed", "text": "<p>Thanks, it is over.</p>"},
                },
            ]
        )
    )

    class Meta:
        model = CampaignPage

    class Params:
        closed = factory.Trait(
            action_closes_at=factory.LazyFunction(
                lambda: timezone.now() - timezone.timedelta(days=1)
            )
        )


class CampaignFormFieldFactory(factory.django.DjangoModelFactory):
    page = factory.SubFactory(CampaignPageFactory)
    label = factory.Sequence(lambda n: f"Field {n}")
    field_type = "singleline"
    required = True

    class Meta:
        model = CampaignFormField


PETITION_FIELDS = [
    {"label": "First name", "field_type": "singleline"},
    {"label": "Last name", "field_type": "singleline"},
    {"label": "Email", "field_type": "email"},
    {"label": "Country", "field_type": "singleline"},
    {
        "label": "Your message",
        "field_type": "multiline",
        "default_value": "Dear Chief Executive,\nPlease respect our rights.",
    },
    {"label": "I agree to be contacted", "field_type": "checkbox"},
]


def add_petition_fields(page):
    for sort_order, spec in enumerate(PETITION_FIELDS):
        CampaignFormFieldFactory(page=page, sort_order=sort_order, **spec)
    return page
