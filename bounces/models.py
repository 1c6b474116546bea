from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Lifted(models.Model):
    """When a suppression was last lifted for an address (its keyed hash, as Suppression keeps
    it): an event the service reported before then (a webhook replayed, or delivered late)
    does not suppress it again. Nothing else: who lifted it is in the audit log."""

    supporter_key = models.CharField(
        max_length=320,
        unique=True,
        verbose_name=_("supporter"),
        help_text=_("A keyed hash of the normalised email address, never the address."),
    )
    lifted_at = models.DateTimeField(default=timezone.now, verbose_name=_("lifted at"))

    class Meta:
        verbose_name = _("lifted suppression")
        verbose_name_plural = _("lifted suppressions")

    def __str__(self):
        return f"{self.lifted_at:%Y-%m-%d}"
