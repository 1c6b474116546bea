"""Consent recorded as seen; details erased after the retention period or on request."""

import datetime
import json

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone

from campaigns.models import CampaignSubmission
from campaigns.outbox import tasks


def test_signature_records_the_consent_and_language_the_supporter_saw(
    client, campaign, zh_campaigns, valid_post
):
    client.post(zh_campaigns["zh-hant"].url, valid_post)

    submission = CampaignSubmission.objects.get()
    assert submission.language == "zh-hant"
    assert submission.consent == "我同意你們聯絡我"


def test_retention_period_anonymises_details_and_keeps_the_count(client, campaign, valid_post):
    campaign.retention_days = 30
    campaign.retention_from = "signing"
    campaign.save_revision().publish()
    signed_at = timezone.now()
    client.post(campaign.url, valid_post)

    with time_machine.travel(signed_at + datetime.timedelta(days=29)):
        call_command("run_scheduled_publishing", verbosity=0)
    assert CampaignSubmission.objects.get().form_data["email"] == valid_post["email"]

    with time_machine.travel(signed_at + datetime.timedelta(days=31)):
        call_command("run_scheduled_publishing", verbosity=0)
    submission = CampaignSubmission.objects.get()
    assert set(submission.form_data.values()) == {""}
    assert submission.supporter_key is None
    assert submission.anonymised_at is not None
    assert campaign.get_submissions().count() == 1
    assert submission.language == "en"


def test_campaigns_without_retention_keep_details(client, campaign, valid_post):
    campaign.retention_days = None  # the editor emptied the field
    campaign.save_revision().publish()
    client.post(campaign.url, valid_post)

    with time_machine.travel(timezone.now() + datetime.timedelta(days=3650)):
        call_command("run_scheduled_publishing", verbosity=0)

    assert CampaignSubmission.objects.get().form_data["first_name"] == "Ada"


def signed_by(first_name):
    """The signature with this first name (answers are encrypted: the database cannot look)."""
    (found,) = [
        s for s in CampaignSubmission.objects.all() if s.form_data["first_name"] == first_name
    ]
    return found


@pytest.fixture
def two_supporters(client, campaign, valid_post):
    client.post(campaign.url, {**valid_post, "email": "Ada.Lovelace+x@gmail.com"})
    client.post(campaign.url, {**valid_post, "email": "eve@example.org", "first_name": "Eve"})
    return campaign


def test_erasure_by_email_with_the_management_command(two_supporters):
    call_command("erase_supporter", "adalovelace@GMAIL.com", verbosity=0)

    erased, kept = CampaignSubmission.objects.order_by("pk")
    assert erased.form_data["email"] == "" and erased.anonymised_at
    assert kept.form_data["first_name"] == "Eve"
    assert CampaignSubmission.objects.count() == 2


def test_erasure_from_the_admin(admin_client, two_supporters):
    response = admin_client.post("/admin/erase-supporter/", {"email": "eve@example.org"})

    assert response.status_code == 302
    assert signed_by("Ada").anonymised_at is None
    assert CampaignSubmission.objects.filter(anonymised_at__isnull=False).count() == 1
    page = admin_client.get("/admin/erase-supporter/")
    assert page.status_code == 200


def test_translators_cannot_erase(client, django_user_model, two_supporters):
    from django.contrib.auth.models import Group

    translator = django_user_model.objects.create_user("t", password="x")
    translator.groups.add(Group.objects.get(name="Translators"))
    client.force_login(translator)

    response = client.post("/admin/erase-supporter/", {"email": "eve@example.org"})

    assert response.status_code in (302, 403)
    assert not CampaignSubmission.objects.filter(anonymised_at__isnull=False).exists()


def outbox_rows():
    from django_tasks_db.models import DBTaskResult

    return list(DBTaskResult.objects.filter(backend_name="outbox").order_by("enqueued_at"))


def outbox_texts():
    """What the mail outbox holds, as text, its sealed emails opened: one per task."""
    texts = []
    for row in outbox_rows():
        sealed = row.args_kwargs["kwargs"].get("sealed")
        opened = tasks.unseal(sealed) if sealed else None
        texts.append(json.dumps([row.args_kwargs, opened], ensure_ascii=False))
    return texts


def test_the_outbox_holds_nothing_of_a_supporter_and_an_erased_one_is_not_written_about(
    two_supporters, deliver, mailoutbox
):
    # A signature's emails wait as its id only, and are written as they are sent.
    assert len(outbox_texts()) == 2
    assert not any("@" in text or "Eve" in text for text in outbox_texts())

    call_command("erase_supporter", "adalovelace@GMAIL.com", verbosity=0)
    deliver()

    sent = [json.dumps([m.to, m.subject, m.body, m.alternatives[0][0]]) for m in mailoutbox]
    assert len(sent) == 2 and all("eve@example.org" in text for text in sent)
    assert not any("ada" in text.lower() for text in sent)


