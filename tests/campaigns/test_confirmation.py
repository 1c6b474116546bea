"""Double opt-in: a signature counts once its supporter confirms their address by a signed,
expiring link, in their language."""

import datetime
import re
from urllib.parse import unquote

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.core import mail
from django.test import Client
from django.utils import timezone

from campaigns.models import CampaignSubmission, SignatureTally
from campaigns.team.data_protection import delete_unconfirmed
from campaigns.team.tally import tally_signatures
from tests.conftest import supporter_key_of


@pytest.fixture
def confirming(campaign, zh_campaigns):
    campaign.require_confirmation = True
    campaign.save_revision().publish()  # reaches every translation at once
    return campaign


def count(campaign):
    tally_signatures()
    tally = SignatureTally.objects.filter(pk=campaign.translation_key).first()
    return tally.total if tally else 0


def link_in(message):
    return re.search(r"http://testserver\S+\?confirm=\S+", message.body).group(0)


def confirm_page(client, link, method="get"):
    path = link.removeprefix("http://testserver")
    if method == "get":
        return client.get(path)
    # As the button posts: the token in the form's address, nothing in the body.
    return client.post(path, follow=True)


def token_in(link):
    return unquote(link.split("confirm=", 1)[1])


def sign_in_chinese(client, zh_campaigns, valid_post, deliver):
    page = zh_campaigns["zh-hant"]
    response = client.post(page.url, valid_post, follow=True)
    deliver()
    return page, response


def test_an_unconfirmed_signature_is_stored_but_not_counted_and_the_team_waits(
    client, confirming, zh_campaigns, valid_post, deliver
):
    page, response = sign_in_chinese(client, zh_campaigns, valid_post, deliver)

    assert "請查看你的電郵" in response.content.decode()
    submission = CampaignSubmission.objects.get()
    assert submission.confirmed_at is None and submission.language == "zh-hant"
    assert count(confirming) == 0
    assert [message.to for message in mail.outbox] == [["ada@example.org"]]
    email = mail.outbox[0]
    assert email.subject == f"請確認你的聯署：{page.title}"
    assert link_in(email).startswith(f"http://testserver{page.url}?confirm=")
    # Listed apart from the signatures that count.
    assert not confirming.get_submissions().exists()


def test_the_link_shows_a_button_and_the_button_confirms_once(
    client, confirming, zh_campaigns, valid_post, deliver
):
    sign_in_chinese(client, zh_campaigns, valid_post, deliver)
    link = link_in(mail.outbox[0])
    mail.outbox.clear()

    opened = confirm_page(client, link)  # a mail scanner opening the link confirms nothing
    assert opened.status_code == 200
    assert "確認我的聯署" in opened.content.decode()
    assert CampaignSubmission.objects.get().confirmed_at is None

    confirmed = confirm_page(client, link, "post")
    deliver()
    assert "你的聯署已確認" in confirmed.content.decode()
    first = CampaignSubmission.objects.get().confirmed_at
    assert first is not None
    assert count(confirming) == 1
    # The team's notification and, now that it counts, the supporter's thank-you.
    assert [message.to for message in mail.outbox] == [
        [confirming.to_address],
        [valid_post["email"]],
    ]
    assert "Ada" in mail.outbox[0].body

    again = confirm_page(client, link, "post")
    deliver()
    assert "你的聯署已確認" in again.content.decode()
    assert CampaignSubmission.objects.get().confirmed_at == first
    assert len(mail.outbox) == 2
    assert count(confirming) == 1


def test_an_expired_link_is_refused_and_says_to_sign_again(
    client, confirming, zh_campaigns, valid_post, deliver
):
    sign_in_chinese(client, zh_campaigns, valid_post, deliver)
    link = link_in(mail.outbox[0])

    with time_machine.travel(timezone.now() + datetime.timedelta(days=8)):
        response = confirm_page(client, link, "post")

    assert response.status_code == 410
    assert "這個連結已經過期" in response.content.decode()
    assert CampaignSubmission.objects.get().confirmed_at is None


@pytest.mark.parametrize(
    "tamper",
    [
        lambda token: token[:-2] + ("AA" if not token.endswith("AA") else "BB"),
        lambda token: "",
        lambda token: "not-a-token",
    ],
)
def test_a_tampered_link_is_refused_with_a_clear_message(
    client, confirming, zh_campaigns, valid_post, deliver, tamper
):
    page, _response = sign_in_chinese(client, zh_campaigns, valid_post, deliver)
    token = token_in(link_in(mail.outbox[0]))

    response = client.post(page.url, {"confirm": tamper(token)}, follow=True)

    assert response.status_code == 400
    assert "這個連結無法使用" in response.content.decode()
    assert CampaignSubmission.objects.get().confirmed_at is None


def test_a_link_for_one_campaign_confirms_nothing_on_another(
    client, confirming, home, zh_campaigns, valid_post, deliver
):
    from tests.factories import CampaignPageFactory

    other = CampaignPageFactory(parent=home, slug="other")
    sign_in_chinese(client, zh_campaigns, valid_post, deliver)
    token = token_in(link_in(mail.outbox[0]))

    response = client.post(other.url, {"confirm": token}, follow=True)

    assert response.status_code == 400
    assert CampaignSubmission.objects.get().confirmed_at is None


