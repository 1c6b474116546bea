"""The OSDI API's reads: the entry point, petitions, signatures and people, in HAL+JSON valid
against the schemas written from the OSDI documents, paginated as they say."""

import pytest
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from campaigns.models import CampaignSubmission, ConsentWording, OptIn, Scope
from campaigns.models.counts import SignatureTally
from campaigns.team.tally import recount
from tests.conftest import supporter_key_of

from .conftest import embedded, valid, valid_collection

pytestmark = pytest.mark.django_db


def sign(client, campaign, valid_post, email, **answers):
    response = client.post(campaign.url, {**valid_post, "email": email, **answers})
    assert response.status_code == 303
    return CampaignSubmission.objects.get(supporter_key=supporter_key_of(email))


def opt_in(signature, scope):
    wording = ConsentWording.for_text(
        scope, "en", f"Yes to {scope}", campaign_key=signature.campaign_key
    )
    return OptIn.objects.create(
        signature=signature,
        wording=wording,
        scope=scope,
        campaign_key=signature.campaign_key,
        given_at=timezone.now(),
    )


def test_the_entry_point_links_to_petitions_and_people(api, read_token):
    response = api.get("", read_token)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/hal+json")
    data = valid("aep", response.json())
    assert data["_links"]["osdi:petitions"]["href"] == "http://testserver/api/osdi/v1/petitions"
    assert api.get(data["_links"]["osdi:people"]["href"], read_token).status_code == 200


def test_a_campaign_is_a_petition_with_its_counted_total(
    api, read_token, client, campaign, valid_post
):
    sign(client, campaign, valid_post, "ada@example.org")
    recount([campaign.translation_key])
    assert SignatureTally.objects.get(campaign_key=campaign.translation_key).total == 1
    data = valid_collection(api.get("petitions", read_token).json(), "petition")
    [petition] = embedded(data)
    assert petition["title"] == campaign.title
    assert petition["identifiers"] == [f"portal:{campaign.translation_key}"]
    assert petition["total_signatures"] == 1
    assert petition["browser_url"] == campaign.full_url
    one = api.get(petition["_links"]["self"]["href"], read_token)
    assert valid("petition", one.json()) == petition


def test_signatures_are_listed_and_read_one_by_one(api, read_token, client, campaign, valid_post):
    made = sign(client, campaign, valid_post, "ada@example.org")
    key = campaign.translation_key
    data = valid_collection(api.get(f"petitions/{key}/signatures", read_token).json(), "signature")
    [listed] = embedded(data)
    assert listed["identifiers"] == [f"portal:signature-{made.pk}"]
    assert listed["comments"] == valid_post["your_message"]
    one = api.get(listed["_links"]["self"]["href"], read_token)
    assert valid("signature", one.json()) == listed
    person = api.get(listed["_links"]["osdi:person"]["href"], read_token)
    assert valid("person", person.json())["given_name"] == "Ada"


def test_a_signature_nobody_has_vouched_for_is_not_read(
    api, read_token, client, campaign, valid_post
):
    """Held for review, or waiting for its address to be confirmed: not listed, and not read
    one by one either, however its id is guessed."""
    held = sign(client, campaign, valid_post, "someone@mailinator.com")
    assert held.quarantined_at is not None
    campaign.require_confirmation = True
    campaign.save_revision().publish()
    waiting = sign(client, campaign, valid_post, "bob@example.org")
    assert waiting.confirmed_at is None
    key = campaign.translation_key
    for signature in (held, waiting):
        response = api.get(f"petitions/{key}/signatures/{signature.pk}", read_token)
        assert response.status_code == 404
        assert valid("error", response.json())
        assert "bob" not in response.content.decode()
    listed = api.get(f"petitions/{key}/signatures", read_token).json()
    assert listed["total_records"] == 0
    # Once confirmed, it is read like any other.
    CampaignSubmission.objects.filter(pk=waiting.pk).update(confirmed_at=timezone.now())
    response = api.get(f"petitions/{key}/signatures/{waiting.pk}", read_token)
    assert valid("signature", response.json())["identifiers"] == [f"portal:signature-{waiting.pk}"]


def test_a_person_is_subscribed_only_with_a_reachable_opt_in(
    api, read_token, client, campaign, valid_post
):
    ada = sign(client, campaign, valid_post, "ada@example.org")
    sign(client, campaign, valid_post, "bob@example.org", first_name="Bob")
    opt_in(ada, Scope.ORGANISATION)
    data = valid_collection(api.get("people", read_token).json(), "person")
    status = {
        p["given_name"]: (p["email_addresses"][0]["status"], p["postal_addresses"])
        for p in embedded(data)
    }
    assert status == {
        "Ada": ("subscribed", [{"primary": True, "country": "GB"}]),
        "Bob": ("unsubscribed", [{"primary": True, "country": "GB"}]),
    }
    OptIn.objects.filter(signature=ada).withdraw("unsubscribe")
    data = api.get("people", read_token).json()
    assert {p["email_addresses"][0]["status"] for p in embedded(data)} == {"unsubscribed"}


