"""The organisation's endpoints, and one delivery row per event and endpoint: the delivery log.

A delivery row holds what the event is about as ids only (a signature's id, its campaign, the
opt-ins'); what it says is written when it is sent (webhooks.payloads), from what is stored
then, so a supporter erased before their signature's messages went out is not in any of them.
No foreign key to the signature: the log of a signature deleted since stays.
"""

import uuid

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.encryption import EncryptedTextField

from . import signing
from .addresses import validate_endpoint_url


class EventType(models.TextChoices):
    SIGNATURE_CREATED = "signature.created", _("A signature is made")
    SIGNATURE_CONFIRMED = "signature.confirmed", _("A supporter confirms their signature")
    SIGNATURE_RELEASED = "signature.released", _("A reviewer releases a held signature")
    SIGNATURE_ERASED = "signature.erased", _("A signature's details are erased, or it is deleted")
    OPT_IN_CHANGED = "opt_in.changed", _("An opt-in is given or withdrawn")


class WebhookEndpoint(models.Model):
    url = models.URLField(
        max_length=2000,
        validators=[validate_endpoint_url],
        verbose_name=_("URL"),
        help_text=_("Where messages are posted: https only. Redirects are not followed."),
    )
    description = models.CharField(max_length=255, blank=True, verbose_name=_("description"))
    events = models.JSONField(default=list, blank=True, verbose_name=_("events"))
    include_personal_data = models.BooleanField(
        default=False,
        verbose_name=_("include supporters' details"),
        help_text=_(
            "Off: messages carry ids, campaign, language, time and source only. On: they also "
            "carry each supporter's answers (name, email address, message), so the receiving "
            "system holds the names of people who may be at risk for signing, and anyone "
            "who gets into it, or intercepts its traffic, learns who they are. Turn it on only "
            "for a system that protects them as well as this portal does. Details erased here "
            "are never sent, but what was sent before stays there: erase it there too."
        ),
    )
    active = models.BooleanField(default=True, verbose_name=_("active"))
    secret = EncryptedTextField(editable=False, default=signing.new_secret)
    # After "rotate secret": the secret before, which still signs until previous_secret_until.
    previous_secret = EncryptedTextField(null=True, blank=True, editable=False)
    previous_secret_until = models.DateTimeField(null=True, blank=True, editable=False)
    # Set when the receiver answered 410 Gone: it asked to hear no more.
    disabled_at = models.DateTimeField(
        null=True, blank=True, editable=False, verbose_name=_("turned off by the receiver at")
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("webhook endpoint")
        verbose_name_plural = _("webhook endpoints")
        ordering = ["url"]

    def __str__(self):
        return self.description or self.url

    def signing_secrets(self, now=None):
        """The secret, and the one before it during the day after a rotation."""
        now = now or timezone.now()
        until = self.previous_secret_until
        if self.previous_secret and until and now < until:
            return [self.secret, self.previous_secret]
        return [self.secret]

    def rotate_secret(self, now=None):
        now = now or timezone.now()
        self.previous_secret = self.secret
        self.previous_secret_until = now + signing.ROTATION_OVERLAP
        self.secret = signing.new_secret()
        self.save(update_fields=["secret", "previous_secret", "previous_secret_until"])


class Status(models.TextChoices):
    PENDING = "pending", _("Pending")
    DELIVERED = "delivered", _("Delivered")
    FAILED = "failed", _("Failed")


def new_message_id():
    return f"msg_{uuid.uuid4().hex}"


class WebhookDelivery(models.Model):
    endpoint = models.ForeignKey(
        WebhookEndpoint,
        on_delete=models.CASCADE,
        related_name="deliveries",
        verbose_name=_("endpoint"),
    )
    # The webhook-id header: the same on every attempt, so the receiver can drop a duplicate.
    message_id = models.CharField(max_length=40, unique=True, default=new_message_id)
    event_type = models.CharField(
        max_length=32, choices=EventType.choices, verbose_name=_("event")
    )
    occurred_at = models.DateTimeField(default=timezone.now, verbose_name=_("happened at"))
    signature_id = models.PositiveBigIntegerField(null=True, blank=True)
    campaign_key = models.UUIDField(null=True, blank=True)
    opt_in_ids = models.JSONField(default=list, blank=True)
    change = models.CharField(max_length=16, blank=True)

    status = models.CharField(
        max_length=16, choices=Status.choices, default=Status.PENDING, verbose_name=_("status")
    )
    attempts = models.PositiveIntegerField(default=0, verbose_name=_("attempts"))
    last_status_code = models.PositiveSmallIntegerField(
        null=True, blank=True, verbose_name=_("last HTTP status")
    )
    # The kind of error only (ConnectionRefusedError, TimeoutError, RefusedAddress): never a
    # response's text, which the receiver wrote and which may quote what it was sent.
    last_error = models.CharField(max_length=100, blank=True, verbose_name=_("last error"))
    last_attempt_at = models.DateTimeField(null=True, blank=True, verbose_name=_("last attempt"))
    next_attempt_at = models.DateTimeField(null=True, blank=True, verbose_name=_("next attempt"))
    delivered_at = models.DateTimeField(null=True, blank=True, verbose_name=_("delivered at"))
    # The one task allowed to send it now: "send again now" issues another, and a retry queued
    # before it then finds itself superseded and sends nothing.
    ticket = models.UUIDField(default=uuid.uuid4, editable=False)

    class Meta:
        verbose_name = _("webhook delivery")
        verbose_name_plural = _("webhook deliveries")
        indexes = [
            models.Index(fields=["endpoint", "-occurred_at"], name="webhook_log"),
            models.Index(fields=["status", "delivered_at"], name="webhook_delivered"),
        ]

    def __str__(self):
        return f"{self.event_type} {self.message_id}"
