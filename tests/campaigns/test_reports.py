"""Numbers for the campaign team: the dashboard panel and the per-campaign report."""

import datetime
import zoneinfo

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group
from django.test import RequestFactory

from campaigns.models import CampaignSubmission, PaperSignatures
from campaigns.team.reports import CampaignMomentumPanel, Chart, nice_ceiling
from campaigns.team.tally import tally_signatures
from tests.conftest import supporter_key_of
from tests.factories import CampaignPageFactory

HONG_KONG = zoneinfo.ZoneInfo("Asia/Hong_Kong")
# A Wednesday, 10:00 in Hong Kong (02:00 UTC): "today" and "this week" start before UTC's do.
NOW = datetime.datetime(2030, 1, 9, 10, 0, tzinfo=HONG_KONG)


def sign_at(page, moment, n=1, confirmed=True):
    with time_machine.travel(moment, tick=False):
        for _i in range(n):
            number = CampaignSubmission.objects.count()
            CampaignSubmission.objects.create(
                page=page,
                form_data={"email": f"s{number}@example.org"},
                supporter_key=supporter_key_of(f"s{number}@example.org"),
                confirmed_at=moment if confirmed else None,
            )


def hk(day, hour, minute=0):
    return datetime.datetime(2030, 1, day, hour, minute, tzinfo=HONG_KONG)


@pytest.fixture
def signed(campaign, zh_campaigns):
    """Counted: Sunday 23:30 (last week) en, Monday 00:30 zh-hans, Wednesday 00:30 en and
    Wednesday 09:00 zh-hant ×2; not counted: an unconfirmed one today. Plus 5 on paper."""
    sign_at(campaign, hk(6, 23, 30))
    sign_at(zh_campaigns["zh-hans"], hk(7, 0, 30))
    sign_at(campaign, hk(9, 0, 30))
    sign_at(zh_campaigns["zh-hant"], hk(9, 9, 0), n=2)
    sign_at(campaign, hk(9, 9, 30), confirmed=False)
    PaperSignatures.objects.create(page=campaign, count=5)
    tally_signatures()
    return campaign


@pytest.fixture
def editor(django_user_model):
    user = django_user_model.objects.create_user("editor", password="x")
    user.groups.add(Group.objects.get(name="Editors"))
    return user


@pytest.fixture
def translator(django_user_model):
    user = django_user_model.objects.create_user("translator", password="x")
    user.groups.add(Group.objects.get(name="Translators"))
    return user


def panel_rows(client, user):
    # Logged in at NOW: a session from today would have expired by 2030.
    with time_machine.travel(NOW, tick=False):
        client.force_login(user)
        response = client.get("/admin/")
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    table = soup.select_one("table.campaign-momentum")
    if table is None:
        return None
    return {
        row.th.get_text(strip=True): {
            "today": row.select_one("[data-count=today]").get_text(strip=True),
            "week": row.select_one("[data-count=week]").get_text(strip=True),
            "total": row.select_one("[data-count=total]").get_text(strip=True),
            "links": [a["href"] for a in row.find_all("a")],
        }
        for row in table.tbody.find_all("tr")
    }


def test_dashboard_shows_today_this_week_and_total_in_hong_kong_days(client, editor, signed, home):
    CampaignPageFactory(parent=home, slug="closed", title="Over", closed=True)
    CampaignPageFactory(parent=home, slug="draft", title="A draft", live=False)

    rows = panel_rows(client, editor)

    # One row per campaign (its English title), every language counted; closed and drafts left out.
    assert rows == {
        "Protect rights in Hong Kong": {
            "today": "3",
            "week": "4",
            "total": "10",
            "links": [
                f"/admin/pages/{signed.pk}/edit/",
                f"/admin/campaigns/report/{signed.pk}/",
            ],
        }
    }


def test_dashboard_panel_is_not_shown_to_translators(client, translator, signed):
    assert panel_rows(client, translator) is None


def test_dashboard_panel_takes_two_queries_however_many_campaigns(
    home, signed, editor, django_assert_num_queries
):
    request = RequestFactory().get("/admin/")
    request.user = editor

    def render():
        with time_machine.travel(NOW, tick=False):
            return CampaignMomentumPanel().render_html({"request": request})

    with django_assert_num_queries(2):
        html = render()
    assert html.count("<tr data-campaign=") == 1

    for i in range(4):
        page = CampaignPageFactory(parent=home, slug=f"more-{i}")
        sign_at(page, hk(9, 8), n=i + 1)
    with django_assert_num_queries(2):
        html = render()
    assert html.count("<tr data-campaign=") == 5


def report(client, user, page):
    with time_machine.travel(NOW, tick=False):
        client.force_login(user)
        response = client.get(f"/admin/campaigns/report/{page.pk}/")
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def test_report_table_lists_each_day_by_language(client, editor, signed):
    soup = report(client, editor, signed)

    table = soup.select_one("table.campaign-report__table")
    head = [th.get_text(strip=True) for th in table.thead.find_all("th")]
    assert head == ["Date", "English", "繁體中文", "简体中文", "Total"]
    body = [
        [cell.get_text(strip=True) for cell in tr.find_all(["th", "td"])]
        for tr in table.tbody("tr")
    ]
    assert body == [
        ["2030-01-06", "1", "0", "0", "1"],
        ["2030-01-07", "0", "0", "1", "1"],
        ["2030-01-08", "0", "0", "0", "0"],
        ["2030-01-09", "1", "2", "0", "3"],
    ]
    foot = [cell.get_text(strip=True) for cell in table.tfoot.find_all(["th", "td"])]
    assert foot == ["Total", "2", "2", "1", "5"]
    summary = {dd["data-count"]: dd.get_text(strip=True) for dd in soup.select("dl dd")}
    assert summary == {"today": "3", "week": "4", "total": "10"}


