"""Every date and time the admin shows for a campaign names its time zone, and the picker
offers minutes."""

import datetime
import json

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone

PICKERS = ("id_action_closes_at", "id_go_live_at", "id_expire_at")


def edit_view(admin_client, page):
    response = admin_client.get(f"/admin/pages/{page.pk}/edit/")
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def picker_config(soup, input_id):
    """The options the page hands to the date and time picker of `input_id`."""
    script = soup.find("input", id=input_id).find_next("script").string
    config = script.partition(f'initDateTimeChooser("{input_id}", ')[2].rpartition(");")[0]
    return json.loads(config)


def zone_beside(soup, input_id):
    field = soup.find("input", id=input_id)
    zone = soup.find(id=f"{input_id}-zone")
    assert zone["id"] in field["aria-describedby"].split()
    # In the same wrapper as the field, after it.
    assert zone.find_parent(class_="zoned-datetime") is field.find_parent(class_="zoned-datetime")
    # .string: the schedule dialog is in a <template>, whose text get_text() leaves out.
    return zone.string.strip()


@pytest.mark.django_db
def test_closing_go_live_and_expiry_name_the_zone_and_offer_quarter_hours(admin_client, campaign):
    soup = edit_view(admin_client, campaign)

    for input_id in PICKERS:
        assert zone_beside(soup, input_id) == "Hong Kong time"
        assert picker_config(soup, input_id)["step"] == 15
    # The schedule's pickers still open inside Wagtail's dialog.
    assert picker_config(soup, "id_go_live_at")["parentID"] == "#schedule-publishing-dialog"
    assert "Asia/Hong_Kong" not in soup.get_text()


@pytest.mark.django_db
def test_a_zone_without_a_translated_name_is_named_by_its_city(admin_client, campaign, settings):
    settings.TIME_ZONE = "Asia/Kathmandu"

    soup = edit_view(admin_client, campaign)

    assert zone_beside(soup, "id_action_closes_at") == "Kathmandu time"


@pytest.mark.django_db
def test_the_status_panel_says_which_zone_a_schedule_is_in(admin_client, campaign):
    assert not edit_view(admin_client, campaign).select("[data-schedule-zone]")

    campaign.go_live_at = timezone.now() + datetime.timedelta(days=1)
    campaign.save_revision()

    [note] = edit_view(admin_client, campaign).select("[data-schedule-zone]")
    assert note.get_text(strip=True) == "Times are Hong Kong time."
