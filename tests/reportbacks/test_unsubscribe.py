"""One-click unsubscribe (RFC 8058) and the preferences page, from the links of an update as the
SMTP server received it."""

import re
from urllib.parse import urlsplit

import pytest
from django.test import Client
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from campaigns.models import OptIn, Scope, Suppression, Withdrawal
from portal.languages import language_tag
from reportbacks import sending
from reportbacks.models import ReportBack
from reportbacks.tokens import token_for
from tests.conftest import supporter_key_of
from tests.peers import text_of

from .conftest import opt_in, sign, updates_in

pytestmark = pytest.mark.django_db


def send(update, deliver):
    sending.schedule(update, timezone.now())
    sending.send_due()
    deliver()


def unsubscribe_path(message):
    url = re.fullmatch(r"<(.+)>", message["List-Unsubscribe"].strip()).group(1)
    return urlsplit(url).path


def second_update(campaign):
    return ReportBack.objects.create(
        campaign=campaign, locale=campaign.locale, subject="Second news", body="More."
    )


def test_one_click_post_withdraws_and_the_next_update_does_not_reach_them(
    campaign, signer, update, smtp, deliver
):
    ada = signer(campaign, "ada@example.org")
    signer(campaign, "kept@example.org")
    send(update, deliver)
    (message,) = [m for m in updates_in(smtp) if m["To"] == "ada@example.org"]

    # As a mail client posts it: no cookie, no CSRF token.
    client = Client(enforce_csrf_checks=True)
    response = client.post(
        unsubscribe_path(message),
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    assert not response.cookies
    ada.refresh_from_db()
    assert ada.withdrawn_how == Withdrawal.UNSUBSCRIBE

    smtp.messages.clear()
    send(second_update(campaign), deliver)
    assert [m["To"] for m in updates_in(smtp)] == ["kept@example.org"]


def test_get_changes_nothing_and_offers_a_button(campaign, signer, update, smtp, deliver):
    ada = signer(campaign, "ada@example.org")
    send(update, deliver)
    (message,) = updates_in(smtp)
    response = Client().get(unsubscribe_path(message))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="List-Unsubscribe" value="One-Click"' in html
    assert "noindex" in response["X-Robots-Tag"]
    assert "no-store" in response["Cache-Control"]
    assert f'lang="{language_tag("en")}"' in html
    ada.refresh_from_db()
    assert ada.withdrawn_at is None
    # The button's post: what the page's form sends.
    assert (
        Client().post(unsubscribe_path(message), {"List-Unsubscribe": "One-Click"}).status_code
        == 200
    )
    ada.refresh_from_db()
    assert ada.withdrawn_at is not None


def test_a_post_without_the_one_click_body_changes_nothing(campaign, signer):
    ada = signer(campaign, "ada@example.org")
    response = Client().post(f"/unsubscribe/{token_for(ada.pk)}/", {"other": "x"})
    assert response.status_code == 400
    ada.refresh_from_db()
    assert ada.withdrawn_at is None


def test_the_pages_are_in_the_supporters_language(client, zh_campaigns, valid_post):
    chinese = opt_in(sign(client, zh_campaigns["zh-hant"], valid_post))
    response = Client().get(f"/unsubscribe/{token_for(chinese.pk)}/")
    assert f'lang="{language_tag("zh-hant")}"' in response.content.decode()
    response = Client().get(f"/zh-hant/preferences/{token_for(chinese.pk)}/")
    assert response.status_code == 200
    assert f'lang="{language_tag("zh-hant")}"' in response.content.decode()
    # The campaign's title in the supporter's language (the translation's).
    assert zh_campaigns["zh-hant"].title in response.content.decode()


def test_preferences_list_every_opt_in_of_the_address_and_withdraw_the_unticked(
    client, campaign, home, valid_post, signer, update, smtp, deliver
):
    from tests.factories import CampaignPageFactory, add_petition_fields

    other = CampaignPageFactory(parent=home, slug="other", title="Another campaign")
    add_petition_fields(other)
    other.save_revision().publish()
    here = signer(campaign, "ada@example.org")
    news = opt_in(here.signature, scope=Scope.ORGANISATION, text="Tell me of other campaigns.")
    valid_post.campaign_key = lambda: other.translation_key
    there = opt_in(sign(client, other, valid_post, email="ada@example.org"))
    stranger = opt_in(sign(client, other, valid_post, email="someone@example.org"))
    send(update, deliver)
    (message,) = updates_in(smtp)
    path = urlsplit(
        re.search(r"http://testserver(/en/preferences/\S+/)", text_of(message)).group(0)
    ).path

    page = Client().get(path)
    html = page.content.decode()
    assert page.status_code == 200
    assert "Protect rights in Hong Kong" in html and "Another campaign" in html
    assert "Tell me of other campaigns." in html and "Email me updates about this." in html
    assert f'value="{stranger.pk}"' not in html
    assert "noindex" in page["X-Robots-Tag"]

    # Keep the other campaign's; withdraw this one's and the organisation's. A stranger's id
    # slipped in is not theirs to keep or withdraw.
    response = Client(enforce_csrf_checks=True).post(
        path, {"keep": [str(there.pk), str(stranger.pk)], "save": ""}
    )
    assert response.status_code == 200
    for row in (here, news, there, stranger):
        row.refresh_from_db()
    assert (here.withdrawn_how, news.withdrawn_how) == (Withdrawal.PREFERENCES,) * 2
    assert there.withdrawn_at is None and stranger.withdrawn_at is None


def test_stop_all_suppresses_the_address(campaign, signer):
    ada = signer(campaign, "ada@example.org")
    response = Client(enforce_csrf_checks=True).post(
        f"/en/preferences/{token_for(ada.pk)}/", {"stop_all": ""}
    )
    assert response.status_code == 200
    assert Suppression.objects.get(supporter_key=supporter_key_of("ada@example.org")).reason == (
        Suppression.Reason.UNSUBSCRIBE
    )
    ada.refresh_from_db()
    assert ada.withdrawn_at is not None
    assert not OptIn.objects.reachable().exists()


def test_an_unknown_token_looks_like_a_tampered_one(campaign, signer):
    ada = signer(campaign, "ada@example.org")
    unknown = Client().get(f"/unsubscribe/{token_for(ada.pk + 1000)}/")
    tampered = Client().get(f"/unsubscribe/{token_for(ada.pk)}x/")
    assert unknown.status_code == tampered.status_code == 404
    assert unknown.content == tampered.content
    assert "ada@example.org" not in unknown.content.decode()


def test_an_erased_supporters_link_opens_nothing(campaign, signer):
    ada = signer(campaign, "ada@example.org")
    ada.signature.anonymise(timezone.now())
    assert Client().get(f"/en/preferences/{token_for(ada.pk)}/").status_code == 404


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(token=st.text(min_size=1, max_size=200))
def test_hostile_tokens_never_give_a_500(wagtail_rows, token):
    from django.urls import NoReverseMatch, reverse

    client = Client(raise_request_exception=False)
    try:
        paths = [
            reverse("reportbacks_unsubscribe", args=[token]),
            "/en" + reverse("reportbacks_unsubscribe", args=[token]),
        ]
    except NoReverseMatch:
        return  # a "/" or nothing: no such URL
    paths.append(f"/zh-hant/preferences/{token_for(1)}{token[:20]}/".replace("//", "/x/"))
    for path in paths:
        for response in (
            client.get(path),
            client.post(path, {"List-Unsubscribe": "One-Click", "keep": [token], "stop_all": ""}),
        ):
            assert response.status_code < 500, (path, response.status_code)
    assert not Suppression.objects.exists()
