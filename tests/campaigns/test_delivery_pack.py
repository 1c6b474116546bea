"""The delivery pack: every counted letter of a campaign, to print or export, for those allowed
to see signatures."""

import pytest
import time_machine

from campaigns.models import CampaignSubmission
from campaigns.team.delivery import deliver_letters
from tests.campaigns.test_delivery import (  # noqa: F401 (the fixture applies here too)
    _forget_cache_written_in_2027,
    at,
    set_target,
    sign,
    sign_in_chinese,
)


@pytest.fixture
def signed(client, campaign, zh_campaigns, valid_post):
    """Four signatures that count (one erased), one waiting for confirmation."""
    sign(client, campaign, valid_post, "ada@example.org", '=HYPERLINK("http://evil.example")')
    sign(client, campaign, valid_post, "gone@example.org", "Erase me.").anonymise(at(1, 10))
    sign_in_chinese(client, zh_campaigns, valid_post)
    waiting = sign(client, campaign, valid_post, "wait@example.org", "Unconfirmed.")
    CampaignSubmission.objects.filter(pk=waiting.pk).update(confirmed_at=None)
    return campaign


def pack_url(page, csv=False):
    return f"/admin/campaigns/{page.pk}/delivery-pack{'.csv' if csv else '/'}"


def test_pack_csv_has_counts_by_language_and_every_counted_letter(admin_client, signed):
    import csv
    import io

    response = admin_client.get(pack_url(signed, csv=True))

    assert response.status_code == 200
    assert response.streaming
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    raw = b"".join(response.streaming_content)
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    blank = rows.index([])
    summary, letters = rows[:blank], rows[blank + 1 :]
    assert summary == [
        ["Campaign", signed.title],
        ["Language", "Signatures"],
        # Figures by language that the target reads: none under 10 (campaigns.team.letters).
        ["English", "fewer than 10"],
        ["简体中文", "fewer than 10"],
        ["繁體中文", "fewer than 10"],
        ["Total", "4"],
        ["Of which details erased (counted, not listed)", "1"],
    ]
    assert letters[0] == ["Language", "Date", "Name", "Message", "Delivered by email"]
    assert [row[2:4] for row in letters[1:]] == [
        ["Ada Lovelace", '\'=HYPERLINK("http://evil.example")'],
        ["陳大文 Lovelace", "請尊重和平集會的權利。"],
        ["Ada Lovelace", "请尊重集会自由。"],
    ]
    assert [row[0] for row in letters[1:]] == ["English", "繁體中文", "简体中文"]
    assert all(row[1].startswith("20") and row[4] == "" for row in letters[1:])


def test_pack_csv_says_when_a_letter_was_delivered(admin_client, signed):
    set_target(signed)
    with time_machine.travel(at(1, 18, 30)):
        assert deliver_letters() == 3

    raw = b"".join(admin_client.get(pack_url(signed, csv=True)).streaming_content)

    assert raw.decode("utf-8-sig").count(",2027-03-01 18:30") == 3


def test_printable_pack_has_counts_and_one_block_per_letter(admin_client, signed):
    from bs4 import BeautifulSoup

    response = admin_client.get(pack_url(signed))

    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    counts = [
        [cell.get_text(strip=True) for cell in row.find_all(["th", "td"])]
        for row in soup.select(".summary tbody tr, .summary tfoot tr")
    ]
    assert counts == [
        ["English", "fewer than 10"],
        ["简体中文", "fewer than 10"],
        ["繁體中文", "fewer than 10"],
        ["Total", "4"],
    ]
    assert "1 supporter's details were erased" in soup.select_one(".summary").get_text()
    letters = soup.select("main article.letter")
    assert [
        (a["lang"], a.h2.get_text(), a.select_one(".letter__message").get_text()) for a in letters
    ] == [
        ("en", "Ada Lovelace", '=HYPERLINK("http://evil.example")'),
        ("zh-Hant", "陳大文 Lovelace", "請尊重和平集會的權利。"),
        ("zh-Hans", "Ada Lovelace", "请尊重集会自由。"),
    ]
    assert b"Erase me." not in response.content
    assert b"Unconfirmed." not in response.content
    css = soup.style.get_text()
    assert "break-inside: avoid" in css
    assert "@media print" in css


def test_pack_is_reachable_from_the_list_of_signatures(admin_client, signed):
    response = admin_client.get(f"/admin/forms/submissions/{signed.pk}/")

    assert pack_url(signed).encode() in response.content


@pytest.mark.parametrize("csv", [False, True])
def test_pack_needs_the_permission_to_see_signatures(
    client, django_user_model, signed, zh_campaigns, csv
):
    from django.contrib.auth.models import Group

    translator = django_user_model.objects.create_user("translator", password="x")
    translator.groups.add(Group.objects.get(name="Translators"))
    editor = django_user_model.objects.create_user("editor", password="x")
    editor.groups.add(Group.objects.get(name="Editors"))
    # Translators may edit the Chinese pages (not the English one): editing is not enough.
    chinese = zh_campaigns["zh-hant"]

    anonymous = client.get(pack_url(signed, csv))
    assert anonymous.status_code == 302
    assert anonymous["Location"].startswith("/admin/login/")

    client.force_login(translator)
    for page in (signed, chinese):
        denied = client.get(pack_url(page, csv))
        assert denied.status_code in (302, 403), page.url
        assert b"Lovelace" not in (
            b"".join(denied.streaming_content) if csv and denied.streaming else denied.content
        )

    client.force_login(editor)
    for page in (signed, chinese):
        allowed = client.get(pack_url(page, csv))
        assert allowed.status_code == 200
        assert b"Lovelace" in (b"".join(allowed.streaming_content) if csv else allowed.content)


def test_translators_cannot_list_the_signatures_of_pages_they_translate(
    client, django_user_model, signed, zh_campaigns
):
    # Wagtail lists a form's submissions to whoever may edit it; our
    # filter_form_submissions_for_user hook narrows that to the signatures permission.
    from django.contrib.auth.models import Group

    translator = django_user_model.objects.create_user("translator", password="x")
    translator.groups.add(Group.objects.get(name="Translators"))
    client.force_login(translator)
    chinese = zh_campaigns["zh-hant"]

    listing = client.get(f"/admin/forms/submissions/{chinese.pk}/")
    assert listing.status_code in (302, 403)
    assert b"Lovelace" not in listing.content
    assert client.get(f"/admin/campaigns/report/{chinese.pk}/").status_code in (302, 403)


def test_figures_by_language_of_ten_or_more_are_shown(campaign):
    from campaigns.team.letters import counts_by_language

    for n in range(10):
        CampaignSubmission.objects.create(page=campaign, form_data={}, supporter_key=f"{n}@x.org")

    assert counts_by_language(CampaignSubmission.objects.all()) == [("English", 10)]
    CampaignSubmission.objects.first().delete()
    assert counts_by_language(CampaignSubmission.objects.all()) == [("English", "fewer than 10")]
