"""The per-campaign report splits signatures per day by source: the channel a share link named
(utm_source), else a partner's or a stall's `source`, else Direct."""

import datetime

import time_machine
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext

from campaigns.models import CampaignSubmission
from tests.campaigns.test_reports import NOW, hk, report
from tests.conftest import supporter_key_of


def sign_at(page, moment, source, n=1, confirmed=True):
    with time_machine.travel(moment, tick=False):
        for _i in range(n):
            number = CampaignSubmission.objects.count()
            CampaignSubmission.objects.create(
                page=page,
                form_data={"email": f"s{number}@example.org"},
                supporter_key=supporter_key_of(f"s{number}@example.org"),
                confirmed_at=moment if confirmed else None,
                source=source,
            )


WHATSAPP = {"utm_source": "whatsapp", "utm_medium": "share", "utm_campaign": "hong-kong"}


def source_table(soup):
    table = soup.select_one("table.campaign-report__table[data-split=source]")
    head = [th.get_text(strip=True) for th in table.thead.find_all("th")]
    codes = [th.get("data-source") for th in table.thead.find_all("th")][1:-1]
    body = {
        tr.th.get_text(strip=True): [int(td.get_text(strip=True)) for td in tr.find_all("td")]
        for tr in table.tbody("tr")
    }
    foot = [int(td.get_text(strip=True)) for td in table.tfoot.find_all("td")]
    return head, codes, body, foot


def expected_from_the_database(campaign):
    """What the report should say, read back from the stored signatures, one by one."""
    found = {}
    for signature in CampaignSubmission.objects.counted().filter(
        campaign_key=campaign.translation_key
    ):
        day = signature.submit_time.astimezone(hk(1, 0).tzinfo).date().isoformat()
        source = (
            signature.source.get("utm_source") or signature.source.get("source") or "direct"
        ).lower()
        found.setdefault(day, {}).setdefault(source, 0)
        found[day][source] += 1
    return found


def test_report_splits_each_day_by_source_as_stored(client, admin_user, campaign, zh_campaigns):
    sign_at(campaign, hk(7, 9), WHATSAPP, n=2)
    sign_at(zh_campaigns["zh-hant"], hk(7, 10), {**WHATSAPP, "utm_source": "WhatsApp"})
    sign_at(campaign, hk(7, 11), {})
    sign_at(campaign, hk(8, 9), {"source": "partner-hk", "utm_medium": "embed"}, n=3)
    sign_at(zh_campaigns["zh-hans"], hk(9, 8), {**WHATSAPP, "utm_source": "line"})
    sign_at(campaign, hk(9, 9), {"utm_source": "email", "source": "stall-12"})
    # Not counted: waiting for confirmation.
    sign_at(campaign, hk(9, 9, 30), WHATSAPP, confirmed=False)

    head, codes, body, foot = source_table(report(client, admin_user, campaign))

    # Most signatures first (ties in the order of their utm_source); Direct last.
    assert head == ["Date", "partner-hk", "WhatsApp", "Email", "LINE", "Direct", "Total"]
    assert codes == ["partner-hk", "whatsapp", "email", "line", "direct"]
    assert body == {
        "2030-01-07": [0, 3, 0, 0, 1, 4],
        "2030-01-08": [3, 0, 0, 0, 0, 3],
        "2030-01-09": [0, 0, 1, 1, 0, 2],
    }
    assert foot == [3, 3, 1, 1, 1, 9]
    # The same figures as the stored signatures, read one by one.
    stored = expected_from_the_database(campaign)
    for day, cells in body.items():
        assert dict(zip(codes, cells, strict=False)) == {
            code: stored[day].get(code, 0) for code in codes
        }


def test_the_chart_stacks_the_same_figures_by_source(client, admin_user, campaign):
    sign_at(campaign, hk(9, 8), WHATSAPP, n=2)
    sign_at(campaign, hk(9, 9), {})

    soup = report(client, admin_user, campaign)

    section = soup.select_one("section[data-split=source]")
    svg = section.select_one("figure svg[role=img]")
    title_id, caption_id = svg["aria-labelledby"].split()
    assert section.find(id=title_id) and section.find(id=caption_id)
    assert soup.find(id=caption_id).get_text(" ", strip=True) == (
        "Online signatures per day by source, from 2030-01-09 to 2030-01-09"
    )
    rects = [
        (rect["data-source"], rect["data-count"])
        for rect in svg.select("g[data-date='2030-01-09'] rect")
    ]
    assert rects == [("whatsapp", "2"), ("direct", "1")]
    legend = [li.get_text(strip=True) for li in section.select(".campaign-report__legend li")]
    assert legend == ["WhatsApp", "Direct"]


def test_sources_beyond_the_named_ones_are_added_up(client, admin_user, campaign):
    for i, name in enumerate(["a", "b", "c", "d", "e", "f", "g", "h"]):
        sign_at(campaign, hk(9, 8), {"utm_source": f"site-{name}"}, n=10 - i)

    head, codes, body, foot = source_table(report(client, admin_user, campaign))

    assert head[1:-1] == [*(f"site-{n}" for n in "abcdef"), "Other sources"]
    assert codes[-1] == "other"
    assert body["2030-01-09"] == [10, 9, 8, 7, 6, 5, 4 + 3, 52]


def test_the_report_takes_the_same_queries_however_many_days_and_sources(
    client, admin_user, campaign
):
    def queries():
        with time_machine.travel(NOW, tick=False):
            client.force_login(admin_user)
            with CaptureQueriesContext(connection) as captured:
                response = client.get(f"/admin/campaigns/report/{campaign.pk}/")
        assert response.status_code == 200
        soup = BeautifulSoup(response.content, "html.parser")
        return len(captured), soup

    sign_at(campaign, hk(9, 8), WHATSAPP)
    queries()  # the first admin view of a session looks up what later ones find cached
    few, soup = queries()
    assert len(source_table(soup)[2]) == 1

    for day in range(1, 9):
        for source in ("telegram", "x", "facebook", "partner-a"):
            sign_at(campaign, hk(day, 8) - datetime.timedelta(days=20), {"utm_source": source})
    many, soup = queries()
    head, _codes, body, _foot = source_table(soup)
    assert len(body) == 29 and len(head) == 2 + 5

    assert many == few


def test_a_signature_in_a_partners_frame_counts_for_the_partner(client, admin_user, campaign):
    # The partner is what our embed route recorded (campaigns.signing.partners), so it wins
    # over the utm_source the partner's own address may carry.
    sign_at(campaign, hk(9, 8), {"partner": "harbour", "utm_source": "newsletter"}, n=2)
    sign_at(campaign, hk(9, 9), {"utm_source": "newsletter"})

    head, codes, body, foot = source_table(report(client, admin_user, campaign))

    assert codes == ["harbour", "newsletter"]
    assert body == {"2030-01-09": [2, 1, 3]}
