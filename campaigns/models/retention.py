"""How long a campaign keeps its supporters' details (campaigns.team.data_protection erases
them): on by default, counted from the action's closing, so that names stay until the final
hand-over of the delivery pack, and the team is warned a week before."""

import datetime

from django.db import models
from django.utils.translation import gettext_lazy as _


class RetentionStart(models.TextChoices):
    CLOSING = "closing", _("the action's closing (each signature, while it has no closing time)")
    SIGNING = "signing", _("each signature")


class RetentionMixin(models.Model):
    retention_days = models.PositiveIntegerField(
        null=True,
        blank=True,
        default=180,
        verbose_name=_("keep supporters' details for (days)"),
        help_text=_(
            "After this many days a signature's personal details are erased automatically; "
            "the count of signatures stays. The team is emailed a week before, to hand over "
            "the delivery pack in time. Leave empty to keep them until erased by hand."
        ),
    )
    retention_from = models.CharField(
        max_length=16,
        choices=RetentionStart.choices,
        default=RetentionStart.CLOSING,
        verbose_name=_("counted from"),
    )

    class Meta:
        abstract = True

    @property
    def erasure_due_at(self):
        """When every signature's details are due at once (counted from the closing), or None
        (counted from each signature, kept, or an action with no closing time yet)."""
        if self.retention_days is None or self.action_closes_at is None:
            return None
        if self.retention_from != RetentionStart.CLOSING:
            return None
        return self.action_closes_at + datetime.timedelta(days=self.retention_days)

    def retention_cutoff(self, now):
        """Signatures made before this moment are due for erasure now, or None for none."""
        if self.retention_days is None:
            return None
        due = self.erasure_due_at
        if due is not None:
            return now if now >= due else None
        # From each signature, or from a closing not set yet: nobody is kept for ever.
        return now - datetime.timedelta(days=self.retention_days)
