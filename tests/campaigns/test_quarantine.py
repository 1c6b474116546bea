"""Suspicious signatures are held for review, not refused: tokens, rates, disposable domains.

Each test posts through the real view and asserts what was stored, counted and emailed.
"""

import time
import uuid

import hypothesis
import pytest
import time_machine
from bs4 import BeautifulSoup
from django.core import mail
from django.core.cache import cache
from hypothesis import strategies as st

from campaigns.models import CampaignSubmission
from campaigns.signing import tokens
from campaigns.team.tally import tally_signatures
from tests.conftest import started_token, supporter_key_of

THANKS = b'id="thank-you-heading"'


def sign(client, page, post, **extra):
    response = client.post(page.url, post, follow=True, **extra)
    assert response.status_code == 200
    assert THANKS in response.content  # held or not, the supporter sees the usual thanks
    return response


def held():
    return CampaignSubmission.objects.quarantined()


def counted_total(campaign):
    tally_signatures()
    cache.clear()
    campaign.__dict__.pop("signature_count", None)
    return campaign.signature_count


@pytest.fixture
def rates(settings):
    """Rates counted, as in production (tests elsewhere post many times from one address). The
    clock stands still, so posts do not straddle the turn of a minute."""
    cache.clear()
    settings.SIGNING_COUNT_RATES = True
    with time_machine.travel(time.time(), tick=False):
        yield
    cache.clear()


# --- Form tokens -------------------------------------------------------------------------


def test_a_replayed_token_is_held_and_sends_nothing(client, campaign, valid_post, deliver):
    post = {**valid_post}  # one copy: one token
    sign(client, campaign, post)
    sign(client, campaign, {**post, "email": "eve@example.org", "first_name": "Eve"})
    deliver()

    first = CampaignSubmission.objects.get(supporter_key=supporter_key_of("ada@example.org"))
    replay = CampaignSubmission.objects.get(supporter_key=supporter_key_of("eve@example.org"))
    assert first.quarantined_at is None and first.confirmed_at is not None
    assert replay.quarantined_at is not None and replay.confirmed_at is None
    assert replay.quarantine_reasons == ["token_reused"]
    assert replay.form_token is None  # the token is the first one's
    assert [m.to for m in mail.outbox if "eve@example.org" in m.to] == []
    assert len([m for m in mail.outbox if m.to == ["ada@example.org"]]) == 1
    assert counted_total(campaign) == 1


def test_a_replay_by_the_same_person_is_a_repeat(client, campaign, valid_post):
    post = {**valid_post}
    sign(client, campaign, post)
    sign(client, campaign, post)  # pressed Send twice, or the same post replayed

    assert CampaignSubmission.objects.count() == 1
    assert not held().exists()


@pytest.mark.parametrize(
    ("token", "reason"),
    [
        (lambda page: started_token(seconds_ago=1, campaign_key=page.translation_key), "too_fast"),
        (
            lambda page: started_token(seconds_ago=25 * 3600, campaign_key=page.translation_key),
            "expired",
        ),
        (lambda page: tokens.mint(page.translation_key, tokens.PAGE), "shared"),
        (lambda page: started_token(seconds_ago=60, campaign_key=uuid.uuid4()), "other_campaign"),
        (lambda page: "forged-token", "missing"),
        (lambda page: "", "missing"),
    ],
    ids=["too-fast", "expired", "shared", "other-campaign", "forged", "missing"],
)
def test_a_token_that_cannot_vouch_holds_the_signature(
    client, campaign, valid_post, token, reason, deliver
):
    response = sign(client, campaign, {**valid_post, "form_token": token(campaign)})
    deliver()

    submission = CampaignSubmission.objects.get()
    assert submission.quarantine_reasons == [f"token_{reason}"]
    assert submission.confirmed_at is None
    assert mail.outbox == []
    # Nothing on the page says what was wrong.
    assert b"token" not in response.content.split(b"<main", 1)[1].lower().replace(
        b'name="form_token"', b""
    ).replace(b"data-form-token-url", b"")
    assert counted_total(campaign) == 0


def test_a_reader_gets_a_token_of_their_own_never_cached(client, campaign):
    first = client.get(f"{campaign.url}form-token/")
    second = client.get(f"{campaign.url}form-token/")

    assert first.status_code == 200
    assert "no-store" in first["Cache-Control"] and "private" in first["Cache-Control"]
    one, two = first.json()["token"], second.json()["token"]
    assert one != two
    checked = tokens.check(one, campaign.translation_key, now=time.time() + 10)
    assert checked.problems == [] and checked.nonce
    assert client.post(f"{campaign.url}form-token/").status_code == 405