def test_a_confirmation_from_another_site_is_refused(
    client, confirming, zh_campaigns, valid_post, deliver
):
    page, _response = sign_in_chinese(client, zh_campaigns, valid_post, deliver)
    token = token_in(link_in(mail.outbox[0]))

    response = client.post(
        page.url, {"confirm": token}, headers={"Origin": "https://x.test"}, follow=True
    )

    assert response.status_code == 403
    assert CampaignSubmission.objects.get().confirmed_at is None


def test_signing_again_unconfirmed_sends_the_link_again_and_stores_nothing_new(
    client, confirming, zh_campaigns, valid_post, deliver
):
    sign_in_chinese(client, zh_campaigns, valid_post, deliver)
    response = client.post(confirming.url, {**valid_post, "email": "ADA@example.org"}, follow=True)
    deliver()

    assert "Please check your email." in response.content.decode()
    assert CampaignSubmission.objects.count() == 1
    assert len(mail.outbox) == 2
    # In the language of the page they signed again on.
    assert mail.outbox[1].subject.startswith("Please confirm your signature")
    assert link_in(mail.outbox[1]).startswith(f"http://testserver{confirming.url}?confirm=")


def test_unconfirmed_signatures_are_deleted_after_a_week_and_confirmed_ones_stay(
    client, confirming, zh_campaigns, valid_post, deliver
):
    sign_in_chinese(client, zh_campaigns, valid_post, deliver)
    client.post(confirming.url, {**valid_post, "email": "bo@example.org"}, follow=True)
    deliver()
    confirm_page(client, link_in(mail.outbox[-1]), "post")

    assert delete_unconfirmed(timezone.now() + datetime.timedelta(days=6)) == 0
    assert delete_unconfirmed(timezone.now() + datetime.timedelta(days=8)) == 1
    assert list(CampaignSubmission.objects.values_list("supporter_key", flat=True)) == [
        supporter_key_of("bo@example.org")
    ]
    assert count(confirming) == 1


def test_without_the_switch_signatures_count_at_once(client, campaign, valid_post, deliver):
    response = client.post(campaign.url, valid_post, follow=True)
    deliver()

    assert "Please check your email." not in response.content.decode()
    assert CampaignSubmission.objects.get().confirmed_at is not None
    assert count(campaign) == 1
    assert BeautifulSoup(response.content, "html.parser").select_one("#thank-you-heading")


def test_the_team_sees_unconfirmed_signatures_apart(
    client, admin_client, confirming, zh_campaigns, valid_post, deliver
):
    sign_in_chinese(client, zh_campaigns, valid_post, deliver)
    url = f"/admin/forms/submissions/{confirming.pk}/"

    counted = admin_client.get(url)
    waiting = admin_client.get(url, {"status": "unconfirmed"})
    exported = admin_client.get(url, {"status": "unconfirmed", "export": "csv"})

    assert b"ada@example.org" not in counted.content
    assert b"Waiting for confirmation (1)" in counted.content
    assert b"ada@example.org" in waiting.content
    assert b"waiting for confirmation" in waiting.content
    assert b"ada@example.org" in b"".join(exported.streaming_content)


def test_the_link_points_at_the_address_the_supporter_used(confirming, valid_post, deliver):
    client = Client(HTTP_HOST="127.0.0.1:8000")
    client.post(confirming.url, valid_post, follow=True)
    deliver()

    assert link_in_any_host(mail.outbox[0]).startswith(f"http://127.0.0.1:8000{confirming.url}?")


def link_in_any_host(message):
    return re.search(r"http://\S+\?confirm=\S+", message.body).group(0)


def test_two_confirmations_at_once_count_and_notify_once(confirming, client, valid_post, deliver):
    # Two requests that both read the signature unconfirmed: only one confirms it.
    from campaigns.signing.confirmation import confirm

    client.post(confirming.url, valid_post)
    first, second = CampaignSubmission.objects.get(), CampaignSubmission.objects.get()

    assert confirm(first) is True
    assert confirm(second) is False


def test_a_button_shown_before_the_token_moved_to_the_address_still_confirms(
    confirming, client, valid_post, deliver, mailoutbox
):
    client.post(confirming.url, valid_post)
    deliver()
    link = link_in(mailoutbox[-1])

    response = client.post(
        link.removeprefix("http://testserver").split("?")[0], {"confirm": token_in(link)}
    )

    assert response.status_code == 200
    assert CampaignSubmission.objects.get().confirmed_at is not None


def test_an_erased_signature_can_never_be_confirmed(
    client, confirming, zh_campaigns, valid_post, deliver
):
    from campaigns.team.data_protection import erase_supporter

    sign_in_chinese(client, zh_campaigns, valid_post, deliver)
    link = link_in(mail.outbox[0])
    mail.outbox.clear()
    assert erase_supporter(valid_post["email"]) == 1

    refused = confirm_page(client, link, "post")
    deliver()

    assert refused.status_code == 410
    assert CampaignSubmission.objects.get().confirmed_at is None
    assert count(confirming) == 0
    assert mail.outbox == []  # no "new signature" with every field empty
