"""The review of held signatures: approving counts, emails and delivers each once; rejecting
deletes; bulk decisions by network, domain, time window and campaign; the audit log; the team's
alert when a campaign's held signatures jump."""

import datetime

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group
from django.core import mail
from django.core.cache import cache
from django.utils import timezone
from wagtail.models import PageLogEntry

from campaigns.models import CampaignSubmission
from campaigns.signing import quarantine
from campaigns.team.alerts import alert_held_signatures
from campaigns.team.delivery import deliver_letters
from campaigns.team.tally import tally_signatures
from tests.conftest import supporter_key_of
from tests.factories import CampaignPageFactory, add_petition_fields

REVIEW = "/admin/campaigns/held/"
TARGET = "chief.executive@gov.example"


@pytest.fixture
def editor(client, django_user_model):
    user = django_user_model.objects.create_user("editor", password="x")
    user.groups.add(Group.objects.get(name="Editors"))
    client.force_login(user)
    return user


def hold(client, page, post, n, **extra):
    """n signatures held for a missing form token, each from its own address."""
    for i in range(n):
        response = client.post(
            page.url,
            {**post, "email": f"held{i}@example.org", "form_token": ""},
            follow=True,
            **extra,
        )
        assert b'id="thank-you-heading"' in response.content
    return CampaignSubmission.objects.quarantined()


def count(page):
    tally_signatures()
    cache.clear()
    page.__dict__.pop("signature_count", None)
    return page.signature_count


def listed(response):
    soup = BeautifulSoup(response.content, "html.parser")
    return {int(row["data-held"]) for row in soup.select("tr[data-held]")}


def test_approving_counts_emails_and_delivers_each_once(campaign, client, valid_post, deliver):
    campaign.target_address = TARGET
    campaign.delivery_mode = "each"
    campaign.save_revision().publish()
    held = hold(client, campaign, valid_post, 3)
    deliver()
    deliver_letters()
    deliver()
    assert mail.outbox == [] and count(campaign) == 0

    assert quarantine.release(held.all()) == 3
    assert quarantine.release(CampaignSubmission.objects.all()) == 0  # approved once only
    deliver()
    deliver_letters()
    deliver_letters()
    deliver()

    assert count(campaign) == 3
    for i in range(3):
        assert len([m for m in mail.outbox if m.to == [f"held{i}@example.org"]]) == 1
    assert len([m for m in mail.outbox if m.to == [campaign.to_address]]) == 3
    letters = [m for m in mail.outbox if m.to == [TARGET]]
    assert len(letters) == 3
    released = CampaignSubmission.objects.get(supporter_key=supporter_key_of("held0@example.org"))
    assert released.network is None and released.email_domain is None  # kept only while held


def test_an_approved_signature_asks_its_supporter_to_confirm(
    campaign, client, valid_post, deliver
):
    campaign.require_confirmation = True
    campaign.save_revision().publish()
    held = hold(client, campaign, valid_post, 1)

    quarantine.release(held.all())
    deliver()

    submission = CampaignSubmission.objects.get()
    assert submission.confirmed_at is None and submission.quarantined_at is None
    assert [m.to for m in mail.outbox] == [["held0@example.org"]]
    assert "?confirm=" in mail.outbox[0].body
    assert count(campaign) == 0


def test_rejecting_deletes_only_held_ones(campaign, client, valid_post):
    client.post(campaign.url, valid_post)
    hold(client, campaign, valid_post, 2)

    assert quarantine.reject(CampaignSubmission.objects.all()) == 2
    assert list(CampaignSubmission.objects.values_list("supporter_key", flat=True)) == [
        supporter_key_of("ada@example.org")
    ]