def test_erasure_deletes_the_emails_written_into_the_outbox(client, campaign, valid_post):
    # Confirmation requests carry their link, so they are written as they are queued.
    campaign.require_confirmation = True
    campaign.save_revision().publish()
    client.post(campaign.url, {**valid_post, "email": "Ada.Lovelace+x@gmail.com"})
    client.post(campaign.url, {**valid_post, "email": "eve@example.org", "first_name": "Eve"})
    assert sum("Ada.Lovelace+x@gmail.com" in text for text in outbox_texts()) == 1

    call_command("erase_supporter", "adalovelace@GMAIL.com", verbosity=0)

    texts = outbox_texts()
    assert len(texts) == 1 and "eve@example.org" in texts[0]


def test_sent_emails_are_deleted_from_the_outbox_after_a_week(
    client, campaign, valid_post, deliver, settings
):
    settings.SENT_EMAIL_DAYS = 7
    client.post(campaign.url, valid_post)
    deliver()
    sent_at = timezone.now()
    client.post(campaign.url, {**valid_post, "email": "eve@example.org", "first_name": "Eve"})
    assert len(outbox_rows()) == 2  # one sent, one waiting for the worker

    with time_machine.travel(sent_at + datetime.timedelta(days=6)):
        call_command("run_scheduled_publishing", verbosity=0)
    assert len(outbox_rows()) == 2

    with time_machine.travel(sent_at + datetime.timedelta(days=8)):
        call_command("run_scheduled_publishing", verbosity=0)
    eve = signed_by("Eve")
    assert [row.args_kwargs["kwargs"]["submission_id"] for row in outbox_rows()] == [eve.pk]
    # The signatures themselves are kept: only the emails' copies go.
    assert CampaignSubmission.objects.count() == 2


def test_a_supporter_gets_everything_held_about_their_address(
    admin_client, client, campaign, zh_campaigns, valid_post, admin_user
):
    from wagtail.models import PageLogEntry

    from campaigns.models import ConsentWording, OptIn, Scope, Suppression, Withdrawal

    client.post(zh_campaigns["zh-hant"].url, {**valid_post, "email": "Ada.L+hk@Gmail.com"})
    client.post(campaign.url, {**valid_post, "email": "someone.else@example.org"})
    ada = CampaignSubmission.objects.get(language="zh-hant")
    wording = ConsentWording.for_text(
        Scope.CAMPAIGN, "zh-hant", "請電郵告訴我最新消息。", campaign_key=ada.campaign_key
    )
    OptIn.objects.create(
        signature=ada,
        wording=wording,
        scope=wording.scope,
        campaign_key=ada.campaign_key,
        given_at=ada.confirmed_at,
    )
    Suppression.add(ada.supporter_key, Suppression.Reason.BOUNCE)

    response = admin_client.post("/admin/supporter-data/", {"email": "adal@gmail.com"})

    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="supporter-data-')
    assert "no-store" in response["Cache-Control"]
    data = json.loads(response.content)
    [signature] = data["signatures"]
    assert signature["language"] == "zh-hant"
    assert signature["answers"]["email"] == "Ada.L+hk@gmail.com"  # its domain as IDNA, lower
    assert signature["consent"] == "我同意你們聯絡我"
    assert signature["confirmed_at"] and signature["details_erased_at"] is None
    # What they agreed to hear, in the words they read, and that it ended when they bounced.
    [opt_in] = signature["opt_ins"]
    assert opt_in["words"] == "請電郵告訴我最新消息。" and opt_in["version"] == 1
    assert opt_in["scope"] == "campaign" and opt_in["language"] == "zh-hant"
    assert opt_in["given_at"] and opt_in["withdrawn_by"] == Withdrawal.BOUNCE
    assert data["suppressed"]["reason"] == "bounce" and data["suppressed"]["since"]
    assert "someone.else" not in response.content.decode()
    entry = PageLogEntry.objects.get(action="campaigns.supporter_data_given")
    assert entry.data == {"count": 1} and entry.user == admin_user
    assert entry.page_id == zh_campaigns["zh-hant"].pk
    assert "gmail" not in str(entry.data).lower()


def test_only_those_who_may_erase_may_give_a_supporter_their_data(
    client, campaign, valid_post, django_user_model
):
    from django.contrib.auth.models import Group

    client.post(campaign.url, valid_post)
    editor = django_user_model.objects.create_user("editor", password="x")
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)

    response = client.post("/admin/supporter-data/", {"email": valid_post["email"]})

    assert response.status_code in (302, 403)
    assert valid_post["email"].encode() not in response.content
