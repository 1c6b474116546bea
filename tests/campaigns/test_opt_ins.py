"""The optional opt-ins under the consent box (campaigns.signing.opt_ins): shown unticked in the
supporter's language, stored with the words as shown, consent only once the signature counts,
and chosen on the confirmation page when the address must be confirmed."""

import re
import time

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.core.cache import cache
from django.test import Client

from campaigns.models import ConsentWording, OptIn, Scope, Withdrawal
from campaigns.models.signatures import CampaignSubmission
from campaigns.signing import opt_ins, partners
from organisation.models import OrganisationSettings
from tests.peers import smtp, text_of  # noqa: F401 (a fixture)

pytestmark = pytest.mark.django_db

CAMPAIGN_WORDS = "Email me updates about this campaign."
OTHER_WORDS = "Email me about other campaigns of Rights Watch."
BOTH = {opt_ins.CAMPAIGN_FIELD: "on", opt_ins.ORGANISATION_FIELD: "on"}


def soup_of(response):
    return BeautifulSoup(response.content, "html.parser")


def sign(client, page, post, **extra):
    response = client.post(page.url, {**post, **extra})
    assert response.status_code == 303
    return response


def opt_ins_of(submission):
    return {row.scope: row for row in OptIn.objects.filter(signature=submission)}


@pytest.fixture
def confirming(campaign):
    campaign.require_confirmation = True
    campaign.save_revision().publish()
    return campaign


# --- The form ---------------------------------------------------------------------------------


def test_the_boxes_follow_the_consent_box_in_a_group_never_ticked(client, campaign, organisation):
    html = soup_of(client.get(campaign.url))

    form = html.select_one("form.action-form")
    group = form.select_one("fieldset.field--opt-ins")
    assert group.legend.get_text(strip=True) == "Stay in touch (optional)"
    boxes = group.select("input")
    assert [box["name"] for box in boxes] == [opt_ins.CAMPAIGN_FIELD, opt_ins.ORGANISATION_FIELD]
    for box in boxes:
        assert box["type"] == "checkbox"
        assert not box.has_attr("checked") and not box.has_attr("required")
        label = group.find("label", attrs={"for": box["id"]})
        assert label is not None
    labels = [group.find("label", attrs={"for": box["id"]}).get_text(strip=True) for box in boxes]
    assert labels == [CAMPAIGN_WORDS, OTHER_WORDS]
    # After the consent box, before the button.
    names = [field["name"] for field in form.select("input, textarea, select, button[name]")]
    consent = names.index("i_agree_to_be_contacted")
    assert names.index(opt_ins.CAMPAIGN_FIELD) > consent
    assert form.select("fieldset.field--opt-ins ~ button[type=submit]")


def test_no_editor_field_can_take_an_opt_ins_name(campaign):
    from wagtail.contrib.forms.utils import get_field_clean_name

    for name in opt_ins.FIELDS[:2]:
        assert get_field_clean_name(name) != name
        assert get_field_clean_name(name.replace("-", " ")) != name


def test_a_campaign_can_ask_for_neither(client, campaign):
    campaign.ask_campaign_updates = campaign.ask_other_campaigns = False
    campaign.save_revision().publish()

    html = client.get(campaign.url).content

    assert b"field--opt-ins" not in html and b"opt-in-" not in html


def test_unticked_boxes_store_nothing(client, campaign, valid_post):
    sign(client, campaign, valid_post)

    submission = CampaignSubmission.objects.get()
    assert not OptIn.objects.exists() and not ConsentWording.objects.exists()
    assert not any(key.startswith("opt-in") for key in submission.form_data)


def test_ticked_boxes_are_consent_at_once_where_nothing_is_confirmed(
    client, campaign, organisation, valid_post
):
    sign(client, campaign, valid_post, **BOTH)

    submission = CampaignSubmission.objects.get()
    rows = opt_ins_of(submission)
    assert set(rows) == {Scope.CAMPAIGN, Scope.ORGANISATION}
    assert rows[Scope.CAMPAIGN].wording.text == CAMPAIGN_WORDS
    assert rows[Scope.ORGANISATION].wording.text == OTHER_WORDS
    for row in rows.values():
        assert row.given_at is not None and row.withdrawn_at is None
        assert row.wording.language == "en" and row.wording.version == 1
        assert row.campaign_key == campaign.translation_key
    assert rows[Scope.CAMPAIGN].wording.campaign_key == campaign.translation_key
    assert rows[Scope.ORGANISATION].wording.campaign_key is None
    # Kept apart from the answers and the letter's consent.
    assert not any(key.startswith("opt-in") for key in submission.form_data)
    assert "Email me" not in submission.consent
    assert OptIn.objects.reachable().count() == 2