def test_an_uncached_page_carries_a_readers_token(client, campaign):
    soup = BeautifulSoup(client.get(campaign.url).content, "html.parser")

    field = soup.find("input", attrs={"name": "form_token"})
    assert not tokens.is_shared(field["value"])
    assert not field.has_attr("data-form-token-url")


def test_a_cached_page_carries_the_pages_token_and_fetches_the_readers(client, campaign, settings):
    settings.PAGE_CACHE_SECONDS = 60
    first = client.get(campaign.url)
    second = client.get(campaign.url)

    soup = BeautifulSoup(second.content, "html.parser")
    field = soup.find("input", attrs={"name": "form_token"})
    assert tokens.is_shared(field["value"])
    assert field["data-form-token-url"] == f"{campaign.url}form-token/"
    assert soup.find("script", src=lambda src: src and "form-token" in src)
    assert first.content == second.content  # the same copy for everyone


# --- Rates -------------------------------------------------------------------------------


def test_over_the_rate_of_one_connection_signatures_are_held_not_refused(
    client, campaign, valid_post, rates, deliver
):
    for n in range(14):
        sign(client, campaign, {**valid_post, "email": f"p{n}@example.org"})
    deliver()

    assert CampaignSubmission.objects.count() == 14
    assert held().count() == 4
    assert {tuple(s.quarantine_reasons) for s in held()} == {("rate_client",)}
    # Not the team's notifications: the factory's team address may be at example.org too.
    thanked = {m.to[0] for m in mail.outbox if m.to != [campaign.to_address]}
    assert thanked == {f"p{n}@example.org" for n in range(10)}
    assert counted_total(campaign) == 10


def test_a_street_stall_raises_the_rate(client, campaign, valid_post, rates):
    campaign.signatures_per_connection = 30
    campaign.save_revision().publish()

    for n in range(25):
        sign(client, campaign, {**valid_post, "email": f"stall{n}@example.org"})

    assert not held().exists()


def test_a_client_flooding_is_refused_and_nothing_of_it_stored(
    client, campaign, valid_post, rates, settings
):
    settings.SIGNING_REFUSE_FACTOR = 2
    statuses = [
        client.post(campaign.url, {**valid_post, "email": f"f{n}@example.org"}).status_code
        for n in range(25)
    ]

    assert statuses.count(429) == 5
    assert CampaignSubmission.objects.count() == 20


def test_a_burst_from_one_network_is_held(client, campaign, valid_post, rates):
    for n in range(35):
        sign(
            client,
            campaign,
            {**valid_post, "email": f"n{n}@example.org"},
            REMOTE_ADDR=f"198.51.100.{n}",
        )
    # Another network signs as usual meanwhile.
    sign(client, campaign, {**valid_post, "email": "other@example.org"}, REMOTE_ADDR="192.0.2.7")

    assert held().count() == 5
    assert {tuple(s.quarantine_reasons) for s in held()} == {("rate_network",)}
    assert len({s.network for s in held()}) == 1
    assert held().first().network != "198.51.100.0/24"  # a keyed hash, not the network
    assert not held().filter(supporter_key=supporter_key_of("other@example.org")).exists()


def test_a_surge_to_the_campaign_is_held(client, campaign, valid_post, rates, settings):
    settings.SIGNING_HOLD_CAMPAIGN_PER_MINUTE = 5
    for n in range(8):
        sign(
            client,
            campaign,
            {**valid_post, "email": f"s{n}@example.org"},
            REMOTE_ADDR=f"203.0.{n}.1",
        )

    assert held().count() == 3
    assert {tuple(s.quarantine_reasons) for s in held()} == {("rate_campaign",)}


def test_a_flood_of_garbage_does_not_hold_or_refuse_a_real_supporter(
    client, campaign, valid_post, rates, settings
):
    settings.SIGNING_HOLD_CAMPAIGN_PER_MINUTE = 50
    # From one network and from many, more worthless posts than any rate allows.
    for n in range(60):
        client.post(campaign.url, {"x": "1"}, REMOTE_ADDR=f"198.51.100.{n}")
        client.post(campaign.url, {"x": "1"}, REMOTE_ADDR="198.51.100.200")

    sign(client, campaign, valid_post, REMOTE_ADDR="198.51.100.201")

    assert CampaignSubmission.objects.counted().count() == 1
    assert not held().exists()