def test_the_review_screen_lists_and_approves_by_network(
    campaign, client, valid_post, editor, deliver
):
    hold(client, campaign, valid_post, 3, REMOTE_ADDR="198.51.100.7")
    other = CampaignSubmission.objects.create(
        page=campaign,
        form_data={"first_name": "Zed", "email": "zed@example.net"},
        supporter_key=supporter_key_of("zed@example.net"),
        confirmed_at=None,
        quarantined_at=timezone.now(),
        quarantine_reasons=["rate_network"],
        network="0123456789abcdef",
        email_domain="example.net",
    )
    network = CampaignSubmission.objects.quarantined().exclude(pk=other.pk).first().network

    page = client.get(REVIEW)
    assert page.status_code == 200
    assert len(listed(page)) == 4
    assert "No valid form token" in page.content.decode()
    narrowed = client.get(REVIEW, {"network": network})
    assert other.pk not in listed(narrowed) and len(listed(narrowed)) == 3

    response = client.post(
        REVIEW, {"network": network, "scope": "matching", "action": "approve"}, follow=True
    )
    deliver()

    assert "3 signatures approved" in response.content.decode()
    assert list(CampaignSubmission.objects.quarantined()) == [other]
    assert count(campaign) == 3
    entry = PageLogEntry.objects.get(action="campaigns.held_approved")
    assert entry.user == editor and entry.data == {"count": 3}
    assert entry.page_id == campaign.pk
    history = client.get(f"/admin/pages/{campaign.pk}/history/")
    assert "Approved 3 held signatures" in history.content.decode()


def test_the_review_screen_rejects_selected_ones_and_by_domain(
    campaign, client, valid_post, editor
):
    held = list(hold(client, campaign, valid_post, 3))
    CampaignSubmission.objects.filter(pk=held[0].pk).update(email_domain="spam.example")

    client.post(REVIEW, {"selected": [held[1].pk], "action": "reject"})
    assert set(CampaignSubmission.objects.values_list("pk", flat=True)) == {
        held[0].pk,
        held[2].pk,
    }
    client.post(REVIEW, {"domain": "spam.example", "scope": "matching", "action": "reject"})
    assert list(CampaignSubmission.objects.values_list("pk", flat=True)) == [held[2].pk]
    assert PageLogEntry.objects.filter(action="campaigns.held_rejected").count() == 2


def test_the_review_screen_narrows_to_a_time_window_and_a_campaign(
    campaign, home, client, valid_post, editor
):
    second = CampaignPageFactory(parent=home, slug="second", title="Second campaign")
    add_petition_fields(second)
    second.save_revision().publish()
    early = timezone.now() - datetime.timedelta(hours=3)
    with time_machine.travel(early):
        first_ones = {s.pk for s in hold(client, campaign, valid_post, 2)}
    later_one = CampaignSubmission.objects.create(
        page=second,
        form_data={},
        confirmed_at=None,
        quarantined_at=timezone.now(),
        quarantine_reasons=["token_missing"],
    )

    window = client.get(
        REVIEW,
        {
            "held_until": timezone.localtime(early + datetime.timedelta(minutes=30)).strftime(
                "%Y-%m-%dT%H:%M"
            )
        },
    )
    assert listed(window) == first_ones
    by_campaign = client.get(REVIEW, {"campaign": str(second.translation_key)})
    assert listed(by_campaign) == {later_one.pk}


def test_people_who_may_not_see_signatures_cannot_review(
    campaign, client, valid_post, django_user_model
):
    hold(client, campaign, valid_post, 1)
    translator = django_user_model.objects.create_user("translator", password="x")
    translator.groups.add(Group.objects.get(name="Translators"))
    client.force_login(translator)

    assert client.get(REVIEW).status_code in (302, 403)
    client.post(REVIEW, {"scope": "matching", "action": "approve"})
    assert CampaignSubmission.objects.quarantined().count() == 1


def test_the_team_is_told_once_when_held_signatures_jump(
    campaign, client, valid_post, settings, deliver
):
    settings.QUARANTINE_ALERT_MINIMUM = 4
    client.post(campaign.url, valid_post)  # one counted
    hold(client, campaign, valid_post, 3)
    assert alert_held_signatures() == 0  # below the minimum

    CampaignSubmission.objects.create(
        page=campaign,
        form_data={},
        confirmed_at=None,
        quarantined_at=timezone.now(),
        quarantine_reasons=["rate_client"],
    )
    assert alert_held_signatures() == 1
    assert alert_held_signatures() == 0  # not again within QUARANTINE_ALERT_HOURS

    mail.outbox.clear()
    deliver()
    alert = [m for m in mail.outbox if "held for review" in m.subject]
    assert len(alert) == 1
    assert alert[0].to == [campaign.to_address]
    assert "4 signatures" in alert[0].body and "1 counted" in alert[0].body
    assert f"/admin/campaigns/held/?campaign={campaign.translation_key}" in alert[0].body
    assert "held0@example.org" not in alert[0].body  # nobody's details in it