def test_the_campaigns_own_words_and_the_organisations(client, campaign, organisation, valid_post):
    organisation.campaign_updates_opt_in = "Tell me how it goes."
    organisation.other_campaigns_opt_in = "Write to me about {organisation}'s next actions."
    organisation.save()
    html = soup_of(client.get(campaign.url))
    labels = [label.get_text(strip=True) for label in html.select(".field--opt-ins label")]
    assert labels == ["Tell me how it goes.", "Write to me about Rights Watch's next actions."]

    campaign.campaign_updates_words = "Send me news of the Hong Kong letter."
    campaign.save_revision().publish()
    sign(client, campaign, valid_post, **{opt_ins.CAMPAIGN_FIELD: "on"})

    (row,) = OptIn.objects.all()
    assert row.wording.text == "Send me news of the Hong Kong letter."


def test_new_words_are_the_next_version_and_old_signatures_keep_theirs(
    client, campaign, organisation, valid_post
):
    sign(client, campaign, valid_post, **BOTH)
    campaign.campaign_updates_words = "Keep me posted on this campaign."
    campaign.save_revision().publish()
    sign(client, campaign, {**valid_post, "email": "eve@example.org"}, **BOTH)

    first, second = CampaignSubmission.objects.order_by("pk")
    assert opt_ins_of(first)[Scope.CAMPAIGN].wording.version == 1
    assert opt_ins_of(first)[Scope.CAMPAIGN].wording.text == CAMPAIGN_WORDS
    assert opt_ins_of(second)[Scope.CAMPAIGN].wording.version == 2
    assert opt_ins_of(second)[Scope.CAMPAIGN].wording.text == "Keep me posted on this campaign."
    # The organisation's words did not change: the same version for both.
    assert (
        opt_ins_of(first)[Scope.ORGANISATION].wording
        == opt_ins_of(second)[Scope.ORGANISATION].wording
    )


def test_a_chinese_signature_records_the_chinese_words(
    client, campaign, zh_campaigns, organisation, locales, valid_post
):
    OrganisationSettings.objects.create(
        locale=locales["zh-hant"],
        name="人權觀察",
        campaign_updates_opt_in="請以電郵告訴我這個倡議的最新消息。",
        other_campaigns_opt_in="請以電郵告訴我{organisation}的其他倡議。",
    )
    page = zh_campaigns["zh-hant"]
    html = soup_of(client.get(page.url))
    labels = [label.get_text(strip=True) for label in html.select(".field--opt-ins label")]
    assert labels == ["請以電郵告訴我這個倡議的最新消息。", "請以電郵告訴我人權觀察的其他倡議。"]

    sign(client, page, valid_post, **BOTH)

    rows = opt_ins_of(CampaignSubmission.objects.get())
    assert rows[Scope.CAMPAIGN].wording.text == "請以電郵告訴我這個倡議的最新消息。"
    assert rows[Scope.ORGANISATION].wording.text == "請以電郵告訴我人權觀察的其他倡議。"
    assert {row.wording.language for row in rows.values()} == {"zh-hant"}
    # The campaign's words are the campaign's in every language: one key, versioned by language.
    assert rows[Scope.CAMPAIGN].wording.campaign_key == campaign.translation_key
    assert rows[Scope.CAMPAIGN].wording.version == 1


def test_a_repeat_signature_changes_nothing(client, campaign, valid_post):
    sign(client, campaign, valid_post)
    sign(client, campaign, {**valid_post, "first_name": "Again"}, **BOTH)

    assert CampaignSubmission.objects.count() == 1
    assert not OptIn.objects.exists()


def test_a_cross_site_post_shown_again_ticks_no_opt_in(client, campaign, valid_post):
    from tests.campaigns.test_refusals import browser_post

    response = browser_post(
        client, campaign.url, {**valid_post, **BOTH}, HTTP_ORIGIN="https://forger.example"
    )

    assert response.status_code == 403
    boxes = soup_of(response).select(".field--opt-ins input")
    assert len(boxes) == 2 and not any(box.has_attr("checked") for box in boxes)
    assert not OptIn.objects.exists()


