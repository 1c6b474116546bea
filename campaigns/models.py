import datetime
from http import HTTPMethod

import django.forms
from django.conf import settings
from django.core.cache import caches
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import IntegrityError, models, transaction
from django.db.models import F, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    HelpPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.contrib.forms.models import (
    AbstractEmailForm,
    AbstractFormField,
    AbstractFormSubmission,
)
from wagtail.contrib.forms.panels import FormSubmissionsPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, PageManager, TranslatableMixin
from wagtail.query import PageQuerySet
from wagtail.search import index
from wagtail.url_routing import RouteResult
from wagtail_localize.fields import SynchronizedField

from home import locales
from portal.csrf import same_origin
from portal.page_cache import CachedPageMixin
from portal.route_cache import LOCAL_CACHE
from promote.absolute_urls import absolute_url
from promote.models import ShareTextMixin, SocialPreviewMixin

from . import confirmation, emails, form_classes, sources
from .admin_forms import CampaignPageForm
from .blocks import TEXT_FEATURES, CampaignBodyBlock
from .body_parts import PreparedBody
from .forms import CampaignFormBuilder
from .lifecycle import LanguagesInStepMixin
from .ratelimits import over_limit
from .supporters import normalise_email


class CampaignFormField(TranslatableMixin, AbstractFormField):
    """A field of a campaign's action form.

    Labels, help text, choices and the default message are translated; the key a value is stored
    under (`clean_name`) is the same in every language, so submissions line up in one export.
    """

    page = ParentalKey("CampaignPage", on_delete=models.CASCADE, related_name="form_fields")

    override_translatable_fields = [
        SynchronizedField("clean_name", overridable=False),
        SynchronizedField("field_type", overridable=False),
    ]

    panels = [
        FieldPanel(
            "label", help_text=_("The question or name of the field, as supporters see it.")
        ),
        FieldPanel(
            "help_text",
            help_text=_("Optional. A hint shown under the field, e.g. why you ask for it."),
        ),
        FieldPanel(
            "required", help_text=_("Supporters cannot sign without filling in this field.")
        ),
        FieldPanel(
            "field_type",
            classname="formbuilder-type",
            required_on_save=True,
            help_text=_(
                "Single line for names, Email for addresses, Multi-line for a message "
                "supporters can edit, Checkbox for consent."
            ),
        ),
        FieldPanel("choices", classname="formbuilder-choices"),
        FieldPanel(
            "default_value",
            classname="formbuilder-default",
            help_text=_("Pre-filled text, e.g. the letter supporters can edit before sending."),
        ),
    ]

    class Meta(TranslatableMixin.Meta, AbstractFormField.Meta):
        verbose_name = _("form field")
        verbose_name_plural = _("form fields")


class CampaignSubmissionQuerySet(models.QuerySet):
    def counted(self):
        """Signatures that count: confirmed, or made where no confirmation is asked for."""
        return self.filter(confirmed_at__isnull=False)

    def unconfirmed(self):
        return self.filter(confirmed_at__isnull=True)


