"""Deliveries of supporters' letters to a campaign's target: the page's fields that say where and
how, and the record of each email that carried letters (campaigns.team.delivery sends them)."""

from django.core.validators import MaxValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class DeliveryMode(models.TextChoices):
    DIGEST = "digest", _("Once a day: every new letter in one email")
    EACH = "each", _("One email per signature")


class LetterDelivery(models.Model):
    """One email to a campaign's target carrying supporters' letters: a daily digest, or a
    single letter. Queued in the mail outbox in the same transaction as its letters are marked
    delivered (see campaigns.delivery)."""

    campaign_key = models.UUIDField(editable=False, verbose_name=_("campaign"))
    mode = models.CharField(
        max_length=16, choices=DeliveryMode.choices, editable=False, verbose_name=_("mode")
    )
    # The local day a digest belongs to: at most one digest per campaign and day, enforced by
    # the database even if two schedulers ran at once. Empty for single letters.
    period = models.DateField(null=True, editable=False, verbose_name=_("day"))
    to_address = models.EmailField(editable=False, verbose_name=_("sent to"))
    count = models.PositiveIntegerField(editable=False, verbose_name=_("letters"))
    queued_at = models.DateTimeField(
        default=timezone.now, editable=False, verbose_name=_("queued at")
    )

    class Meta:
        verbose_name = _("delivery to the target")
        verbose_name_plural = _("deliveries to the target")
        indexes = [models.Index(fields=["campaign_key", "queued_at"])]
        constraints = [
            models.UniqueConstraint(
                fields=["campaign_key", "period"],
                condition=models.Q(mode="digest"),
                name="one_digest_per_campaign_and_day",
            )
        ]

    def __str__(self):
        return f"{self.campaign_key} {self.mode} {self.queued_at:%Y-%m-%d %H:%M}"


class DeliveryToTargetMixin(models.Model):
    """For the campaign page: where supporters' letters go, and how often."""

    target_address = models.EmailField(
        blank=True,
        verbose_name=_("target's email address"),
        help_text=_(
            "Optional. The email address of the office or official the letter is addressed to, "
            "e.g. the Chief Executive's office. Every counted signature's letter (the "
            "supporter's name and message, never their email address) is sent there. Leave "
            "empty to deliver nothing by email."
        ),
    )
    delivery_mode = models.CharField(
        max_length=16,
        choices=DeliveryMode.choices,
        default=DeliveryMode.DIGEST,
        verbose_name=_("how letters are delivered"),
        help_text=_(
            "A daily email with every letter since the last one is easier on the recipient; "
            "one email per signature makes each voice arrive on its own (at most 100 a minute)."
        ),
    )
    digest_hour = models.PositiveSmallIntegerField(
        default=18,
        validators=[MaxValueValidator(23)],
        choices=[(hour, f"{hour:02d}:00") for hour in range(24)],
        verbose_name=_("time of the daily email"),
        help_text=_(
            "In the site's time zone (Hong Kong unless set otherwise). At most one email a "
            "day: at this hour, with every letter since the last email. If none have come in "
            "by then, the first letter that arrives later that day is sent at once."
        ),
    )

    class Meta:
        abstract = True
