"""What the report-back tests share: signatures made through the real POST, their opt-ins (as
the form's checkboxes will record them: tests/campaigns/test_opt_in_records.py), an update."""

import pytest

from campaigns.models import ConsentWording, OptIn, Scope
from reportbacks.models import ReportBack
from tests.peers import smtp  # noqa: F401  (a fixture)


def sign(client, page, valid_post, **answers):
    response = client.post(page.url, {**valid_post, **answers})
    assert response.status_code == 303
    return page.get_submissions().latest("pk")


def opt_in(signature, scope=Scope.CAMPAIGN, given=True, text="Email me updates about this."):
    wording = ConsentWording.for_text(
        scope, signature.language, text, campaign_key=signature.campaign_key
    )
    return OptIn.objects.create(
        signature=signature,
        wording=wording,
        scope=scope,
        campaign_key=signature.campaign_key,
        given_at=signature.confirmed_at if given else None,
    )


@pytest.fixture
def signer(client, valid_post):
    """sign_up(page, address): a signature at `page` by `address`, opted in to its updates."""

    def sign_up(page, address, **options):
        return opt_in(sign(client, page, valid_post, email=address), **options)

    return sign_up


@pytest.fixture
def update(campaign, admin_user):
    return ReportBack.objects.create(
        campaign=campaign,
        locale=campaign.locale,
        subject="The office replied",
        body="Thank you for signing.\n\nThe office has replied to your letters.",
        created_by=admin_user,
    )


def updates_in(recorder):
    """The report-backs the SMTP server received (not signing's own emails)."""
    return [m for m in recorder.messages if m["List-Unsubscribe"]]