def test_a_refused_post_from_our_page_keeps_the_ticks(client, campaign, valid_post, settings):
    from tests.campaigns.test_refusals import browser_post

    cache.clear()
    settings.SIGNING_COUNT_RATES = True
    settings.SIGNING_REFUSE_FACTOR = 1
    campaign.signatures_per_connection = 1
    campaign.save_revision().publish()
    with time_machine.travel(time.time(), tick=False):
        browser_post(client, campaign.url, valid_post)
        response = browser_post(
            client, campaign.url, {**valid_post, "email": "b@example.org", **BOTH}
        )
    cache.clear()

    assert response.status_code == 429
    boxes = soup_of(response).select(".field--opt-ins input")
    assert len(boxes) == 2 and all(box.has_attr("checked") for box in boxes)
    assert not OptIn.objects.exists()


# --- Held for review --------------------------------------------------------------------------


def test_a_held_signatures_opt_ins_wait_and_are_given_when_released(client, campaign, valid_post):
    from campaigns.signing import quarantine

    sign(client, campaign, valid_post, hp_website="https://bot.example", **BOTH)

    submission = CampaignSubmission.objects.get()
    assert submission.quarantined_at is not None
    assert all(row.given_at is None for row in OptIn.objects.all())
    assert not OptIn.objects.reachable().exists()

    assert quarantine.release(CampaignSubmission.objects.all()) == 1
    assert OptIn.objects.filter(given_at__isnull=False).count() == 2
    assert OptIn.objects.reachable().count() == 2


def test_a_held_signature_released_under_confirmation_still_waits(client, confirming, valid_post):
    from campaigns.signing import quarantine

    sign(client, confirming, valid_post, hp_website="https://bot.example", **BOTH)
    quarantine.release(CampaignSubmission.objects.all())

    assert OptIn.objects.count() == 2
    assert not OptIn.objects.filter(given_at__isnull=False).exists()


# --- The partner's line on the embedded form ---------------------------------------------------


def test_the_partners_line_is_an_opt_in_of_the_partner(client, campaign, valid_post, locales):
    from organisation.partners import Partner

    partner = Partner.objects.create(
        locale=locales["en"],
        name="Harbour Rights Network",
        slug="harbour",
        origins="https://harbour.example",
    )
    page = soup_of(client.get(f"{campaign.url}embed/?partner=harbour"))
    names = [box["name"] for box in page.select(".field--opt-ins input")]
    assert names == [opt_ins.CAMPAIGN_FIELD, opt_ins.ORGANISATION_FIELD, partners.CONSENT_FIELD]

    client.post(
        f"{campaign.url}embed/?partner=harbour",
        {**valid_post, partners.CONSENT_FIELD: "on"},
        HTTP_ORIGIN="http://testserver",
    )

    submission = CampaignSubmission.objects.get()
    (row,) = OptIn.objects.all()
    assert row.scope == Scope.PARTNER and row.partner_key == partner.translation_key
    assert row.wording.text == submission.partner_consent == partner.consent_label
    assert row.wording.partner_key == partner.translation_key
    assert row.given_at is not None


# --- Confirmation by email, through a real SMTP server and the mail worker ---------------------


def link_in(message):
    return re.search(r"http://testserver\S+\?confirm=\S+", text_of(message)).group(0)


def signed_and_emailed(smtp, deliver, page, valid_post, **extra):  # noqa: F811
    client = Client()
    sign(client, page, valid_post, **extra)
    deliver()
    (message,) = smtp.to(valid_post["email"])
    return client, link_in(message).removeprefix("http://testserver")


def test_confirm_and_keep_me_updated_gives_the_opt_ins(
    smtp,  # noqa: F811
    deliver,
    confirming,
    organisation,
    valid_post,
):
    client, path = signed_and_emailed(smtp, deliver, confirming, valid_post, **BOTH)
    assert all(row.given_at is None for row in OptIn.objects.all())
    assert not OptIn.objects.reachable().exists()

    page = soup_of(client.get(path))
    form = page.select_one("section.thank-you form")
    assert [item.get_text(strip=True) for item in form.select("li")] == [
        CAMPAIGN_WORDS,
        OTHER_WORDS,
    ]
    buttons = {button.get_text(strip=True): button for button in form.select("button")}
    keep = buttons["Confirm and keep me updated"]
    assert "Confirm only" in buttons
    assert form["method"] == "post"

    response = client.post(form["action"], {keep["name"]: keep["value"]})

    assert response.status_code == 200
    assert "Your signature is confirmed" in response.content.decode()
    submission = CampaignSubmission.objects.get()
    assert submission.confirmed_at is not None
    rows = opt_ins_of(submission)
    assert {row.wording.text for row in rows.values()} == {CAMPAIGN_WORDS, OTHER_WORDS}
    assert {(row.wording.version, row.wording.language) for row in rows.values()} == {(1, "en")}
    assert all(row.given_at == submission.confirmed_at for row in rows.values())
    assert OptIn.objects.reachable().count() == 2


