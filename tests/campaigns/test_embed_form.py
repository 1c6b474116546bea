"""The sign form on partners' sites (`<campaign>embed/?partner=<slug>`): who may frame it, what
a signature made there records, and that it is the campaign's own form and count."""

import csv
import io

import pytest
from bs4 import BeautifulSoup
from django.core.cache import cache

from campaigns.models import CampaignSubmission, PaperSignatures
from campaigns.signing.partners import CONSENT_FIELD
from campaigns.team.tally import tally_signatures
from organisation.partners import Partner

PARTNER_ORIGINS = ["https://harbour.example", "http://127.0.0.1:8001"]


@pytest.fixture
def partner(locales):
    return Partner.objects.create(
        locale=locales["en"],
        name="Harbour Rights Network",
        slug="harbour",
        origins="https://harbour.example\nhttp://127.0.0.1:8001/",
    )


def embed_url(page, partner="harbour"):
    return f"{page.url}embed/" + (f"?partner={partner}" if partner else "")


def frame_ancestors(response):
    policy = response["Content-Security-Policy"]
    (directive,) = [
        d.strip() for d in policy.split(";") if d.strip().startswith("frame-ancestors")
    ]
    return directive.split()[1:]


def test_only_the_listed_partners_and_this_site_may_frame_the_form(client, campaign, partner):
    Partner.objects.create(
        locale=partner.locale, name="Second", slug="second", origins="https://second.example"
    )
    response = client.get(embed_url(campaign))

    assert response.status_code == 200
    assert sorted(frame_ancestors(response)) == sorted(
        ["'self'", *PARTNER_ORIGINS, "https://second.example"]
    )
    assert "X-Frame-Options" not in response
    # The campaign page itself still may not be framed by anyone else.
    page = client.get(campaign.url)
    assert frame_ancestors(page) == ["'self'"]
    assert page["X-Frame-Options"] == "DENY"


def test_with_no_partners_listed_nobody_else_may_frame_it(client, campaign):
    response = client.get(embed_url(campaign, partner=None))
    assert response.status_code == 200
    assert frame_ancestors(response) == ["'self'"]


def test_the_form_is_the_campaigns_with_the_shared_count(client, campaign, partner):
    PaperSignatures.objects.create(page=campaign, count=1234)
    tally_signatures()
    html = BeautifulSoup(client.get(embed_url(campaign)).content, "html.parser")

    assert html.h1.get_text(strip=True) == campaign.title
    assert "1,234 signatures" in html.select_one(".signature-progress__count").get_text()
    names = {field["name"] for field in html.select("form.action-form [name]")}
    assert {"first_name", "last_name", "email", "your_message", "form_token"} <= names
    consent = html.find("input", attrs={"name": CONSENT_FIELD})
    assert consent is not None and not consent.has_attr("checked")  # never pre-ticked
    label = html.find("label", attrs={"for": consent["id"]}).get_text(" ", strip=True)
    assert label == (
        "I agree that Harbour Rights Network may contact me about this and similar campaigns."
    )
    # The page shows the same count.
    page = BeautifulSoup(client.get(campaign.url).content, "html.parser")
    assert "1,234 signatures" in page.select_one(".signature-progress__count").get_text()


def sign_in_frame(client, campaign, valid_post, partner="harbour", **extra):
    url = embed_url(campaign, partner)
    return client.post(url, {**valid_post, **extra}, HTTP_ORIGIN="http://testserver")


def test_a_signature_records_the_partner_and_its_consent_when_ticked(
    client, campaign, partner, valid_post
):
    response = sign_in_frame(client, campaign, valid_post, **{CONSENT_FIELD: "on"})

    assert response.status_code == 303
    assert response["Location"] == f"{campaign.url}embed/thank-you/?partner=harbour"
    submission = CampaignSubmission.objects.get()
    assert submission.source == {"partner": "harbour"}
    assert submission.partner_consent == (
        "I agree that Harbour Rights Network may contact me about this and similar campaigns."
    )
    # The main consent is the campaign's own, and the answers hold neither.
    assert "Harbour" not in submission.consent
    assert CONSENT_FIELD not in submission.form_data
    assert submission.get_data()["partner"] == "harbour"

    thanks = client.get(response["Location"])
    assert thanks.status_code == 200
    assert "X-Frame-Options" not in thanks
    assert "https://harbour.example" in frame_ancestors(thanks)
    html = BeautifulSoup(thanks.content, "html.parser")
    assert html.h1.get_text(strip=True) == "Thank you for taking action"
    full_page = html.select_one(".embed__more a")
    assert full_page["href"] == f"http://testserver{campaign.url}"
    assert full_page["target"] == "_blank"


def test_the_partner_consent_is_kept_only_when_ticked(client, campaign, partner, valid_post):
    partner.consent_text = "Harbour may write to me."
    partner.save()
    sign_in_frame(client, campaign, valid_post)

    submission = CampaignSubmission.objects.get()
    assert submission.source == {"partner": "harbour"}
    assert submission.partner_consent is None
    assert submission.get_data()["partner_consent"] == ""


