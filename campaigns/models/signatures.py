"""Signatures: what supporters sent, one row per signature, tied to the campaign in all its
languages rather than to one page row."""

from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.forms.models import AbstractFormSubmission

from campaigns import events
from portal.encryption import EncryptedJSONField, EncryptedTextField
from portal.languages import language_code, language_name


class CampaignSubmissionQuerySet(models.QuerySet):
    def counted(self):
        """Signatures that count: confirmed, or made where no confirmation is asked for. A held
        signature has no confirmed_at until a reviewer releases it."""
        return self.filter(confirmed_at__isnull=False)

    def unconfirmed(self):
        """Waiting for their supporter to follow the emailed link (held ones were sent none)."""
        return self.filter(confirmed_at__isnull=True, quarantined_at__isnull=True)

    def quarantined(self):
        """Held for review (campaigns.signing.quarantine)."""
        return self.filter(quarantined_at__isnull=False)


class CampaignSubmission(AbstractFormSubmission):
    """A signature. Tied to the campaign (all its languages), not to one page row, so deleting a
    translation or the page itself never deletes what supporters sent. What they sent (answers
    and consent) is encrypted at rest (portal.encryption); who they are, only as a keyed hash."""

    # Wagtail's JSONField, encrypted: reading code sees the same dict of answers.
    form_data = EncryptedJSONField(verbose_name=_("answers"))

    page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("page"),
    )
    campaign_key = models.UUIDField(
        db_index=True,
        editable=False,
        verbose_name=_("campaign"),
        help_text=_("The translation key shared by every language of the campaign."),
    )
    language = models.CharField(max_length=16, editable=False, verbose_name=_("language"))
    consent = EncryptedTextField(
        blank=True,
        editable=False,
        verbose_name=_("consent"),
        help_text=_("The consent the supporter gave, in the words and language they saw."),
    )
    # On a partner's site (the embedded form, campaigns' `embed/`): the partner's own consent
    # line, as the supporter read it, if they ticked it; NULL otherwise (and for every signature
    # from before partners, which need no value written).
    partner_consent = EncryptedTextField(
        null=True,
        blank=True,
        editable=False,
        verbose_name=_("partner consent"),
        help_text=_("The partner's consent line the supporter ticked, in the words they saw."),
    )
    anonymised_at = models.DateTimeField(
        null=True, blank=True, editable=False, verbose_name=_("anonymised at")
    )
    source = models.JSONField(
        default=dict,
        blank=True,
        editable=False,
        verbose_name=_("source"),
        help_text=_("The source and utm_* parameters of the address the supporter signed at."),
    )
    # Set when the signature is made, unless the campaign asks supporters to confirm their
    # address first (double opt-in): then when they follow the link. Only confirmed ones count.
    confirmed_at = models.DateTimeField(
        null=True,
        blank=True,
        default=timezone.now,
        editable=False,
        verbose_name=_("confirmed at"),
    )
    # Double opt-in: when the one reminder to confirm was queued (campaigns.team.reminders).
    confirmation_reminded_at = models.DateTimeField(
        null=True, blank=True, editable=False, verbose_name=_("reminded to confirm at")
    )
    # Set in the same transaction as the email that carries the letter to the campaign's target
    # (campaigns.delivery), so a letter is never sent twice and never lost.
    delivery = models.ForeignKey(
        "LetterDelivery",
        null=True,
        blank=True,
        editable=False,
        on_delete=models.PROTECT,
        related_name="letters",
        verbose_name=_("delivered in"),
    )
    delivered_at = models.DateTimeField(
        null=True, blank=True, editable=False, verbose_name=_("delivered to the target at")
    )
    # NULL, not "": a form without an email field stores no key, and NULLs never collide.
    supporter_key = models.CharField(  # noqa: DJ001
        max_length=320,
        null=True,
        editable=False,
        verbose_name=_("supporter"),
        help_text=_(
            "A keyed hash of the normalised email address, never the address: one signature "
            "per person per campaign."
        ),
    )

    # The nonce of the form token it was sent with (campaigns.signing.tokens): unique, so a
    # token signs once. Not personal: random, and known only to the reader's browser.
    form_token = models.CharField(  # noqa: DJ001
        max_length=32, null=True, unique=True, editable=False, verbose_name=_("form token")
    )
    # Held for review (campaigns.signing.quarantine): not counted, emailed or delivered until a
    # reviewer approves it. Network and domain are kept only while it is held, to review by.
    quarantined_at = models.DateTimeField(
        null=True, blank=True, editable=False, verbose_name=_("held for review since")
    )
    quarantine_reasons = models.JSONField(
        default=list, blank=True, editable=False, verbose_name=_("why it is held")
    )
    network = models.CharField(  # noqa: DJ001
        max_length=16,
        null=True,
        blank=True,
        editable=False,
        verbose_name=_("network"),
        help_text=_("A keyed hash of the client's network (/24 or /64), never its address."),
    )
    email_domain = models.CharField(  # noqa: DJ001
        max_length=255, null=True, blank=True, editable=False, verbose_name=_("email domain")
    )

    objects = CampaignSubmissionQuerySet.as_manager()

    class Meta(AbstractFormSubmission.Meta):
        verbose_name = _("signature")
        verbose_name_plural = _("signatures")
        permissions = [("review_campaignsubmission", _("Can review signatures held for review"))]
        indexes = [
            models.Index(fields=["campaign_key", "submit_time"]),
            # The tally finds campaigns with newly counted signatures, then counts by language.
            models.Index(fields=["confirmed_at"], name="submission_confirmed"),
            models.Index(fields=["campaign_key", "language"], name="submission_language"),
            # The review screen and the team's alert look at held signatures only.
            models.Index(
                fields=["campaign_key", "quarantined_at"],
                condition=models.Q(quarantined_at__isnull=False),
                name="submission_quarantined",
            ),
            # The delivery job looks for letters not yet delivered every minute; delivered
            # ones (nearly all of them) stay out of this index.
            models.Index(
                fields=["campaign_key", "submit_time"],
                condition=models.Q(delivered_at__isnull=True),
                name="submission_undelivered",
            ),
        ]
        constraints = [
            # Enforced by the database, so concurrent identical posts still give one row.
            models.UniqueConstraint(
                fields=["campaign_key", "supporter_key"],
                condition=models.Q(supporter_key__isnull=False),
                name="one_signature_per_supporter",
            )
        ]

    def save(self, *args, **kwargs):
        if self.page_id and not self.campaign_key:
            self.campaign_key = self.page.translation_key
            self.language = language_code(self.page.locale_id)
        super().save(*args, **kwargs)

    def get_data(self):
        return {
            **super().get_data(),
            **self.source,
            "language": self.get_language_display(),
            "consent": self.consent,
            "partner_consent": self.partner_consent or "",
            "confirmed_at": self.confirmed_at,
        }

    def anonymise(self, now):
        """Forget who signed, keep that someone did: the count, language and time stay."""
        self.form_data = dict.fromkeys(self.form_data, "")
        self.supporter_key = None
        self.email_domain = self.network = None  # a held one's, kept for its review
        self.anonymised_at = now
        with transaction.atomic():
            self.save(
                update_fields=[
                    "form_data",
                    "supporter_key",
                    "email_domain",
                    "network",
                    "anonymised_at",
                ]
            )
            # Consent to hear more ends with the details it was about (campaigns.models.opt_ins).
            self.opt_ins.all().withdraw("erasure", now)
            events.signature_erased.send(
                CampaignSubmission, campaign_key=self.campaign_key, submission_id=self.pk
            )

    def get_language_display(self):
        return language_name(self.language)
