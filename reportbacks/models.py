"""Report-backs: what an editor writes to the supporters of a campaign who asked to hear about
it (campaigns.models.opt_ins, scope "campaign"), and the record of who was sent it.

- `ReportBack`: the words, translated as the rest of the site is (wagtail-localize), and its
  state. The state (status, schedule, counts, and the words of every translation as sending
  began) is the same on every translation: it is written to all of them at once (`set_state`).
- `Recipient`: one person (supporter_key) for one report-back, unique: made when sending
  starts, marked queued in the same transaction as their email enters the outbox, so a sender
  run twice, or two at once, writes to each person once. It holds no address: the email is
  written by the worker from the stored signature (reportbacks.emails).
- `AutomaticReportBacks`: the report-backs a campaign sends by itself; `AutomaticEvent`: one row
  per event that sent one, unique, so each event sends once.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, HelpPanel
from wagtail.models import PreviewableMixin, TranslatableMixin
from wagtail_localize.fields import SynchronizedField, TranslatableField

from campaigns.chooser_blocks import CampaignChooserPanel


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SCHEDULED = "scheduled", _("Scheduled")
    SENDING = "sending", _("Sending")
    SENT = "sent", _("Sent")


class ReportBack(PreviewableMixin, TranslatableMixin, models.Model):
    campaign = models.ForeignKey(
        "campaigns.CampaignPage",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("campaign"),
        help_text=_(
            "Sent to the supporters of this campaign, in every language, who asked "
            "for updates about it."
        ),
    )
    # The campaign in all its languages; kept if the page is deleted.
    campaign_key = models.UUIDField(null=True, editable=False, db_index=True)
    subject = models.CharField(max_length=200, verbose_name=_("subject"))
    body = models.TextField(
        verbose_name=_("message"),
        help_text=_("Plain text. Leave an empty line between paragraphs."),
    )
    status = models.CharField(
        max_length=16,
        choices=Status.choices,
        default=Status.DRAFT,
        editable=False,
        verbose_name=_("status"),
    )
    send_at = models.DateTimeField(
        null=True, blank=True, editable=False, verbose_name=_("send at")
    )
    # The automatic event this was written for (AutomaticEvent), empty for an editor's own.
    event = models.CharField(max_length=32, blank=True, editable=False, verbose_name=_("event"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    started_at = models.DateTimeField(null=True, editable=False, verbose_name=_("sending began"))
    finished_at = models.DateTimeField(null=True, editable=False, verbose_name=_("sent at"))
    recipients_count = models.PositiveIntegerField(
        default=0, editable=False, verbose_name=_("recipients")
    )
    # {language: {"subject", "body"}} of every translation as sending began (set_state): what
    # each supporter is sent, however the words are edited or translated while it is sent.
    sent_words = models.JSONField(default=dict, blank=True, editable=False)

    translatable_fields = [
        TranslatableField("subject"),
        TranslatableField("body"),
        SynchronizedField("campaign"),
    ]

    panels = [
        CampaignChooserPanel("campaign"),
        FieldPanel("subject"),
        FieldPanel("body"),
        HelpPanel(
            content=_(
                "Each supporter gets this update in the language they signed in: its "
                "translation into that language, or these words where it has none. Preview, "
                "test and send it from “Preview and send” in the list of updates."
            )
        ),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("update to signers")
        verbose_name_plural = _("updates to signers")
        ordering = ["-created_at"]

    def __str__(self):
        return self.subject

    # Written only by set_state, to every translation at once.
    STATE = ("status", "send_at", "started_at", "finished_at", "recipients_count", "sent_words")

    def save(self, *args, **kwargs):
        if self.campaign_id:
            self.campaign_key = self.campaign.translation_key
        if (
            self.pk is not None
            and not kwargs.get("force_insert")
            and "update_fields" not in kwargs
        ):
            # An edit writes the words, never the state it was loaded with: a form, or
            # wagtail-localize writing a translation from its source as it was when submitted,
            # would otherwise set an update that is being sent back to a draft.
            kwargs["update_fields"] = [
                field.name
                for field in self._meta.concrete_fields
                if not field.primary_key and field.name not in self.STATE
            ]
        super().save(*args, **kwargs)

    @property
    def editable(self):
        """Its words may change until sending begins; from then on they are what was sent."""
        return self.status in (Status.DRAFT, Status.SCHEDULED)

    def translations_by_language(self):
        """{language: this update in it}, every translation, the source among them."""
        return {
            translation.locale.language_code: translation
            for translation in ReportBack.objects.filter(
                translation_key=self.translation_key
            ).select_related("locale")
        }

    def words_in_every_language(self):
        """{language: {"subject", "body"}} of this update's translations as they are now."""
        return {
            language: {"subject": translation.subject, "body": translation.body}
            for language, translation in self.translations_by_language().items()
        }

    def set_state(self, **fields):
        """Write state to every translation of this report-back at once."""
        ReportBack.objects.filter(translation_key=self.translation_key).update(**fields)
        for name, value in fields.items():
            setattr(self, name, value)

    @property
    def sent_count(self):
        return Recipient.objects.filter(
            report_back_key=self.translation_key, sent_at__isnull=False
        ).count()

    def in_language(self, language):
        """This report-back's words in `language`: its translation, or, with none, its own."""
        found = (
            ReportBack.objects.filter(
                translation_key=self.translation_key, locale__language_code=language
            )
            .select_related("locale")
            .first()
        )
        return found or self

    # Wagtail's preview: the email as supporters who signed in this translation's language
    # read it (reportbacks.emails).
    def get_preview_template(self, request, mode_name):
        return "reportbacks/emails/update.html"

    def get_preview_context(self, request, mode_name):
        return {
            "page": self.campaign,
            "subject": self.subject,
            "paragraphs": paragraphs(self.body),
            "unsubscribe_url": "#",
            "preferences_url": "#",
            "test": False,
        }