def test_an_unknown_partner_is_recorded_as_none(client, campaign, partner, valid_post):
    page = client.get(embed_url(campaign, partner="nobody"))
    assert page.status_code == 200
    assert CONSENT_FIELD.encode() not in page.content

    response = sign_in_frame(
        client, campaign, valid_post, partner="nobody", **{CONSENT_FIELD: "on"}
    )

    assert response["Location"] == f"{campaign.url}embed/thank-you/"
    submission = CampaignSubmission.objects.get()
    assert submission.source == {}
    assert submission.partner_consent is None


def test_a_partner_on_the_campaign_page_itself_is_not_recorded(
    client, campaign, partner, valid_post
):
    client.post(f"{campaign.url}?partner=harbour", valid_post, HTTP_ORIGIN="http://testserver")
    assert CampaignSubmission.objects.get().source == {}


def test_a_post_from_the_partners_own_page_is_refused_in_the_frame(
    client, campaign, partner, valid_post
):
    """Only the form inside the frame, on our origin, may post."""
    response = client.post(embed_url(campaign), valid_post, HTTP_ORIGIN="https://harbour.example")
    assert response.status_code == 403
    assert "https://harbour.example" in frame_ancestors(response)
    assert not CampaignSubmission.objects.exists()


def test_the_partner_and_its_consent_are_in_the_export(
    admin_client, client, campaign, partner, valid_post
):
    sign_in_frame(client, campaign, valid_post, **{CONSENT_FIELD: "on"})
    export = admin_client.get(f"/admin/forms/submissions/{campaign.pk}/?export=csv")
    text = b"".join(export.streaming_content).decode("utf-8-sig")
    header, row = list(csv.reader(io.StringIO(text)))
    exported = dict(zip(header, row, strict=True))
    assert exported["Partner"] == "harbour"
    assert exported["Partner consent given"] == (
        "I agree that Harbour Rights Network may contact me about this and similar campaigns."
    )


@pytest.fixture
def page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 300
    settings.ROUTE_CACHE_SECONDS = 300
    cache.clear()
    yield
    cache.clear()


@pytest.mark.parametrize("query", ["?partner=harbour", ""])
def test_the_embedded_form_is_never_stored_and_keeps_its_headers(
    client, campaign, partner, page_cache, query
):
    url = f"{campaign.url}embed/{query}"
    first = client.get(url)
    assert "no-store" in first["Cache-Control"]
    Partner.objects.filter(pk=partner.pk).update(origins="https://moved.example")
    second = client.get(url)

    # Rendered again, with the partners as they are now, and a reader's token of its own.
    assert frame_ancestors(second) == ["'self'", "https://moved.example"]
    assert "X-Frame-Options" not in second
    token = BeautifulSoup(second.content, "html.parser").find(
        "input", attrs={"name": "form_token"}
    )
    assert token["value"].startswith("r.")
    # The campaign page, meanwhile, is stored as before.
    client.get(campaign.url)
    assert client.get(campaign.url)["Cache-Control"] != first["Cache-Control"]


def test_the_promote_tab_shows_each_partner_its_code(admin_client, campaign, partner):
    response = admin_client.get(f"/admin/pages/{campaign.pk}/edit/")
    assert response.status_code == 200
    html = BeautifulSoup(response.content, "html.parser")
    (code,) = html.select(".partner-embed__code")
    iframe = BeautifulSoup(code.get_text(), "html.parser").iframe
    assert iframe["src"] == f"http://testserver{campaign.url}embed/?partner=harbour"
    assert iframe["title"] == campaign.title
    assert html.find(id="partner-embed-harbour").get_text() == "Harbour Rights Network"


def test_origins_are_checked_before_they_reach_the_policy(locales):
    from django.core.exceptions import ValidationError

    from organisation.partners import parse_origins

    assert parse_origins(" https://A.example/ \n\nhttp://127.0.0.1:8001") == [
        "https://a.example",
        "http://127.0.0.1:8001",
    ]
    for bad in [
        "https://a.example; script-src *",
        "https://a.example/path",
        "javascript:alert(1)",
        "*",
        "https://user@a.example",
        "https://a.example:99999",
        "a.example",
    ]:
        with pytest.raises(ValidationError):
            parse_origins(bad)


@pytest.mark.parametrize("confirming", [False, True])
def test_the_thanks_in_the_frame_counts_the_supporters_own_signature(
    client, campaign, partner, valid_post, confirming
):
    """As the full thank-you page: tally + 1 before the tally has run, never "Be the first to
    sign." to someone who just did; with double opt-in, nothing until they confirm."""
    campaign.require_confirmation = confirming
    campaign.save_revision().publish()
    response = sign_in_frame(client, campaign, valid_post)
    thanks = BeautifulSoup(client.get(response["Location"]).content, "html.parser")
    count = thanks.select_one(".signature-progress__count").get_text(" ", strip=True)
    assert count == ("0 signatures" if confirming else "1 signature")
