"""The OSDI API's data: the tokens that open it, and each campaign's push to another system
(Action Network, or any OSDI server) with the log of what was pushed.

Nothing personal is kept here: a token is stored only as its SHA-256 hash, a push's API key is
encrypted (portal.encryption), and the log names signatures by id alone.
"""

import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.encryption import EncryptedTextField

TOKEN_PREFIX = "osdi_"  # noqa: S105 (not a secret: tells a leaked token for what it is)


def token_digest(token):
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


class ApiTokenQuerySet(models.QuerySet):
    def active(self):
        return self.filter(revoked_at__isnull=True)


class ApiToken(models.Model):
    """A token for one user of the organisation: it reads (GET) and/or records signatures
    (POST), never more than its user may do in the admin."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="osdi_tokens",
        verbose_name=_("user"),
    )
    name = models.CharField(
        max_length=100,
        verbose_name=_("name"),
        help_text=_("What the token is for, e.g. 'Action Network sync'."),
    )
    can_read = models.BooleanField(
        default=True,
        verbose_name=_("read"),
        help_text=_("Read petitions, signatures and people (GET)."),
    )
    can_write = models.BooleanField(
        default=False,
        verbose_name=_("write"),
        help_text=_("Record signatures through the record signature helper (POST)."),
    )
    digest = models.CharField(max_length=64, unique=True, editable=False)
    # The first characters, to tell tokens apart in the list; far too few to guess the rest.
    prefix = models.CharField(max_length=12, editable=False, verbose_name=_("starts with"))
    created_at = models.DateTimeField(default=timezone.now, verbose_name=_("created"))
    last_used_at = models.DateTimeField(null=True, blank=True, verbose_name=_("last used"))
    revoked_at = models.DateTimeField(null=True, blank=True, verbose_name=_("revoked"))

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        verbose_name = _("OSDI API token")
        verbose_name_plural = _("OSDI API tokens")
        ordering = ["-created_at"]
        permissions = [("manage_apitoken", _("Can make and revoke OSDI API tokens"))]

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"

    @classmethod
    def make(cls, user, name, can_read=True, can_write=False):
        """A new token: (row, the token itself), which is shown once and never stored."""
        token = TOKEN_PREFIX + secrets.token_urlsafe(32)
        row = cls.objects.create(
            user=user,
            name=name,
            can_read=can_read,
            can_write=can_write,
            digest=token_digest(token),
            prefix=token[: len(TOKEN_PREFIX) + 4],
        )
        return row, token

    @property
    def is_revoked(self):
        return self.revoked_at is not None

    @property
    def scopes_display(self):
        scopes = [str(_("read"))] if self.can_read else []
        if self.can_write:
            scopes.append(str(_("write")))
        return ", ".join(scopes)


class CampaignPush(models.Model):
    """Where a campaign's counted signatures are sent, as OSDI record-signature-helper posts:
    e.g. https://actionnetwork.org/api/v2/petitions/<id>/signatures/. One per campaign, for
    every language of it (its translation key)."""

    campaign_key = models.UUIDField(
        unique=True,
        verbose_name=_("campaign"),
        help_text=_("The translation key shared by every language of the campaign."),
    )
    endpoint = models.URLField(
        max_length=500,
        verbose_name=_("OSDI endpoint"),
        help_text=_(
            "The address signatures are posted to, e.g. Action Network's "
            "https://actionnetwork.org/api/v2/petitions/<id>/signatures/"
        ),
    )
    api_key = EncryptedTextField(
        verbose_name=_("API key"),
        help_text=_("Sent in the OSDI-API-Token header. Stored encrypted; never shown again."),
    )
    add_tags = models.CharField(
        max_length=500,
        blank=True,
        verbose_name=_("tags"),
        help_text=_("Optional. Tags added to each person pushed, separated by commas."),
    )
    enabled = models.BooleanField(
        default=True,
        verbose_name=_("push signatures"),
        help_text=_("Untick to stop pushing without losing the settings."),
    )
    updated_at = models.DateTimeField(auto_now=True, verbose_name=_("updated"))

    class Meta:
        verbose_name = _("OSDI push")
        verbose_name_plural = _("OSDI pushes")

    def __str__(self):
        return self.endpoint

    @property
    def tags(self):
        return [tag.strip() for tag in self.add_tags.split(",") if tag.strip()]


class PushAttempt(models.Model):
    """One attempt to push one signature: what the team sees of the push. Ids and outcomes
    only; a remote server's reply is not kept (it may quote the supporter)."""

    class Outcome(models.TextChoices):
        SENT = "sent", _("Sent")
        RETRY = "retry", _("Failed, to be tried again")
        FAILED = "failed", _("Failed for good")
        SKIPPED = "skipped", _("Not sent: erased, not counted or push turned off")

    campaign_key = models.UUIDField(db_index=True, verbose_name=_("campaign"))
    signature_id = models.PositiveBigIntegerField(verbose_name=_("signature"))
    attempt = models.PositiveSmallIntegerField(default=1, verbose_name=_("try"))
    outcome = models.CharField(max_length=16, choices=Outcome.choices, verbose_name=_("outcome"))
    status_code = models.PositiveSmallIntegerField(
        null=True, blank=True, verbose_name=_("HTTP status")
    )
    error = models.CharField(max_length=100, blank=True, verbose_name=_("error"))
    at = models.DateTimeField(default=timezone.now, db_index=True, verbose_name=_("at"))

    class Meta:
        verbose_name = _("OSDI push attempt")
        verbose_name_plural = _("OSDI push attempts")
        ordering = ["-at"]

    def __str__(self):
        return f"{self.signature_id} #{self.attempt}: {self.outcome}"


class RecordedSignature(models.Model):
    """A signature recorded through the API: which token recorded it, and the tags it asked
    for (add_tags), which the signature itself has no place for."""

    signature = models.OneToOneField(
        "campaigns.CampaignSubmission",
        on_delete=models.CASCADE,
        related_name="osdi_record",
        verbose_name=_("signature"),
    )
    token = models.ForeignKey(
        ApiToken,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("token"),
    )
    tags = models.JSONField(default=list, blank=True, verbose_name=_("tags"))
    recorded_at = models.DateTimeField(default=timezone.now, verbose_name=_("recorded"))

    class Meta:
        verbose_name = _("signature recorded through the API")
        verbose_name_plural = _("signatures recorded through the API")

    def __str__(self):
        return f"{self.signature_id}: {', '.join(self.tags)}"