def paragraphs(text):
    """Plain text's paragraphs: split at empty lines, each line break kept inside one."""
    blocks = (text or "").replace("\r\n", "\n").split("\n\n")
    return [block.strip("\n") for block in blocks if block.strip()]


class Recipient(models.Model):
    report_back_key = models.UUIDField(editable=False, verbose_name=_("update"))
    supporter_key = models.CharField(max_length=320, editable=False)
    # The opt-in they are written to under: it names them in the unsubscribe link, and says
    # the language (its signature's).
    opt_in = models.ForeignKey(
        "campaigns.OptIn", on_delete=models.CASCADE, related_name="+", editable=False
    )
    language = models.CharField(max_length=16, editable=False)
    queued_at = models.DateTimeField(null=True, editable=False, db_index=True)
    sent_at = models.DateTimeField(null=True, editable=False)
    # Not written to after all: withdrawn, suppressed or erased between the start and their turn.
    skipped_at = models.DateTimeField(null=True, editable=False)

    class Meta:
        verbose_name = _("recipient of an update")
        verbose_name_plural = _("recipients of updates")
        constraints = [
            models.UniqueConstraint(
                fields=["report_back_key", "supporter_key"], name="one_update_per_person"
            )
        ]
        indexes = [models.Index(fields=["report_back_key", "queued_at"])]

    def __str__(self):
        return f"{self.report_back_key} #{self.pk}"


class Event(models.TextChoices):
    DELIVERED = "delivered", _("The letters have been delivered to the target")
    MILESTONE = "milestone", _("A milestone is reached")
    CLOSED = "closed", _("The action closes, with its outcome")


class AutomaticReportBacks(models.Model):
    """Per campaign (all its languages): which events write to its supporters by themselves,
    and in which words where the editor replaced the default ones."""

    campaign = models.OneToOneField(
        "campaigns.CampaignPage",
        on_delete=models.CASCADE,
        related_name="automatic_report_backs",
        verbose_name=_("campaign"),
    )
    campaign_key = models.UUIDField(unique=True, editable=False)
    on_delivered = models.BooleanField(
        default=False,
        verbose_name=_("when the letters have been delivered to the target"),
        help_text=_(
            "Once, after the action has closed and every supporter's letter has gone to the "
            "target."
        ),
    )
    on_milestone = models.BooleanField(
        default=False,
        verbose_name=_("when a milestone is reached"),
        help_text=_("Once for each goal the count reaches: 100, 200, 500, 1,000, … signatures."),
    )
    on_closed = models.BooleanField(
        default=False,
        verbose_name=_("when the action closes, with its outcome"),
        help_text=_("Once, when the action closes, with the outcome below."),
    )
    outcome = models.TextField(
        blank=True,
        verbose_name=_("outcome"),
        help_text=_("What the action achieved, for the email sent when it closes."),
    )
    delivered_subject = models.CharField(
        max_length=200,
        blank=True,
        verbose_name=_("subject when delivered"),
        help_text=_(
            "Leave the subjects and messages empty for the default words, which each "
            "supporter reads in the language they signed in. Words written here are sent as "
            "written, to supporters in every language."
        ),
    )
    delivered_body = models.TextField(blank=True, verbose_name=_("message when delivered"))
    milestone_subject = models.CharField(
        max_length=200,
        blank=True,
        verbose_name=_("subject at a milestone"),
        help_text=_("{count} is replaced by the milestone's number of signatures."),
    )
    milestone_body = models.TextField(
        blank=True,
        verbose_name=_("message at a milestone"),
        help_text=_("{count} is replaced by the milestone's number of signatures."),
    )
    closed_subject = models.CharField(
        max_length=200, blank=True, verbose_name=_("subject when the action closes")
    )
    closed_body = models.TextField(
        blank=True,
        verbose_name=_("message when the action closes"),
        help_text=_("{outcome} is replaced by the outcome above."),
    )

    panels = [
        CampaignChooserPanel("campaign"),
        FieldPanel("on_delivered"),
        FieldPanel("on_milestone"),
        FieldPanel("on_closed"),
        FieldPanel("outcome"),
        FieldPanel("delivered_subject"),
        FieldPanel("delivered_body"),
        FieldPanel("milestone_subject"),
        FieldPanel("milestone_body"),
        FieldPanel("closed_subject"),
        FieldPanel("closed_body"),
    ]

    class Meta:
        verbose_name = _("automatic updates to signers")
        verbose_name_plural = _("automatic updates to signers")

    def __str__(self):
        return str(self.campaign)

    def save(self, *args, **kwargs):
        self.campaign_key = self.campaign.translation_key
        super().save(*args, **kwargs)


class AutomaticEvent(models.Model):
    """An event that wrote to a campaign's supporters: once per campaign, event and step."""

    campaign_key = models.UUIDField(editable=False)
    event = models.CharField(max_length=16, choices=Event.choices, editable=False)
    # The milestone's number of signatures; 0 for the other events.
    step = models.PositiveIntegerField(default=0, editable=False)
    report_back = models.ForeignKey(
        ReportBack, null=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    happened_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["campaign_key", "event", "step"], name="one_report_back_per_event"
            )
        ]

    def __str__(self):
        return f"{self.campaign_key} {self.event} {self.step}"
