"""Consent to hear more, apart from the signature: who may be written to again, about what, in
which words, and who may never be written to again.

A signature's own consent covers the letter only. Writing to a supporter afterwards (an update
on the campaign, news of the organisation's other campaigns, a partner's) is direct marketing
under Hong Kong's PDPO (Part 6A) and the GDPR, and needs its own, optional, unticked box.

- `ConsentWording`: one version of one opt-in's words in one language. Content-addressed: the
  same words give the same row, changed words a new row with the next version number, so what a
  supporter agreed to stays on record however the editors reword it later.
- `OptIn`: a supporter's yes to one wording, on one signature. Withdrawn, never deleted, so the
  record of what was agreed and when it ended outlives the consent.
- `Suppression`: an address that bounced, complained or unsubscribed from everything, as the
  keyed hash signatures use (campaigns.signing.supporters): never written to again, whatever it
  signs later.

Who to write to is asked of `OptIn.objects.reachable()`; what a withdrawal means is
`OptIn.objects.withdraw()`.
"""

import hashlib

from django.db import IntegrityError, models, transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from campaigns.events import opt_in_changed


class Scope(models.TextChoices):
    CAMPAIGN = "campaign", _("Updates about this campaign")
    ORGANISATION = "organisation", _("The organisation's other campaigns")
    PARTNER = "partner", _("A partner organisation")


class Withdrawal(models.TextChoices):
    UNSUBSCRIBE = "unsubscribe", _("One-click unsubscribe")
    PREFERENCES = "preferences", _("Preferences page")
    CONFIRM_ONLY = "confirm_only", _("Confirmed the signature only")
    BOUNCE = "bounce", _("The address bounced")
    COMPLAINT = "complaint", _("Marked as spam")
    ERASURE = "erasure", _("Erased")


class ConsentWording(models.Model):
    """Not personal: the words every supporter of a campaign in one language was shown."""

    scope = models.CharField(max_length=16, choices=Scope.choices, verbose_name=_("scope"))
    # The campaign in all its languages (its translation key) for the campaign scope; NULL for
    # the organisation's and a partner's, which are the same on every campaign.
    campaign_key = models.UUIDField(null=True, blank=True, verbose_name=_("campaign"))
    partner_key = models.UUIDField(
        null=True,
        blank=True,
        verbose_name=_("partner"),
        help_text=_("The translation key of the partner (organisation.Partner)."),
    )
    language = models.CharField(max_length=16, verbose_name=_("language"))
    text = models.TextField(verbose_name=_("words"))
    version = models.PositiveIntegerField(
        verbose_name=_("version"),
        help_text=_("1 for the first words of this opt-in in this language, then 2, 3, …"),
    )
    digest = models.CharField(max_length=64, unique=True, editable=False)
    first_shown_at = models.DateTimeField(default=timezone.now, verbose_name=_("first shown"))

    class Meta:
        verbose_name = _("opt-in wording")
        verbose_name_plural = _("opt-in wordings")
        constraints = [
            models.UniqueConstraint(
                fields=["scope", "campaign_key", "partner_key", "language", "version"],
                name="one_wording_per_version",
            )
        ]

    def __str__(self):
        return self.text

    @staticmethod
    def digest_of(scope, campaign_key, partner_key, language, text):
        parts = (scope, str(campaign_key or ""), str(partner_key or ""), language, text)
        return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()

    @classmethod
    def for_text(cls, scope, language, text, campaign_key=None, partner_key=None):
        """The row of these words, made (as the next version) the first time they are shown."""
        if scope != Scope.CAMPAIGN:
            campaign_key = None
        digest = cls.digest_of(scope, campaign_key, partner_key, language, text)
        found = cls.objects.filter(digest=digest).first()
        if found is not None:
            return found
        same = cls.objects.filter(
            scope=scope, campaign_key=campaign_key, partner_key=partner_key, language=language
        )
        for _attempt in range(3):
            version = (same.aggregate(last=models.Max("version"))["last"] or 0) + 1
            try:
                with transaction.atomic():
                    return cls.objects.create(
                        scope=scope,
                        campaign_key=campaign_key,
                        partner_key=partner_key,
                        language=language,
                        text=text,
                        version=version,
                        digest=digest,
                    )
            except IntegrityError:
                # Another request showed the same words (or others) at the same moment.
                found = cls.objects.filter(digest=digest).first()
                if found is not None:
                    return found
        raise IntegrityError("Could not record the opt-in's wording.")


