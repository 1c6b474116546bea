"""The signature count and goal: across languages, paper included, tallied in batches."""

import datetime
import re

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from campaigns.models import CampaignSubmission, PaperSignatures, SignatureTally
from campaigns.team.tally import tally_signatures
from tests.conftest import supporter_key_of


def sign_rows(page, n, start=0):
    for i in range(start, start + n):
        CampaignSubmission.objects.create(
            page=page,
            form_data={"email": f"p{i}@example.org"},
            supporter_key=supporter_key_of(f"p{i}@example.org"),
        )


def progress(client, page):
    soup = BeautifulSoup(client.get(page.url).content, "html.parser")
    block = soup.select_one(".hero .signature-progress")
    bar = block.select_one("[role=progressbar]")
    message = block.select_one(".signature-progress__message")
    return {
        "text": block.select_one(".signature-progress__count").get_text(" ", strip=True),
        "bar": bar and {k: bar[k] for k in ("aria-valuenow", "aria-valuemax", "aria-valuetext")},
        "labelled": bar and soup.find(id=bar["aria-labelledby"]) is not None,
        "message": message.get_text(" ", strip=True) if message else None,
    }


def test_page_count_adds_up_every_language_after_the_tally(client, zh_campaigns, campaign):
    sign_rows(campaign, 2)
    sign_rows(zh_campaigns["zh-hant"], 3, start=10)
    sign_rows(zh_campaigns["zh-hans"], 1, start=20)
    assert "Be the first to sign." in progress(client, campaign)["text"]  # not tallied yet

    changed, _since = tally_signatures()

    assert changed == {campaign.translation_key}
    tally = SignatureTally.objects.get(pk=campaign.translation_key)
    assert tally.by_language == {"en": 2, "zh-hant": 3, "zh-hans": 1}
    assert progress(client, campaign)["text"] == "6 signatures"
    assert progress(client, zh_campaigns["zh-hant"])["text"] == "已有 6 人聯署"
    assert progress(client, zh_campaigns["zh-hans"])["text"] == "已有 6 人签名"


def test_a_page_view_reads_the_tally_and_never_counts_signatures(client, campaign):
    sign_rows(campaign, 3)
    tally_signatures()
    client.get(campaign.url)
    with CaptureQueriesContext(connection) as queries:
        client.get(campaign.url)
    sql = " ".join(query["sql"] for query in queries.captured_queries)
    assert "campaigns_signaturetally" in sql
    assert "campaigns_campaignsubmission" not in sql


def test_each_web_process_keeps_the_count_for_a_few_seconds(client, campaign, settings):
    settings.PAGE_CACHE_LOCAL_SECONDS = 2
    sign_rows(campaign, 3)
    tally_signatures()
    now = timezone.now()

    def tally_queries():
        with CaptureQueriesContext(connection) as queries:
            text = progress(client, campaign)["text"]
        return text, sum("campaigns_signaturetally" in q["sql"] for q in queries)

    with time_machine.travel(now, tick=False):
        assert tally_queries() == ("3 signatures", 1)
        sign_rows(campaign, 2, start=3)
        tally_signatures()
        assert tally_queries() == ("3 signatures", 0)
    with time_machine.travel(now + datetime.timedelta(seconds=3), tick=False):
        assert tally_queries() == ("5 signatures", 1)


def test_the_tally_recounts_only_campaigns_signed_since_its_last_run(campaign, home):
    from tests.factories import CampaignPageFactory

    quiet = CampaignPageFactory(parent=home, slug="quiet")
    start = timezone.now()
    with time_machine.travel(start - datetime.timedelta(hours=2)):
        sign_rows(quiet, 2, start=100)
    with time_machine.travel(start - datetime.timedelta(hours=1)):
        changed, since = tally_signatures()
    assert changed == {quiet.translation_key}

    with time_machine.travel(start):
        sign_rows(campaign, 2)
        # The quiet campaign's count is not touched: a stale value proves it was not recounted.
        SignatureTally.objects.filter(pk=quiet.translation_key).update(online=99)
        changed, since = tally_signatures(since)
        assert changed == {campaign.translation_key}
        assert SignatureTally.objects.get(pk=quiet.translation_key).online == 99
        # Nothing new: nothing changes, and a second run is not a double count.
        assert tally_signatures(since)[0] == set()
    assert SignatureTally.objects.get(pk=campaign.translation_key).online == 2


def test_the_scheduler_tallies(campaign):
    sign_rows(campaign, 4)
    call_command("run_scheduled_publishing")
    assert SignatureTally.objects.get(pk=campaign.translation_key).total == 4


def test_deleting_a_signature_recounts_at_once(campaign, django_capture_on_commit_callbacks):
    sign_rows(campaign, 3)
    tally_signatures()
    with django_capture_on_commit_callbacks(execute=True):
        CampaignSubmission.objects.filter(
            supporter_key=supporter_key_of("p0@example.org")
        ).delete()
    assert SignatureTally.objects.get(pk=campaign.translation_key).total == 2


