"""Counts: the tally pages show, and signatures collected on paper."""

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class SignatureTally(models.Model):
    """A campaign's signature count, as pages show it: recounted in batches by the scheduler
    (see campaigns.tally), so a page view never counts rows and a signature never waits on a
    shared counter row."""

    campaign_key = models.UUIDField(primary_key=True, editable=False)
    online = models.PositiveIntegerField(default=0)
    paper = models.PositiveIntegerField(default=0)
    by_language = models.JSONField(default=dict)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("signature count")
        verbose_name_plural = _("signature counts")

    def __str__(self):
        return f"{self.campaign_key}: {self.total}"

    @property
    def total(self):
        return self.online + self.paper


class PaperSignatures(models.Model):
    """Signatures collected offline (on paper, at a stall), added to a campaign's count by an
    editor. Each addition is kept, with who made it and when."""

    page = models.ForeignKey(
        "CampaignPage",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("campaign"),
    )
    campaign_key = models.UUIDField(db_index=True, editable=False)
    count = models.PositiveIntegerField(
        validators=[MinValueValidator(1)],
        verbose_name=_("number of signatures"),
        help_text=_("How many signatures this batch adds to the campaign's count."),
    )
    note = models.CharField(
        max_length=255,
        blank=True,
        verbose_name=_("note"),
        help_text=_("Optional. Where and when they were collected, e.g. 'Stall, 12 June'."),
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("added by"),
    )
    added_at = models.DateTimeField(auto_now_add=True, verbose_name=_("added at"))

    class Meta:
        verbose_name = _("paper signatures")
        verbose_name_plural = _("paper signatures")
        ordering = ["-added_at"]

    def __str__(self):
        return _("%(count)s paper signatures for %(campaign)s") % {
            "count": self.count,
            "campaign": self.page.title if self.page else "?",
        }

    def save(self, *args, **kwargs):
        if self.page_id:
            self.campaign_key = self.page.translation_key
        super().save(*args, **kwargs)