# The columns of the signatures' list and exports (campaigns.team.exports), one per scope.
EXPORT_COLUMNS = {
    "opt_in_campaign": (Scope.CAMPAIGN, _("Opt-in: updates about this campaign")),
    "opt_in_organisation": (Scope.ORGANISATION, _("Opt-in: the organisation's other campaigns")),
    "opt_in_partner": (Scope.PARTNER, _("Opt-in: the partner")),
}


def export_cells(opt_ins):
    """{column: text} for a signature's opt-ins, each (scope, version, given_at, withdrawn_at):
    "Yes (version 2)" for consent, "Not yet (version 1)" while its signature waits to count,
    "No" for none or one withdrawn ("No: withdrawn (version 1)")."""
    cells = {column: gettext("No") for column in EXPORT_COLUMNS}
    by_scope = {scope: column for column, (scope, _label) in EXPORT_COLUMNS.items()}
    for scope, version, given_at, withdrawn_at in opt_ins:
        if withdrawn_at is not None:
            text = gettext("No: withdrawn (version %(version)d)")
        elif given_at is not None:
            text = gettext("Yes (version %(version)d)")
        else:
            text = gettext("Not yet (version %(version)d)")
        cells[by_scope[scope]] = text % {"version": version}
    return cells


class SuppressionQuerySet(models.QuerySet):
    def of(self, supporter_key):
        return self.filter(supporter_key=supporter_key)


class Suppression(models.Model):
    """An address that is never written to again, not even a new signature's confirmation
    link (campaigns.signing.confirmation): the address bounced, or its owner asked for no more
    email. Lifting it (the admin's Suppressed addresses, bounces.admin_views) is the way back,
    for a supporter who asks."""

    class Reason(models.TextChoices):
        BOUNCE = "bounce", _("Bounced")
        COMPLAINT = "complaint", _("Marked as spam")
        UNSUBSCRIBE = "unsubscribe", _("Unsubscribed from everything")

    supporter_key = models.CharField(
        max_length=320,
        unique=True,
        verbose_name=_("supporter"),
        help_text=_("A keyed hash of the normalised email address, never the address."),
    )
    reason = models.CharField(max_length=16, choices=Reason.choices, verbose_name=_("reason"))
    created_at = models.DateTimeField(default=timezone.now, verbose_name=_("since"))
    # Which service said so, and its event id: a replayed webhook changes nothing.
    source = models.CharField(max_length=64, blank=True, verbose_name=_("reported by"))

    objects = SuppressionQuerySet.as_manager()

    class Meta:
        verbose_name = _("suppressed address")
        verbose_name_plural = _("suppressed addresses")

    def __str__(self):
        return f"{self.get_reason_display()} ({self.created_at:%Y-%m-%d})"

    @classmethod
    def add(cls, supporter_key, reason, source=""):
        """Suppress an address (idempotent; the first reason is kept) and withdraw every
        opt-in it gave. Returns True if it was new."""
        if not supporter_key:
            return False
        with transaction.atomic():
            _row, created = cls.objects.get_or_create(
                supporter_key=supporter_key, defaults={"reason": reason, "source": source}
            )
            how = {
                cls.Reason.BOUNCE: Withdrawal.BOUNCE,
                cls.Reason.COMPLAINT: Withdrawal.COMPLAINT,
            }.get(reason, Withdrawal.UNSUBSCRIBE)
            OptIn.objects.filter(signature__supporter_key=supporter_key).withdraw(how)
        return created


def suppressed_among(supporter_keys):
    """Which of these keys are suppressed, in one query."""
    keys = {key for key in supporter_keys if key}
    if not keys:
        return set()
    return set(
        Suppression.objects.filter(supporter_key__in=keys).values_list("supporter_key", flat=True)
    )