@pytest.mark.parametrize(
    ("signed", "goal", "text", "now", "message"),
    [
        (0, None, "Be the first to sign.", None, None),
        (0, 10, "Be the first to sign.", "0", None),
        (3, None, "3 signatures", None, None),
        (1, 10, "1 signature of 10", "1", None),
        (3, 10, "3 signatures of 10", "3", None),
        (10, 10, "10 signatures of 10", "10", "Goal reached!"),
        (12, 10, "12 signatures of 10", "10", "Goal reached!"),
    ],
)
def test_progress_at_zero_below_at_and_above_the_goal(
    client, campaign, signed, goal, text, now, message
):
    campaign.signature_goal = goal
    campaign.save_revision().publish()
    sign_rows(campaign, signed)
    tally_signatures()

    shown = progress(client, campaign)

    assert shown["text"] == text
    if goal is None:
        assert shown["bar"] is None
    else:
        assert shown["bar"]["aria-valuenow"] == now
        assert shown["bar"]["aria-valuemax"] == str(goal)
        percent = min(100, signed * 100 // goal)
        counted = text if signed else f"0 signatures of {goal}"
        assert shown["bar"]["aria-valuetext"] == f"{counted} ({percent}%)"
        assert shown["labelled"]
    assert (shown["message"] or "").startswith(message or "")
    assert bool(shown["message"]) == bool(message)


def test_progress_in_chinese_with_paper_signatures_and_grouped_digits(
    client, campaign, zh_campaigns, django_capture_on_commit_callbacks
):
    campaign.signature_goal = 2000
    campaign.save_revision().publish()
    sign_rows(campaign, 2)
    with django_capture_on_commit_callbacks(execute=True):
        PaperSignatures.objects.create(page=zh_campaigns["zh-hant"], count=1998)

    hant = progress(client, zh_campaigns["zh-hant"])
    hans = progress(client, zh_campaigns["zh-hans"])

    # The goal reached every translation when the source was published.
    assert hant["text"] == "已有 2,000 人聯署，目標 2,000 人"
    assert hant["bar"]["aria-valuetext"] == "已有 2,000 人聯署，目標 2,000 人（100%）"
    assert hant["message"].startswith("已達目標！")
    assert hans["text"] == "已有 2,000 人签名，目标 2,000 人"
    assert hans["message"].startswith("已达目标！")


def test_closed_campaign_thanks_everyone_at_its_goal(client, campaign):
    campaign.signature_goal = 2
    campaign.action_closes_at = timezone.now() - datetime.timedelta(days=1)
    campaign.save_revision().publish()
    sign_rows(campaign, 2)
    tally_signatures()
    shown = progress(client, campaign)
    assert shown["message"] == "Goal reached! Thank you to everyone who signed."


def test_home_cards_show_the_count_with_the_goal(client, campaign, home):
    campaign.signature_goal = 100
    campaign.save_revision().publish()
    sign_rows(campaign, 25)
    tally_signatures()
    soup = BeautifulSoup(client.get(home.url).content, "html.parser")
    card = soup.select_one(".campaign-card")
    assert card.select_one(".signature-progress__count").get_text(" ", strip=True) == (
        "25 signatures of 100"
    )
    assert card.select_one("[role=progressbar]")["aria-valuenow"] == "25"


def test_editor_adds_paper_signatures_recorded_with_who_and_when(
    client, campaign, django_user_model, django_capture_on_commit_callbacks
):
    editor = django_user_model.objects.create_user("editor", password="pw")
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)
    sign_rows(campaign, 1)
    tally_signatures()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/admin/paper_signatures/new/",
            {"page": campaign.pk, "count": "250", "note": "Stall, 12 June"},
        )

    assert response.status_code == 302
    batch = PaperSignatures.objects.get()
    assert (batch.count, batch.note, batch.added_by) == (250, "Stall, 12 June", editor)
    assert batch.campaign_key == campaign.translation_key
    assert timezone.now() - batch.added_at < datetime.timedelta(minutes=1)
    # Shown at once, without waiting for the tally.
    client.logout()
    assert re.findall(r"[\d,]+", progress(client, campaign)["text"]) == ["251"]


def test_paper_signatures_refuse_zero_and_negative_counts(client, campaign, admin_user):
    client.force_login(admin_user)
    for count in ("0", "-5", "many"):
        response = client.post(
            "/admin/paper_signatures/new/", {"page": campaign.pk, "count": count}
        )
        assert response.status_code == 200
        assert response.context["form"].errors["count"]
    assert not PaperSignatures.objects.exists()


def test_translators_cannot_add_paper_signatures(client, campaign, django_user_model):
    translator = django_user_model.objects.create_user("translator", password="pw")
    translator.groups.add(Group.objects.get(name="Translators"))
    client.force_login(translator)
    client.post("/admin/paper_signatures/new/", {"page": campaign.pk, "count": "5"})
    assert not PaperSignatures.objects.exists()


def test_deleting_many_signatures_recounts_each_campaign_once(
    campaign, django_capture_on_commit_callbacks, monkeypatch
):
    from campaigns.team import tally

    sign_rows(campaign, 5)
    tally_signatures()
    recounts = []
    monkeypatch.setattr(tally, "recount", lambda keys: recounts.append(set(keys)))

    with django_capture_on_commit_callbacks(execute=True):
        CampaignSubmission.objects.exclude(
            supporter_key=supporter_key_of("p0@example.org")
        ).delete()

    assert recounts == [{campaign.translation_key}]
