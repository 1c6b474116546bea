"""The record of consent to hear more (campaigns.models.opt_ins): versioned words, opt-ins that
become consent only once the signature counts, withdrawals kept, suppressed addresses left out."""

import pytest

from campaigns import events
from campaigns.models import ConsentWording, OptIn, Scope, Suppression, Withdrawal
from tests.conftest import supporter_key_of

pytestmark = pytest.mark.django_db


def signed(client, campaign, valid_post, **answers):
    response = client.post(campaign.url, {**valid_post, **answers})
    assert response.status_code == 303
    return campaign.get_submissions().latest("pk")


def opt_in(signature, text="Email me updates about this campaign.", given=True):
    wording = ConsentWording.for_text(
        Scope.CAMPAIGN, signature.language, text, campaign_key=signature.campaign_key
    )
    return OptIn.objects.create(
        signature=signature,
        wording=wording,
        scope=wording.scope,
        campaign_key=signature.campaign_key,
        given_at=signature.confirmed_at if given else None,
    )


def test_the_same_words_are_one_version_and_new_words_the_next(campaign):
    key = campaign.translation_key
    first = ConsentWording.for_text(Scope.CAMPAIGN, "en", "Email me updates.", campaign_key=key)
    again = ConsentWording.for_text(Scope.CAMPAIGN, "en", "Email me updates.", campaign_key=key)
    changed = ConsentWording.for_text(Scope.CAMPAIGN, "en", "Send me news.", campaign_key=key)
    chinese = ConsentWording.for_text(
        Scope.CAMPAIGN, "zh-hant", "請電郵通知我。", campaign_key=key
    )
    organisation = ConsentWording.for_text(Scope.ORGANISATION, "en", "Email me updates.")

    assert first == again
    assert (first.version, changed.version, chinese.version) == (1, 2, 1)
    assert organisation.version == 1 and organisation.campaign_key is None
    assert ConsentWording.objects.count() == 4


def test_reachable_is_given_counted_known_and_not_suppressed(client, campaign, valid_post):
    kept = opt_in(signed(client, campaign, valid_post))
    pending = opt_in(
        signed(client, campaign, valid_post, email="pending@example.org"), given=False
    )
    withdrawn = opt_in(signed(client, campaign, valid_post, email="gone@example.org"))
    withdrawn_ids = []
    events.opt_in_changed.connect(
        lambda sender, opt_in_ids, change, **kw: withdrawn_ids.extend(opt_in_ids),
        weak=False,
        dispatch_uid="test-withdrawn",
    )
    try:
        assert OptIn.objects.filter(pk=withdrawn.pk).withdraw(Withdrawal.PREFERENCES) == 1
        # Withdrawing again changes nothing and says nothing.
        assert OptIn.objects.filter(pk=withdrawn.pk).withdraw(Withdrawal.PREFERENCES) == 0
    finally:
        events.opt_in_changed.disconnect(dispatch_uid="test-withdrawn")
    bounced = opt_in(signed(client, campaign, valid_post, email="bounced@example.org"))

    assert Suppression.add(supporter_key_of("bounced@example.org"), Suppression.Reason.BOUNCE)
    assert not Suppression.add(supporter_key_of("bounced@example.org"), "complaint")

    assert list(OptIn.objects.reachable()) == [kept]
    assert withdrawn_ids == [withdrawn.pk]
    bounced.refresh_from_db()
    assert bounced.withdrawn_how == Withdrawal.BOUNCE
    assert OptIn.objects.filter(pk=pending.pk).give() == 1
    assert set(OptIn.objects.reachable()) == {kept, pending}

    # Ticked after the address was suppressed (it signs again, say): never reachable either.
    wording = ConsentWording.for_text(Scope.ORGANISATION, "en", "Email me about others.")
    OptIn.objects.create(
        signature=bounced.signature,
        wording=wording,
        scope=wording.scope,
        campaign_key=bounced.campaign_key,
        given_at=bounced.given_at,
    )
    assert set(OptIn.objects.reachable()) == {kept, pending}