def test_report_chart_is_an_accessible_svg_with_stacked_bars(client, editor, signed):
    soup = report(client, editor, signed)

    svg = soup.select_one("figure svg[role=img]")
    title_id, caption_id = svg["aria-labelledby"].split()
    assert svg.find("title", id=title_id).get_text().startswith("Signatures per day")
    caption = soup.find(id=caption_id).get_text(" ", strip=True)
    assert caption == "Online signatures per day by language, from 2030-01-06 to 2030-01-09"

    days = {g["data-date"]: g for g in svg.select("g[data-date]")}
    assert list(days) == ["2030-01-06", "2030-01-07", "2030-01-08", "2030-01-09"]
    assert [g["data-total"] for g in days.values()] == ["1", "1", "0", "3"]
    # The tallest day (3) sets a scale of 0–5: each signature is a fifth of the plot's height.
    unit = Chart.height - Chart.top - Chart.bottom
    wednesday = [
        (rect["data-language"], rect["data-count"], float(rect["height"]), float(rect["y"]))
        for rect in days["2030-01-09"].find_all("rect")
    ]
    baseline = Chart.top + unit
    assert wednesday == [
        ("en", "1", pytest.approx(unit / 5), pytest.approx(baseline - unit / 5)),
        ("zh-hant", "2", pytest.approx(2 * unit / 5), pytest.approx(baseline - 3 * unit / 5)),
    ]
    assert days["2030-01-08"].find("rect") is None
    assert [text.get_text() for text in svg.find_all("text")][:3] == ["0", "2", "5"]
    # Colours are not the only key: the legend names each language.
    legend = [
        li.get_text(strip=True)
        for li in soup.select("[data-split=language] .campaign-report__legend li")
    ]
    assert legend == ["English", "繁體中文", "简体中文"]


def test_report_is_the_same_from_any_translation(client, editor, signed, zh_campaigns):
    english = report(client, editor, signed).select_one("table.campaign-report__table tbody")
    chinese = report(client, editor, zh_campaigns["zh-hant"]).select_one(
        "table.campaign-report__table tbody"
    )
    assert str(english) == str(chinese)


def test_report_without_signatures_says_so(client, editor, campaign):
    soup = report(client, editor, campaign)
    assert soup.find("svg", role="img") is None
    assert "No online signatures yet." in soup.get_text()


def test_report_is_linked_from_the_submissions_list(client, editor, signed):
    client.force_login(editor)
    response = client.get(f"/admin/forms/submissions/{signed.pk}/")
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.find("a", href=f"/admin/campaigns/report/{signed.pk}/") is not None


def test_translators_cannot_open_the_report(client, translator, signed, zh_campaigns):
    client.force_login(translator)
    for page in (signed, zh_campaigns["zh-hant"]):
        response = client.get(f"/admin/campaigns/report/{page.pk}/")
        # Wagtail sends a denied user to the dashboard (tests/test_roles.py).
        assert (response.status_code, response["Location"]) == (302, "/admin/")


def test_nice_ceiling():
    assert [nice_ceiling(n) for n in (0, 1, 2, 3, 7, 10, 11, 99, 180, 501)] == [
        1,
        1,
        2,
        5,
        10,
        10,
        20,
        100,
        200,
        1000,
    ]


def test_dashboard_panel_and_report_in_chinese(client, editor, signed):
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(editor)
    profile.preferred_language = "zh-hant"
    profile.save()
    with time_machine.travel(NOW, tick=False):
        client.force_login(editor)
        dashboard = client.get("/admin/").content.decode()
        report_page = client.get(f"/admin/campaigns/report/{signed.pk}/").content.decode()
    for text in ("接受聯署中的行動", "今日", "本星期", "總數"):
        assert text in dashboard
    # The time zone as people name it, not the tz database's name.
    assert "（香港時間）" in dashboard
    assert "以香港時間為準" in report_page
    assert "Hong_Kong" not in dashboard + report_page
    assert "按語言劃分的每日網上聯署，由 2030-01-06 至 2030-01-09" in report_page

    profile.preferred_language = "zh-hans"
    profile.save()
    with time_machine.travel(NOW, tick=False):
        dashboard = client.get("/admin/").content.decode()
    for text in ("正在接受签名的行动", "今天", "本周", "（香港时间）"):
        assert text in dashboard


def test_a_campaign_live_only_in_chinese_has_its_row(client, editor, zh_homes):
    zh_only = CampaignPageFactory(parent=zh_homes["zh-hant"], slug="zh-only", title="只有中文")
    PaperSignatures.objects.create(page=zh_only, count=12345)
    tally_signatures()

    rows = panel_rows(client, editor)

    assert rows["只有中文"]["total"] == "12,345"  # grouped, as the public pages show it
    assert f"/admin/campaigns/report/{zh_only.pk}/" in rows["只有中文"]["links"]