def test_forwarded_for_is_ignored_unless_proxies_are_trusted(
    client, campaign, valid_post, rates, settings
):
    # A bot cannot dodge the rate by inventing X-Forwarded-For addresses.
    for n in range(12):
        sign(
            client,
            campaign,
            {**valid_post, "email": f"x{n}@example.org"},
            HTTP_X_FORWARDED_FOR=f"203.0.{n}.1",
        )
    assert held().count() == 2

    cache.clear()
    settings.TRUSTED_PROXIES = 1
    for n in range(12):
        sign(
            client,
            campaign,
            {**valid_post, "email": f"y{n}@example.org"},
            HTTP_X_FORWARDED_FOR=f"203.0.{n}.1",
        )
    assert held().count() == 2


# --- Addresses and the honeypot ----------------------------------------------------------


@pytest.mark.parametrize("address", ["someone@mailinator.com", "x@sub.guerrillamail.com"])
def test_a_disposable_address_is_held(client, campaign, valid_post, address, deliver):
    sign(client, campaign, {**valid_post, "email": address})
    deliver()

    submission = CampaignSubmission.objects.get()
    assert submission.quarantine_reasons == ["disposable_domain"]
    assert submission.email_domain == address.rpartition("@")[2]
    assert mail.outbox == []


def test_a_filled_honeypot_is_held_and_the_sender_told_nothing(client, campaign, valid_post):
    sign(client, campaign, {**valid_post, "hp_website": "http://spam.example"})

    submission = CampaignSubmission.objects.get()
    assert submission.quarantine_reasons == ["honeypot"]
    assert "hp_website" not in submission.form_data


def test_held_signatures_are_not_waiting_for_confirmation(client, campaign, valid_post):
    campaign.require_confirmation = True
    campaign.save_revision().publish()
    sign(client, campaign, {**valid_post, "form_token": ""})

    assert held().count() == 1
    assert not CampaignSubmission.objects.unconfirmed().exists()
    assert mail.outbox == []


# --- Hostile tokens ----------------------------------------------------------------------

TOKENS = st.one_of(
    st.text(max_size=300),
    # Well-formed but unsigned, or signed with the parts a forger would change.
    st.builds(
        lambda kind, key, issued, nonce, signature: f"{kind}.{key}.{issued}.{nonce}:{signature}",
        st.sampled_from(["r", "p", "", "x"]),
        st.text(alphabet="0123456789abcdef", max_size=40),
        st.integers(min_value=-(10**12), max_value=10**12),
        st.text(max_size=20),
        st.text(max_size=40),
    ),
)


@hypothesis.settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[hypothesis.HealthCheck.function_scoped_fixture],
)
@hypothesis.given(token=TOKENS)
def test_no_forged_token_signs_or_breaks_the_page(client, campaign, valid_post, token):
    CampaignSubmission.objects.all().delete()
    if "\x00" in token:  # the test client cannot send a NUL; a browser would not either
        token = token.replace("\x00", "")

    response = client.post(campaign.url, {**valid_post, "form_token": token}, follow=True)

    assert response.status_code == 200
    assert THANKS in response.content
    submission = CampaignSubmission.objects.get()
    assert submission.quarantined_at is not None
    assert submission.quarantine_reasons == ["token_missing"]


# --- A campaign that asks for no email ---------------------------------------------------


def test_a_campaign_without_an_email_field_counts_and_relies_on_its_tokens(client, home, deliver):
    from tests.factories import CampaignFormFieldFactory, CampaignPageFactory

    page = CampaignPageFactory(parent=home, slug="names-only", send_thank_you_email=True)
    CampaignFormFieldFactory(page=page, label="Name", field_type="singleline", sort_order=0)
    CampaignFormFieldFactory(page=page, label="Country", field_type="singleline", sort_order=1)
    page.save_revision().publish()

    def post(name, token=None):
        token = token or started_token(seconds_ago=60, campaign_key=page.translation_key)
        return {"name": name, "country": "香港", "form_token": token}

    first = post("陳大文")
    sign(client, page, first)
    sign(client, page, post("陳大文"))  # another person of the same name: no address to compare
    sign(client, page, {**first, "name": "李小明"})  # the first token again: held
    deliver()

    assert CampaignSubmission.objects.filter(supporter_key__isnull=True).count() == 3
    assert counted_total(page) == 2
    assert [s.quarantine_reasons for s in held()] == [["token_reused"]]
    assert [m.to for m in mail.outbox] == [[page.to_address]] * 2  # the team's, nobody else's