def test_an_erased_supporter_is_nobody(api, read_token, client, campaign, valid_post):
    ada = sign(client, campaign, valid_post, "ada@example.org")
    sign(client, campaign, valid_post, "bob@example.org", first_name="Bob")
    person_url = f"people/{ada.supporter_key}"
    assert api.get(person_url, read_token).status_code == 200
    ada.anonymise(timezone.now())
    data = valid_collection(api.get("people", read_token).json(), "person")
    assert [p["given_name"] for p in embedded(data)] == ["Bob"]
    assert data["total_records"] == 1
    gone = api.get(person_url, read_token)
    assert gone.status_code == 404
    valid("error", gone.json())
    signatures = api.get(f"petitions/{campaign.translation_key}/signatures", read_token).json()
    assert b"Ada" not in str(signatures).encode()
    assert (
        api.get(
            f"petitions/{campaign.translation_key}/signatures/{ada.pk}", read_token
        ).status_code
        == 404
    )


def test_pages_follow_on_from_each_other(api, read_token, client, campaign, valid_post):
    for n in range(5):
        sign(client, campaign, valid_post, f"person{n}@example.org")
    seen, address, pages = [], "people?per_page=2", 0
    while address:
        data = valid_collection(api.get(address, read_token).json(), "person")
        pages += 1
        assert (data["total_pages"], data["total_records"], data["per_page"]) == (3, 5, 2)
        assert data["page"] == pages
        assert ("prev" in data["_links"]) == (pages > 1)
        seen += [p["identifiers"][0] for p in embedded(data)]
        address = data["_links"].get("next", {}).get("href")
    assert pages == 3
    assert len(seen) == len(set(seen)) == 5
    past = api.get("people?per_page=2&page=9", read_token).json()
    assert embedded(past) == []
    assert past["_links"]["prev"]["href"].endswith("page=3&per_page=2")


@pytest.mark.parametrize(
    "query", ["per_page=101", "per_page=0", "page=0", "page=-1", "page=x", "page=١", "page=1_0"]
)
def test_a_bad_page_is_a_clear_error(api, read_token, query):
    response = api.get(f"people?{query}", read_token)
    assert response.status_code == 400
    assert valid("error", response.json())["error"]


@pytest.mark.parametrize("method", ["PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"])
def test_only_the_documented_methods(api, read_token, campaign, method):
    for path in ["", "petitions", f"petitions/{campaign.translation_key}", "people"]:
        response = api(method, path, read_token)
        assert response.status_code == 405, (method, path)
    assert api("POST", "people", read_token, {}).status_code == 405


def test_unknown_addresses_are_json_404s(api, read_token):
    for path in [
        "nothing",
        "petitions/not-a-uuid",
        "petitions/00000000-0000-0000-0000-000000000000",
        "people/abc",
    ]:
        response = api.get(path, read_token)
        assert response.status_code == 404, path
        valid("error", response.json())


def test_a_page_of_people_costs_a_bounded_number_of_queries(
    api, read_token, client, campaign, valid_post, django_assert_max_num_queries
):
    for n in range(3):
        sign(client, campaign, valid_post, f"person{n}@example.org")
    with django_assert_max_num_queries(20) as few:
        api.get("people?per_page=25", read_token)
        bound = len(few)
    for n in range(3, 30):
        sign(client, campaign, valid_post, f"person{n}@example.org")
    # As many for 25 people as for 3: nothing is read person by person.
    with django_assert_max_num_queries(bound):
        data = api.get("people?per_page=25", read_token).json()
    assert len(embedded(data)) == 25
    signatures = f"petitions/{campaign.translation_key}/signatures?per_page=25"
    with django_assert_max_num_queries(bound):
        data = api.get(signatures, read_token).json()
    assert len(embedded(data)) == 25


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    path=st.sampled_from(["people", "petitions", "petitions/{key}/signatures", "x/{key}"]),
    query=st.dictionaries(st.sampled_from(["page", "per_page", "q"]), st.text(), max_size=3),
    token=st.text(max_size=300).filter(lambda t: "\n" not in t and "\r" not in t),
    use_token=st.booleans(),
)
def test_no_query_or_token_gives_a_500(api, read_token, campaign, path, query, token, use_token):
    address = path.format(key=campaign.translation_key)
    response = api.get(address, read_token if use_token else token, data=query)
    assert response.status_code in (200, 400, 401, 404, 429)
    if response.status_code != 200:
        valid("error", response.json())


def test_the_petitions_target_is_the_one_its_demands_name(api, read_token, campaign):
    import json

    body = [dict(block) for block in campaign.body.raw_data]
    demands = {
        "heading": "",
        "target": "the Hong Kong government",
        "introduction": "",
        "demands": ["Release them"],
    }
    campaign.body = json.dumps([{"type": "demands", "value": demands}, *body])
    campaign.save_revision().publish()
    data = api.get(f"petitions/{campaign.translation_key}", read_token).json()
    assert valid("petition", data)["target"] == [{"name": "the Hong Kong government"}]
