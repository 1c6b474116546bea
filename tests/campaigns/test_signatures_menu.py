"""The Signatures menu: one row per campaign with its count; a deleted campaign's signatures
listed and exported there until their retention period ends."""

import csv
import io

import pytest
from django.urls import reverse

from campaigns.models import CampaignPage, CampaignSubmission, DeletedCampaign
from campaigns.team.tally import tally_signatures


def test_smoke(admin_client, campaign, zh_campaigns, client, valid_post):
    client.post(campaign.url, valid_post, follow=True)
    client.post(zh_campaigns["zh-hant"].url, {**valid_post, "email": "b@example.org"}, follow=True)
    tally_signatures()
    response = admin_client.get(reverse("campaigns_signatures"))
    print(response.content.decode()[-6000:])
    response = admin_client.get(f"/admin/pages/{campaign.pk}/delete/")
    print([str(m) for m in response.context["messages"]])
    response = admin_client.post(f"/admin/pages/{campaign.pk}/delete/")
    for page in zh_campaigns.values():
        admin_client.post(f"/admin/pages/{page.pk}/delete/")
    print(DeletedCampaign.objects.values())
    print(CampaignSubmission.objects.values("page", "campaign_key"))
    response = admin_client.get(reverse("campaigns_signatures"))
    print(response.content.decode()[-3000:])
    deleted = DeletedCampaign.objects.get()
    response = admin_client.get(reverse("campaigns_deleted_signatures", args=[deleted.pk]))
    html = response.content.decode(); print("Download CSV" in html, "Download Excel" in html)
    response = admin_client.get(reverse("campaigns_deleted_signatures", args=[deleted.pk]), {"export": "csv"})
    print(b"".join(response.streaming_content).decode())
