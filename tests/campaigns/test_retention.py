"""Retention by default, counted from the action's closing, with a warning to the team a week
before names disappear from the delivery pack. The clock is moved with time_machine."""

import datetime

import time_machine
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from campaigns.models import CampaignPage, CampaignSubmission


def run_scheduler(moment, deliver):
    with time_machine.travel(moment):
        call_command("run_scheduled_publishing", verbosity=0)
    deliver()


def names():
    return sorted(s.form_data["first_name"] for s in CampaignSubmission.objects.all())


def test_a_new_campaign_keeps_details_180_days_from_its_closing(admin_client, campaign):
    page = CampaignPage(title="New")
    assert (page.retention_days, page.retention_from) == (180, "closing")
    add = admin_client.get(f"/admin/pages/add/campaigns/campaignpage/{campaign.get_parent().pk}/")
    assert b'name="retention_days" value="180"' in add.content


def test_retention_counts_from_the_closing_and_the_team_is_warned_once(
    client, campaign, valid_post, deliver
):
    closes = timezone.now() + datetime.timedelta(days=10)
    campaign.action_closes_at = closes
    campaign.retention_days = 30
    campaign.save_revision().publish()
    client.post(campaign.url, valid_post)
    client.post(campaign.url, {**valid_post, "email": "eve@example.org", "first_name": "Eve"})
    deliver()
    mail.outbox.clear()
    due = closes + datetime.timedelta(days=30)

    # Long after signing, but before the end of the period counted from the closing.
    run_scheduler(closes + datetime.timedelta(days=20), deliver)
    assert names() == ["Ada", "Eve"]
    assert mail.outbox == []

    run_scheduler(due - datetime.timedelta(days=6), deliver)
    run_scheduler(due - datetime.timedelta(days=5), deliver)
    assert names() == ["Ada", "Eve"]
    [warning] = mail.outbox
    assert warning.to == [campaign.to_address]
    assert "2 supporters" in warning.body
    assert f"/admin/campaigns/{campaign.pk}/delivery-pack/" in warning.body
    assert "Ada" not in warning.body and "ada@example.org" not in warning.body

    run_scheduler(due + datetime.timedelta(minutes=2), deliver)
    assert names() == ["", ""]
    assert campaign.get_submissions().count() == 2  # they still count


def test_an_action_that_never_closes_counts_from_each_signature(client, campaign, valid_post):
    campaign.retention_days = 30
    campaign.save_revision().publish()
    signed = timezone.now()
    client.post(campaign.url, valid_post)

    with time_machine.travel(signed + datetime.timedelta(days=29)):
        call_command("run_scheduled_publishing", verbosity=0)
    assert names() == ["Ada"]
    with time_machine.travel(signed + datetime.timedelta(days=31)):
        call_command("run_scheduled_publishing", verbosity=0)
    assert names() == [""]
