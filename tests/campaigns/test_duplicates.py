"""One signature per person per campaign, in any language, however the address is spelled."""

from concurrent.futures import ThreadPoolExecutor

import pytest
from django.core import mail
from django.db import connection
from django.test import Client

from campaigns.models import CampaignSubmission
from campaigns.signing.supporters import normalise_email


@pytest.mark.parametrize(
    ("address", "key"),
    [
        ("Ada@Example.org", "ada@example.org"),
        ("ada@example.org ", "ada@example.org"),
        ("A.da+news@gmail.com", "ada@gmail.com"),
        ("ada@googlemail.com", "ada@gmail.com"),
        ("a.da+x@outlook.com", "a.da@outlook.com"),
        ("a.da+x@example.org", "a.da+x@example.org"),  # unknown provider: tags may matter
        ("用户@例子.中国", "用户@xn--fsqu00a.xn--fiqs8s"),
        # Invisible characters make no other supporter.
        ("ada@example.org\u202e", "ada@example.org"),
        ("\u200bada@example.org", "ada@example.org"),
        ("ada@exa\u200dmple.org.", "ada@example.org"),
        ("", None),
        (None, None),
    ],
)
def test_addresses_are_normalised(address, key):
    assert normalise_email(address) == key


def test_repeat_signatures_store_one_row_and_get_the_same_response(
    client, campaign, valid_post, deliver
):
    first = client.post(campaign.url, valid_post, follow=True)
    deliver()
    emails_after_first = len(mail.outbox)
    repeats = [
        client.post(campaign.url, {**valid_post, "email": address}, follow=True)
        for address in (
            "ADA@example.org",
            "ada@EXAMPLE.org ",
            "ada@example.org",
            "ada@example.org\u202e",
            "\u2066ada@example.org.",
        )
    ]
    deliver()

    assert CampaignSubmission.objects.count() == 1
    assert all(r.status_code == first.status_code == 200 for r in repeats)
    assert all(r.content == first.content for r in repeats)
    assert len(mail.outbox) == emails_after_first  # not counted, not emailed again


def test_one_signature_across_languages(client, campaign, zh_campaigns, valid_post):
    client.post(campaign.url, valid_post, follow=True)
    client.post(
        zh_campaigns["zh-hant"].url, {**valid_post, "email": "Ada@example.org"}, follow=True
    )

    assert campaign.get_submissions().count() == 1


@pytest.mark.django_db(transaction=True)
def test_concurrent_identical_posts_give_one_row_and_identical_responses(home, valid_post):
    from tests.conftest import started_token
    from tests.factories import CampaignPageFactory, add_petition_fields

    campaign = CampaignPageFactory(parent=home, slug="busy")
    add_petition_fields(campaign)
    campaign.save_revision().publish()
    url = campaign.url
    token = started_token(seconds_ago=60, campaign_key=campaign.translation_key)
    post = {**valid_post, "email": "Rush+x@Gmail.com", "form_token": token}

    def sign(_number):
        try:
            response = Client().post(url, post, follow=True)
            return response.status_code, response.content
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=32) as pool:
        results = list(pool.map(sign, range(32)))

    assert CampaignSubmission.objects.filter(campaign_key=campaign.translation_key).count() == 1
    assert {status for status, _body in results} == {200}
    assert len({body for _status, body in results}) == 1