class CampaignSubmission(AbstractFormSubmission):
    """A signature. Tied to the campaign (all its languages), not to one page row, so deleting a
    translation or the page itself never deletes what supporters sent."""

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
    consent = models.TextField(
        blank=True,
        editable=False,
        verbose_name=_("consent"),
        help_text=_("The consent the supporter gave, in the words and language they saw."),
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
        help_text=_("The email address, normalised: one signature per person per campaign."),
    )

    objects = CampaignSubmissionQuerySet.as_manager()

    class Meta(AbstractFormSubmission.Meta):
        verbose_name = _("signature")
        verbose_name_plural = _("signatures")
        indexes = [
            models.Index(fields=["campaign_key", "submit_time"]),
            # The tally finds campaigns with newly counted signatures, then counts by language.
            models.Index(fields=["confirmed_at"], name="submission_confirmed"),
            models.Index(fields=["campaign_key", "language"], name="submission_language"),
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
            self.language = locales.language_code(self.page.locale_id)
        super().save(*args, **kwargs)

    def get_data(self):
        return {**super().get_data(), **self.source, "language": self.get_language_display()}

    def anonymise(self, now):
        """Forget who signed, keep that someone did: the count, language and time stay."""
        self.form_data = dict.fromkeys(self.form_data, "")
        self.supporter_key = None
        self.anonymised_at = now
        self.save(update_fields=["form_data", "supporter_key", "anonymised_at"])

    def get_language_display(self):
        return dict(settings.LANGUAGES).get(self.language, self.language)


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


class CampaignPageQuerySet(PageQuerySet):
    def with_signature_count(self):
        """Annotate `signature_count` (every language, paper included) from the tally, in the
        same query."""
        tally = SignatureTally.objects.filter(campaign_key=OuterRef("translation_key"))
        return self.annotate(
            signature_count=Coalesce(
                Subquery(tally.annotate(total=F("online") + F("paper")).values("total")), 0
            )
        )


class CampaignPage(
    CachedPageMixin, LanguagesInStepMixin, SocialPreviewMixin, ShareTextMixin, AbstractEmailForm
):
    summary = models.TextField(
        max_length=400,
        verbose_name=_("summary"),
        help_text=_(
            "The standfirst under the title: one or two sentences that say what is wrong and "
            "what supporters can do. Also used in lists of campaigns and when shared."
        ),
    )
    summary.required_on_save = True
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("hero image"),
        help_text=_("A wide photo (at least 1600 pixels across) shown at the top and in lists."),
    )
    body = StreamField(
        CampaignBodyBlock(),
        verbose_name=_("body"),
        help_text=_(
            "Build the page from blocks: background, demands, the action form, a closure notice "
            "and ordinary text, images, quotes and videos."
        ),
    )
    thank_you_text = RichTextField(
        features=TEXT_FEATURES,
        verbose_name=_("thank-you message"),
        help_text=_("Shown to supporters after they sign."),
    )
    action_closes_at = models.DateTimeField(
        null=True,
        blank=True,
        verbose_name=_("action closes at"),
        help_text=_(
            "Optional. From this moment the form is replaced by the closure notice and no more "
            "signatures are accepted. Leave empty to keep the action open."
        ),
    )
    signature_goal = models.PositiveIntegerField(
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        verbose_name=_("signature goal"),
        help_text=_(
            "Optional. How many signatures the campaign aims for, in all languages together; "
            "the page shows a progress bar towards it."
        ),
    )

    retention_days = models.PositiveIntegerField(
        null=True,
        blank=True,
        verbose_name=_("keep supporters' details for (days)"),
        help_text=_(
            "Optional. After this many days a signature's personal details are erased "
            "automatically; the count of signatures stays. Leave empty to keep them."
        ),
    )
    require_confirmation = models.BooleanField(
        default=False,
        verbose_name=_("ask supporters to confirm their email address"),
        help_text=_(
            "Double opt-in: a signature counts, and reaches the campaign team, only once the "
            "supporter follows the link emailed to them. Unconfirmed signatures are deleted "
            "after a week."
        ),
    )
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
    send_thank_you_email = models.BooleanField(
        default=True,
        verbose_name=_("send supporters a thank-you email"),
        help_text=_(
            "Emails the thank-you message, in the language they signed in, to the address in "
            "the form's Email field."
        ),
    )

    # Where signatures go and when the action closes are the campaign's, not a language's.
    override_translatable_fields = [
        SynchronizedField("to_address", overridable=False),
        SynchronizedField("from_address", overridable=False),
        SynchronizedField("target_address", overridable=False),
        SynchronizedField("delivery_mode", overridable=False),
    ]

    objects = PageManager.from_queryset(CampaignPageQuerySet)()
    base_form_class = CampaignPageForm

    # Less than this before closing, lists say "closing soon".
    closing_soon = datetime.timedelta(hours=48)

    # The action form carries no CSRF token, so the page can be cached; serve() checks posts.
    checks_own_posts = True

    OTHER_SITE = (
        _("Please sign on our website"),
        _(
            "This form was sent from another website, so we did not record it. "
            "Please open the campaign page on our website and sign there."
        ),
    )

    # Read and sign; anything else (PUT, DELETE...) is answered 405.
    allowed_http_methods = [HTTPMethod.GET, HTTPMethod.HEAD, HTTPMethod.OPTIONS, HTTPMethod.POST]

    form_builder = CampaignFormBuilder
    parent_page_types = ["home.HomePage"]
    subpage_types = []

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("hero_image"),
        FieldPanel("body"),
    ]
    action_panels = [
        HelpPanel(
            content=_(
                "Add an 'Action form' block to the body to choose where this form appears. "
                "A long message for supporters to edit is a 'Multi-line text' field whose "
                "default value is the message."
            )
        ),
        FieldRowPanel([FieldPanel("action_closes_at"), FieldPanel("signature_goal")]),
        InlinePanel("form_fields", label=_("Form fields"), min_num=1),
        FieldPanel("thank_you_text"),
        FormSubmissionsPanel(),
    ]
    email_panels = [
        MultiFieldPanel(
            [
                FieldPanel(
                    "to_address",
                    help_text=_(
                        "Who on the campaign team receives each signature by email. "
                        "Separate several addresses with commas."
                    ),
                ),
                FieldRowPanel(
                    [
                        FieldPanel(
                            "from_address",
                            help_text=_("Sender address; the site's default if empty."),
                        ),
                        FieldPanel(
                            "subject",
                            help_text=_("Subject line; 'New signature: <title>' if empty."),
                        ),
                    ]
                ),
            ],
            heading=_("Notification email to the campaign team"),
        ),
        MultiFieldPanel(
            [
                HelpPanel(
                    content=_(
                        "Supporters' letters are emailed to the target on their behalf: "
                        "the name and message of each counted signature, in the language it "
                        "was written in, from the sender address above. Each letter is "
                        "delivered once. The delivery pack (in the list of signatures) holds "
                        "every letter for printing or handing over in person."
                    )
                ),
                FieldPanel("target_address"),
                FieldRowPanel([FieldPanel("delivery_mode"), FieldPanel("digest_hour")]),
            ],
            heading=_("Delivery of letters to the target"),
        ),
        FieldPanel("require_confirmation"),
        FieldPanel("send_thank_you_email"),
        FieldPanel("retention_days"),
    ]
    settings_panels = [
        HelpPanel(
            content=_(
                "To publish or unpublish the page at a set time, save a draft and choose "
                "'Set schedule' in the Status side panel. To stop accepting signatures at a "
                "set time while keeping the page online, set 'Action closes at' in the Action "
                "form tab."
            )
        ),
        *Page.settings_panels,
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Content")),
            ObjectList(action_panels, heading=_("Action form")),
            ObjectList(email_panels, heading=_("Email")),
            ObjectList(
                [*SocialPreviewMixin.promote_panels, *ShareTextMixin.share_panels],
                heading=_("Promote"),
            ),
            ObjectList(settings_panels, heading=_("Settings")),
        ]
    )

    search_fields = [*Page.search_fields, index.SearchField("summary")]

    preview_modes = [
        ("form", _("Open for signing")),
        ("errors", _("Form with errors")),
        ("landing", _("Thank-you page")),
        ("closed", _("Closed")),
    ]

    class Meta:
        verbose_name = _("campaign page")
        verbose_name_plural = _("campaign pages")

    def get_fields_shared_by_translations(self):
        # The action closes at the same moment, with the same goal, in every language.
        return {
            "action_closes_at": self.action_closes_at,
            "signature_goal": self.signature_goal,
            "require_confirmation": self.require_confirmation,
            "target_address": self.target_address,
            "delivery_mode": self.delivery_mode,
            "digest_hour": self.digest_hour,
        }

    # --- state -----------------------------------------------------------------------------

    @property
    def action_is_open(self):
        return self.action_closes_at is None or timezone.now() < self.action_closes_at

    @property
    def action_closing_soon(self):
        return (
            self.action_is_open
            and self.action_closes_at is not None
            and self.action_closes_at - timezone.now() < self.closing_soon
        )

    @cached_property
    def signature_count(self):
        """Signatures in every language, paper included, as last tallied (lists annotate it
        with CampaignPageQuerySet.with_signature_count instead).

        Each web process keeps it for PAGE_CACHE_LOCAL_SECONDS, as it keeps whole pages: the
        count is recounted once a minute anyway, and a busy page then asks for it only once in
        that many seconds."""

        def tallied():
            tally = SignatureTally.objects.filter(campaign_key=self.translation_key)
            tally = tally.only("online", "paper").first()
            return tally.total if tally else 0

        seconds = settings.PAGE_CACHE_LOCAL_SECONDS
        if seconds <= 0:
            return tallied()
        return caches[LOCAL_CACHE].get_or_set(f"count:{self.translation_key}", tallied, seconds)

    @staticmethod
    def open_filter(now=None):
        now = now or timezone.now()
        return Q(action_closes_at__isnull=True) | Q(action_closes_at__gt=now)

    @cached_property
    def other_open_campaigns(self):
        """Open campaigns in this page's language, for the closure notice and thank-you page."""
        return list(
            CampaignPage.objects.live()
            .public()
            .filter(locale_id=self.locale_id)
            .filter(self.open_filter())
            .exclude(pk=self.pk)
            .select_related("hero_image")
            .order_by("action_closes_at", "-first_published_at")[:3]
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["action_open"] = self.action_is_open
        # A cached copy must not outlive the open form.
        context["cache_until"] = self.action_closes_at if self.action_is_open else None
        context["body_parts"] = body = PreparedBody(self)
        context["prepare_fragments"] = body.prepare
        return context

    def get_preview_context(self, request, mode_name):
        context = super().get_preview_context(request, mode_name)
        if mode_name == "closed":
            context["action_open"] = False
        elif mode_name == "errors":
            # What a supporter sees after sending the form empty.
            context["form"] = self.get_form({}, page=self, user=request.user)
            context["form"].is_valid()
        return context

    # --- form builder hooks ----------------------------------------------------------------

    def get_form_class(self):
        # Only a page read from the database is served (previews and the admin build theirs
        # from a revision or an edit form): its fields are those of its live revision.
        if getattr(self, "serving_request", None) is None or not self.live_revision_id:
            return super().get_form_class()
        return form_classes.form_class(self, super().get_form_class)

    def get_submission_class(self):
        return CampaignSubmission

    def get_submissions(self):
        # Every language of the campaign, whichever translation the editor is looking at; those
        # waiting for their supporter's confirmation are listed apart (exports.py).
        return CampaignSubmission.objects.counted().filter(campaign_key=self.translation_key)

    def get_submissions_list_view_class(self):
        from .exports import CampaignSubmissionsListView

        return CampaignSubmissionsListView

    def get_data_fields(self):
        return [
            *super().get_data_fields(),
            ("language", _("Language")),
            *sources.PARAMETERS.items(),
        ]

    def serve(self, request, *args, **kwargs):
        self.serving_request = request  # for absolute links in emails, on the host they used
        if kwargs.pop("thank_you", False):
            return self.cache_response(request, self.render_landing_page(request))
        if confirmation.PARAMETER in request.GET or confirmation.PARAMETER in request.POST:
            if request.method == "POST" and not same_origin(request):
                return self.render_refusal(request, *self.OTHER_SITE, status=403)
            return self.cache_response(request, self.serve_confirmation(request))
        if request.method == "POST":
            if not self.action_is_open:
                return self.render_closed(request)
            if not same_origin(request):
                return self.render_refusal(request, *self.OTHER_SITE, status=403)
            if int(request.META.get("CONTENT_LENGTH") or 0) > settings.SIGNING_MAX_BODY_BYTES:
                return self.render_refusal(
                    request,
                    _("Your message is too long"),
                    _(
                        "What you sent is larger than this form accepts, so we did not record "
                        "it. Please shorten your message and send it again."
                    ),
                    status=413,
                )
            if over_limit(request, self.translation_key):
                response = self.render_refusal(
                    request,
                    _("Please try again later"),
                    _(
                        "We have received many signatures from your connection in a short "
                        "time, so we did not record this one. Please wait a minute and send "
                        "it again."
                    ),
                    status=429,
                )
                response["Retry-After"] = "60"
                return response
        return super().serve(request, *args, **kwargs)

    # After signing, supporters are sent to the thanks at their own address (POST, redirect,
    # GET): it can be cached like the page, and reloading it does not send the form again.
    thank_you_path = "thank-you"

    def route(self, request, path_components):
        if path_components == [self.thank_you_path] and self.live:
            return RouteResult(self, kwargs={"thank_you": True})
        return super().route(request, path_components)

    def get_cached_paths(self):
        return ["/", f"/{self.thank_you_path}/"]

    def render_landing_page(self, request, form_submission=None, *args, **kwargs):
        if request.method == "POST" and not getattr(request, "is_preview", False):
            response = HttpResponseRedirect(f"{self.get_url(request)}{self.thank_you_path}/")
            response.status_code = 303  # See Other: the browser GETs it
            return response
        return super().render_landing_page(request, form_submission, *args, **kwargs)

    def render_refusal(self, request, heading, message, status):
        """A post we will not look at (too large, too many): say why, in the reader's language."""
        context = {"page": self, "heading": heading, "message": message}
        return TemplateResponse(request, "campaigns/refusal.html", context, status=status)

    def render_closed(self, request):
        """A post after closing: the page with its closure notice and why nothing was stored."""
        context = self.get_context(request)
        context["closed_on_submit"] = True
        return TemplateResponse(request, self.get_template(request), context)

    def process_form_submission(self, form):
        """Store the signature and queue its emails, together or not at all. A repeat signature
        (same person, any language) changes nothing and returns None; the supporter sees the
        same thank-you page either way, so nobody can probe who has signed."""
        address = self.supporter_address(form)
        asks_confirmation = self.require_confirmation and address is not None
        try:
            with transaction.atomic():
                submission = self.get_submission_class().objects.create(
                    form_data=form.signature_data,
                    page=self,
                    supporter_key=normalise_email(address),
                    consent=form.consent_given,
                    confirmed_at=None if asks_confirmation else timezone.now(),
                    source=sources.sources_from(getattr(self, "serving_request", None)),
                )
                if asks_confirmation:
                    self.queue_confirmation(submission, address)
                else:
                    self.queue_emails(submission, address)
        except IntegrityError:
            earlier = self.signature_of(address)
            if earlier is None:
                raise
            if asks_confirmation and earlier.confirmed_at is None:
                # They lost the first email, or it expired unread: the same link again.
                self.queue_confirmation(earlier, address)
            return None
        return submission

    def signature_of(self, address):
        """This person's signature of the campaign, in any language, confirmed or not."""
        key = normalise_email(address)
        if key is None:
            return None
        return CampaignSubmission.objects.filter(
            campaign_key=self.translation_key, supporter_key=key
        ).first()

    def queue_emails(self, submission, address):
        kinds = []
        if self.to_address:
            kinds.append("team")
        if self.send_thank_you_email and address:
            kinds.append("thanks")
        if kinds:
            page_url = absolute_url(self, getattr(self, "serving_request", None))
            emails.queue_for_signature(submission, kinds, page_url)

    def queue_confirmation(self, submission, address):
        link = confirmation.link_for(self, submission, getattr(self, "serving_request", None))
        message = emails.supporter_confirmation(self, address, link)
        emails.queue(message, f"signature-{submission.pk}-confirm")

    def serve_confirmation(self, request):
        """The page a confirmation link opens: a button to confirm (a POST, so that mail
        scanners opening links confirm nothing), then thanks; or why the link does not work."""
        token = request.POST.get(confirmation.PARAMETER) or request.GET.get(confirmation.PARAMETER)
        status = 200
        try:
            submission = confirmation.submission_for(token, self)
        except confirmation.LinkError as error:
            state, status = error.reason, 410 if error.reason == "expired" else 400
        else:
            state = "confirmed" if submission.confirmed_at else "ready"
            if request.method == "POST" and state == "ready":
                with transaction.atomic():
                    if confirmation.confirm(submission) and self.to_address:
                        rows = emails.stored_answers(self, submission.form_data)
                        message = emails.team_notification(self, rows)
                        emails.queue(message, f"signature-{submission.pk}-team")
                state = "confirmed"
        context = {**self.get_context(request), "state": state, "token": token}
        return TemplateResponse(request, "campaigns/confirm.html", context, status=status)

    @staticmethod
    def supporter_address(form):
        """The first email address the supporter gave, read from the built form (the editor's
        field definitions were queried to build it)."""
        for name, field in form.fields.items():
            if isinstance(field, django.forms.EmailField) and form.cleaned_data.get(name):
                return form.cleaned_data[name]
        return None
