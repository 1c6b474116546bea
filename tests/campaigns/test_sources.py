"""`source` and `utm_*` on the page's address are stored with the signature and exported."""

import csv
import io

from bs4 import BeautifulSoup

from campaigns.models import CampaignSubmission

QUERY = "?utm_source=newsletter&utm_medium=email&utm_campaign=hk-2019&source=stall-12&page=2"


def test_the_form_posts_to_its_own_address_query_included(client, campaign):
    soup = BeautifulSoup(client.get(f"{campaign.url}{QUERY}").content, "html.parser")
    # No action: a browser posts to the page's own address, query string included, and adds
    # no fragment that the redirect to the thanks would keep (tests/browser/test_layout.py).
    assert soup.select_one("form.action-form").get("action") is None


def test_source_and_utm_parameters_are_stored_and_exported(
    client, admin_client, campaign, valid_post
):
    client.post(f"{campaign.url}{QUERY}", valid_post, follow=True)
    client.post(campaign.url, {**valid_post, "email": "b@example.org"}, follow=True)

    by_email = {s.form_data["email"]: s.source for s in CampaignSubmission.objects.all()}
    assert by_email == {
        "ada@example.org": {
            "utm_source": "newsletter",
            "utm_medium": "email",
            "utm_campaign": "hk-2019",
            "source": "stall-12",
        },
        "b@example.org": {},
    }
    response = admin_client.get(f"/admin/forms/submissions/{campaign.pk}/", {"export": "csv"})
    rows = list(
        csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig")))
    )
    ada = next(row for row in rows if row["Email"] == "ada@example.org")
    assert (ada["Source"], ada["UTM source"], ada["UTM medium"], ada["UTM campaign"]) == (
        "stall-12",
        "newsletter",
        "email",
        "hk-2019",
    )
    other = next(row for row in rows if row["Email"] == "b@example.org")
    assert other["Source"] == other["UTM source"] == ""


def test_hostile_source_values_are_cleaned_and_cut(client, campaign, valid_post):
    query = "?source=" + "%00%1Bx" + "y" * 500 + "&utm_term=%3Dcmd%7C"
    client.post(f"{campaign.url}{query}", valid_post, follow=True)

    source = CampaignSubmission.objects.get().source
    assert source["source"] == "x" + "y" * 199
    assert source["utm_term"] == "=cmd|"  # stored as sent; the export neutralises formulas


def test_the_utm_address_shares_the_cached_page(client, campaign, settings):
    from django.core.cache import cache

    settings.PAGE_CACHE_SECONDS = 60
    cache.clear()
    plain = client.get(campaign.url)
    tracked = client.get(f"{campaign.url}{QUERY.replace('&page=2', '')}")
    assert tracked.content == plain.content
    cache.clear()
