"""The record signature helper: an OSDI body stored as a signature through the web form's
path (validation, one per person, encrypted at rest), with source "osdi", in the petition's
language; and no body, however hostile, gives a 500."""

import json

import pytest
from django.db import connection
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from campaigns.models import CampaignSubmission
from osdi.models import RecordedSignature
from tests.conftest import supporter_key_of

from .conftest import person_body, valid

pytestmark = pytest.mark.django_db


def helper(campaign):
    return f"petitions/{campaign.translation_key}/record_signature_helper"


def test_a_signature_is_recorded_as_the_form_records_it(api, write_token, campaign):
    body = valid("record_signature_helper", person_body())
    response = api.post(helper(campaign), write_token, body)
    assert response.status_code == 201
    data = valid("signature", response.json())
    assert response["Location"] == data["_links"]["self"]["href"]
    stored = CampaignSubmission.objects.get()
    assert data["identifiers"] == [f"portal:signature-{stored.pk}"]
    assert stored.source == {"source": "osdi"}
    assert stored.language == "en"
    assert stored.page_id == campaign.pk
    assert stored.supporter_key == supporter_key_of("grace@example.org")
    assert stored.form_data == {
        "first_name": "Grace",
        "last_name": "Hopper",
        "email": "grace@example.org",
        "country": "United Kingdom",
        "your_message": "Please respect our rights.",
        "i_agree_to_be_contacted": True,
    }
    assert RecordedSignature.objects.get(signature=stored).tags == ["volunteer"]
    with connection.cursor() as cursor:
        cursor.execute("SELECT form_data FROM campaigns_campaignsubmission")
        [(raw,)] = cursor.fetchall()
    assert "Grace" not in raw and "grace@" not in raw
    # The same path as the web form: its emails are queued with it.
    assert api.get(data["_links"]["osdi:person"]["href"], write_token).status_code == 200


def test_a_repeat_gives_the_existing_signature(api, write_token, campaign):
    first = api.post(helper(campaign), write_token, person_body())
    again = api.post(
        f"petitions/{campaign.translation_key}/signatures",
        write_token,
        person_body(email="Grace@Example.org", given_name="G."),
    )
    assert (first.status_code, again.status_code) == (201, 200)
    assert valid("signature", again.json())["identifiers"] == first.json()["identifiers"]
    assert CampaignSubmission.objects.count() == 1


def test_the_forms_validation_applies(api, write_token, campaign):
    for person in [
        {"email_addresses": [{"address": "not an address"}]},
        {"email_addresses": []},
        {"given_name": ""},
        {"custom_fields": {}},  # the consent box the form requires, not ticked
    ]:
        response = api.post(helper(campaign), write_token, person_body(**person))
        assert response.status_code == 400, person
        valid("error", response.json())
    assert not CampaignSubmission.objects.exists()


def test_a_closed_petition_takes_no_signature(api, write_token, campaign):
    from django.utils import timezone

    campaign.action_closes_at = timezone.now()
    campaign.save_revision().publish()
    response = api.post(helper(campaign), write_token, person_body())
    assert response.status_code == 409
    assert not CampaignSubmission.objects.exists()


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(),
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(st.text(max_size=12), children, max_size=4)
    ),
    max_leaves=12,
)
PERSON = st.fixed_dictionaries(
    {},
    optional={
        "given_name": JSON | st.text(),
        "family_name": JSON | st.text(),
        "email_addresses": st.lists(
            st.fixed_dictionaries({}, optional={"address": JSON | st.emails(), "primary": JSON}),
            max_size=3,
        )
        | JSON,
        "postal_addresses": st.lists(
            st.fixed_dictionaries({}, optional={"country": st.text(max_size=3) | JSON}),
            max_size=2,
        ),
        "custom_fields": st.dictionaries(
            st.sampled_from(["i_agree_to_be_contacted", "country", "x"]), JSON
        ),
    },
)
BODIES = (
    st.fixed_dictionaries(
        {"person": PERSON | JSON},
        optional={"add_tags": st.lists(st.text()) | JSON, "comments": JSON | st.text()},
    ).map(json.dumps)
    | JSON.map(json.dumps)
    | st.binary(max_size=200)
    | st.just('{"person": ' * 3000)
    | st.just("[" * 100_000)
)


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(body=BODIES)
def test_no_body_gives_a_500(api, write_token, campaign, body):
    response = api.post(helper(campaign), write_token, body)
    assert response.status_code in (200, 201, 400, 413), response.content[:300]
    assert response["Content-Type"].startswith("application/hal+json")
    if response.status_code >= 400:
        valid("error", response.json())
    else:
        valid("signature", response.json())


@pytest.mark.parametrize(
    "body",
    [
        '{"person": {"given_name": "\\ud800",'
        ' "email_addresses": [{"address": "a\\ud800@b.org"}]}}',
        '{"person": {"given_name": "A\\u0000", "email_addresses": [{"address": "a@b.org"}],'
        ' "custom_fields": {"i_agree_to_be_contacted": true}},'
        ' "add_tags": ["\\u0000", "t\\ud800"],'
        ' "comments": "\\u0000"}',
        '{"person": {"email_addresses": [{"address": "a@b.org\\u202e"}], "postal_addresses":'
        ' [{"country": "ZZ"}], "custom_fields": {"i_agree_to_be_contacted": "yes"}}}',
        '{"person": {"email_addresses": [{"address": "' + "a" * 5000 + '@b.org"}]}}',
        '{"person": {}, "add_tags": ' + json.dumps(["t"] * 10000) + "}",
        "\ufeff{}",
        "",
        "null",
    ],
)
def test_hostile_strings_are_refused_or_cleaned(api, write_token, campaign, body):
    response = api.post(helper(campaign), write_token, body)
    assert response.status_code in (201, 400, 413), response.content[:300]
    if response.status_code == 201:
        stored = RecordedSignature.objects.get()
        assert all("\x00" not in tag for tag in stored.tags)
