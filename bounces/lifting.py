"""Lifting a suppression, for a supporter who asks to receive email again: the row goes, the
time is kept (bounces.models.Lifted) so that an older event does not bring it back, and the
audit log says who lifted it and when (never the address; the reason and the date it held)."""

from django.db import transaction
from django.utils import timezone
from wagtail.log_actions import log

from .models import Lifted

LIFTED = "bounces.suppression_lifted"


def lift(suppression, user):
    with transaction.atomic():
        log(
            instance=suppression,
            action=LIFTED,
            user=user,
            data={
                "reason": suppression.reason,
                "since": suppression.created_at.isoformat(),
                "source": suppression.source,
            },
        )
        Lifted.objects.update_or_create(
            supporter_key=suppression.supporter_key, defaults={"lifted_at": timezone.now()}
        )
        suppression.delete()