def test_confirm_only_withdraws_them(smtp, deliver, confirming, valid_post):  # noqa: F811
    client, path = signed_and_emailed(smtp, deliver, confirming, valid_post, **BOTH)
    form = soup_of(client.get(path)).select_one("section.thank-you form")
    only = next(b for b in form.select("button") if b.get_text(strip=True) == "Confirm only")

    client.post(form["action"], {only["name"]: only["value"]})

    submission = CampaignSubmission.objects.get()
    assert submission.confirmed_at is not None
    rows = OptIn.objects.all()
    assert rows.count() == 2
    assert all(row.withdrawn_how == Withdrawal.CONFIRM_ONLY for row in rows)
    assert all(row.given_at is None for row in rows)
    assert not OptIn.objects.reachable().exists()
    # Posting the other button afterwards changes nothing: it is confirmed.
    client.post(form["action"], {only["name"]: "keep"})
    assert not OptIn.objects.reachable().exists()


@pytest.mark.parametrize("value", ["", "KEEP", "keep ", "<script>", "0" * 5000, None])
def test_a_tampered_choice_confirms_only_and_never_fails(
    client, confirming, valid_post, mailoutbox, value
):
    from campaigns.signing import confirmation

    sign(client, confirming, valid_post, **BOTH)
    link = confirmation.link_for(confirming, CampaignSubmission.objects.get())
    path = link.removeprefix("http://testserver")

    data = {} if value is None else {confirmation.CHOICE: value}
    response = client.post(path, data)

    assert response.status_code == 200
    assert CampaignSubmission.objects.get().confirmed_at is not None
    assert not OptIn.objects.reachable().exists()
    assert OptIn.objects.filter(withdrawn_how=Withdrawal.CONFIRM_ONLY).count() == 2


def test_without_opt_ins_the_confirmation_page_is_as_it_was(
    smtp,  # noqa: F811
    deliver,
    confirming,
    valid_post,
):
    client, path = signed_and_emailed(smtp, deliver, confirming, valid_post)

    form = soup_of(client.get(path)).select_one("section.thank-you form")
    buttons = form.select("button")
    assert [button.get_text(strip=True) for button in buttons] == ["Confirm my signature"]
    assert not buttons[0].has_attr("name")
    assert not form.select("li")


# --- The editor and the translators ------------------------------------------------------------


def test_the_switches_and_words_are_in_the_action_form_tab(admin_client, campaign):
    from django.urls import reverse

    response = admin_client.get(reverse("wagtailadmin_pages:edit", args=[campaign.pk]))

    assert response.status_code == 200
    html = BeautifulSoup(response.content, "html.parser")
    panel = html.select_one('[id^="tab-action"]') or html
    for name in ("ask_campaign_updates", "campaign_updates_words", "ask_other_campaigns"):
        assert panel.find(attrs={"name": name}) is not None
    text = response.content.decode()
    assert "Ask for consent to send updates about this campaign" in text
    assert "Ask for consent to write about the organisation&#x27;s other campaigns" in text
    # On for a new page.
    add = reverse(
        "wagtailadmin_pages:add", args=["campaigns", "campaignpage", campaign.get_parent().pk]
    )
    form = admin_client.get(add).context["form"]
    assert form["ask_campaign_updates"].initial and form["ask_other_campaigns"].initial


def test_translators_translate_the_words_and_the_switches_follow_the_source(
    client, campaign, zh_homes, translate, valid_post
):
    campaign.campaign_updates_words = "Send me news of the letter."
    campaign.save_revision().publish()
    page = translate(campaign, "zh-hant", {"Send me news of the letter.": "[zh] news"})

    labels = [
        label.get_text(strip=True)
        for label in soup_of(client.get(page.url)).select(".field--opt-ins label")
    ]
    assert labels[0] == "[zh] news"

    campaign.ask_other_campaigns = False
    campaign.save_revision().publish()
    page.refresh_from_db()
    assert page.ask_other_campaigns is False
    sign(client, page, valid_post, **BOTH)  # a forged tick of a box no longer offered
    (row,) = OptIn.objects.all()
    assert (row.scope, row.wording.text, row.wording.language) == (
        Scope.CAMPAIGN,
        "[zh] news",
        "zh-hant",
    )