def is_suppressed(supporter_key):
    return bool(supporter_key) and Suppression.objects.of(supporter_key).exists()


class OptInQuerySet(models.QuerySet):
    def active(self):
        return self.filter(withdrawn_at__isnull=True)

    def reachable(self):
        """Opt-ins that may be written to now: not withdrawn, on a counted signature that still
        knows its supporter, whose address is not suppressed. The caller dedupes by
        `signature__supporter_key` where one person may have signed several campaigns."""
        suppressed = Suppression.objects.filter(supporter_key=OuterRef("signature__supporter_key"))
        return (
            self.active()
            .filter(
                signature__confirmed_at__isnull=False,
                signature__anonymised_at__isnull=True,
                signature__supporter_key__isnull=False,
                # An opt-in on an unconfirmed signature is not yet consent: the address may not
                # be theirs. `confirmed_at` above covers it; `given_at` says it was kept.
                given_at__isnull=False,
            )
            .exclude(Exists(suppressed))
        )

    def withdraw(self, how, now=None):
        """End these opt-ins (the active ones), and say so (campaigns.events); returns how many
        ended."""
        now = now or timezone.now()
        with transaction.atomic():
            ids = list(self.active().select_for_update().values_list("pk", flat=True))
            ended = OptIn.objects.filter(pk__in=ids).update(withdrawn_at=now, withdrawn_how=how)
            if ids:
                opt_in_changed.send(OptIn, opt_in_ids=ids, change="withdrawn")
        return ended

    def give(self, now=None):
        """These opt-ins become consent (ticked, and the signature counts), and say so."""
        now = now or timezone.now()
        with transaction.atomic():
            ids = list(
                self.active()
                .filter(given_at__isnull=True)
                .select_for_update()
                .values_list("pk", flat=True)
            )
            given = OptIn.objects.filter(pk__in=ids).update(given_at=now)
            if ids:
                opt_in_changed.send(OptIn, opt_in_ids=ids, change="given")
        return given


class OptIn(models.Model):
    signature = models.ForeignKey(
        "campaigns.CampaignSubmission",
        on_delete=models.CASCADE,
        related_name="opt_ins",
        verbose_name=_("signature"),
    )
    wording = models.ForeignKey(
        ConsentWording, on_delete=models.PROTECT, related_name="+", verbose_name=_("words")
    )
    # Copied from the wording, to find a scope's supporters without a join.
    scope = models.CharField(max_length=16, choices=Scope.choices, verbose_name=_("scope"))
    campaign_key = models.UUIDField(verbose_name=_("campaign"))
    partner_key = models.UUIDField(null=True, blank=True, verbose_name=_("partner"))
    ticked_at = models.DateTimeField(default=timezone.now, verbose_name=_("ticked at"))
    # When it became consent: at once where no confirmation is asked; else when the supporter
    # chose "confirm and keep me updated". NULL until then.
    given_at = models.DateTimeField(null=True, blank=True, verbose_name=_("given at"))
    withdrawn_at = models.DateTimeField(null=True, blank=True, verbose_name=_("withdrawn at"))
    withdrawn_how = models.CharField(
        max_length=16, choices=Withdrawal.choices, blank=True, verbose_name=_("withdrawn by")
    )

    objects = OptInQuerySet.as_manager()

    class Meta:
        verbose_name = _("opt-in")
        verbose_name_plural = _("opt-ins")
        constraints = [
            # Two, because NULLs never collide (and SQLite has no NULLS NOT DISTINCT).
            models.UniqueConstraint(
                fields=["signature", "scope"],
                condition=models.Q(partner_key__isnull=True),
                name="one_opt_in_per_scope",
            ),
            models.UniqueConstraint(
                fields=["signature", "scope", "partner_key"],
                condition=models.Q(partner_key__isnull=False),
                name="one_opt_in_per_partner",
            ),
        ]
        indexes = [
            models.Index(
                fields=["scope", "campaign_key"],
                condition=models.Q(withdrawn_at__isnull=True),
                name="opt_in_active",
            )
        ]

    def __str__(self):
        return f"{self.get_scope_display()}: {self.wording.text}"
