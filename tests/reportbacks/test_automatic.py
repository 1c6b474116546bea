"""Updates a campaign sends by itself: once per event, in the default words (every language the
campaign has) or the editor's."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from campaigns.models import CampaignPage, SignatureTally
from campaigns.team.delivery import deliver_letters
from reportbacks.automatic import check_events
from reportbacks.models import AutomaticEvent, AutomaticReportBacks, ReportBack, Status
from tests.peers import text_of

from .conftest import updates_in

pytestmark = pytest.mark.django_db


def close(campaign, ago=datetime.timedelta(minutes=5)):
    CampaignPage.objects.filter(translation_key=campaign.translation_key).update(
        action_closes_at=timezone.now() - ago
    )


def switch_on(campaign, **options):
    return AutomaticReportBacks.objects.create(campaign=campaign, **options)


def test_the_close_sends_its_outcome_once(campaign, signer, smtp, deliver):
    signer(campaign, "ada@example.org")
    switch_on(campaign, on_closed=True, outcome="The bill was withdrawn.")
    assert check_events() == 0  # still open
    close(campaign)
    assert check_events() == 1
    assert check_events() == 0
    call_command("run_scheduled_publishing", verbosity=0)  # the scheduler sends it
    deliver()
    (message,) = updates_in(smtp)
    assert message["Subject"] == "The action has closed: Protect rights in Hong Kong"
    assert "The bill was withdrawn." in text_of(message)
    assert AutomaticEvent.objects.count() == 1
    assert ReportBack.objects.get().status == Status.SENT


def test_default_words_are_written_in_every_language_of_the_campaign(zh_campaigns, campaign):
    switch_on(campaign, on_closed=True)
    close(campaign)
    check_events()
    written = ReportBack.objects.select_related("locale")
    assert sorted(rb.locale.language_code for rb in written) == ["en", "zh-hans", "zh-hant"]
    assert len({rb.translation_key for rb in written}) == 1
    by_language = {rb.locale.language_code: rb for rb in written}
    # The translated campaign's own title (the catalogs translate the words around it).
    assert zh_campaigns["zh-hant"].title in by_language["zh-hant"].subject


def test_each_milestone_sends_once(campaign, signer, smtp, deliver):
    signer(campaign, "ada@example.org")
    switch_on(campaign, on_milestone=True)
    tally = SignatureTally.objects.create(campaign_key=campaign.translation_key, online=99)
    assert check_events() == 0
    tally.online = 120
    tally.save()
    assert check_events() == 1
    assert check_events() == 0
    tally.online = 130
    tally.save()
    assert check_events() == 0
    tally.online = 260
    tally.save()
    assert check_events() == 1
    call_command("run_scheduled_publishing", verbosity=0)
    deliver()
    subjects = sorted(m["Subject"] for m in updates_in(smtp))
    assert subjects == [
        "We reached 100 signatures: Protect rights in Hong Kong",
        "We reached 200 signatures: Protect rights in Hong Kong",
    ]


def test_the_editors_words_replace_the_default_ones(campaign):
    switch_on(
        campaign,
        on_milestone=True,
        milestone_subject="{count} of us now",
        milestone_body="Thank you, all {count}.",
    )
    SignatureTally.objects.create(campaign_key=campaign.translation_key, online=1200)
    check_events()
    written = ReportBack.objects.get()
    assert (written.subject, written.body) == ("1,000 of us now", "Thank you, all 1,000.")


def test_delivery_to_the_target_sends_once_all_letters_are_delivered(
    campaign, signer, smtp, deliver
):
    CampaignPage.objects.filter(pk=campaign.pk).update(
        target_address="office@example.gov.hk", delivery_mode="each"
    )
    signer(campaign, "ada@example.org")
    switch_on(campaign, on_delivered=True)
    assert check_events() == 0  # open, nothing delivered
    close(campaign)
    assert check_events() == 0  # closed, the letter not yet delivered
    assert deliver_letters() == 1
    assert check_events() == 1
    assert check_events() == 0
    call_command("run_scheduled_publishing", verbosity=0)
    deliver()
    (message,) = updates_in(smtp)
    assert message["To"] == "ada@example.org"
    assert message["Subject"] == "Your letter has been delivered: Protect rights in Hong Kong"
