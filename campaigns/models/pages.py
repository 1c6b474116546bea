"""The campaign page: the story, the demands and the action form, in every language.

It keeps Wagtail's form builder hooks and hands the work to the stages of a signature
(campaigns.signing), the outbox (campaigns.outbox) and the team's tools (campaigns.team).
"""

from http import HTTPMethod

from django.db import models
from django.db.models import F
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.forms.models import AbstractEmailForm
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, PageManager
from wagtail.search import index
from wagtail.url_routing import RouteResult
from wagtail_localize.fields import SynchronizedField

from caching.pages import CachedPageMixin
from campaigns.admin_forms import CampaignPageForm
from campaigns.blocks import TEXT_FEATURES, CampaignBodyBlock
from campaigns.next_steps import NextStepsBlock
from campaigns.rendering.body import PreparedBody
from campaigns.signing import (
    confirmation,
    form_classes,
    guards,
    opt_ins,
    partners,
    quarantine,
    resend,
    sources,
    store,
    tokens,
)
from campaigns.signing.forms import CampaignFormBuilder
from promote.models import ShareTextMixin, SocialPreviewMixin
from publishing.gate import TranslatedBeforePublishingMixin
from publishing.in_step import SAME_ADDRESS, LanguagesInStepMixin

from . import panels
from .action import ActionMixin
from .campaign_queries import CampaignPageQuerySet
from .deliveries import DeliveryToTargetMixin
from .opt_in_asks import OptInAsksMixin
from .opt_ins import EXPORT_COLUMNS
from .retention import RetentionMixin
from .signatures import CampaignSubmission
from .thank_you_email import ThankYouEmailMixin


class CampaignPage(
    CachedPageMixin,
    TranslatedBeforePublishingMixin,
    LanguagesInStepMixin,
    ActionMixin,
    SocialPreviewMixin,
    ShareTextMixin,
    DeliveryToTargetMixin,
    RetentionMixin,
    ThankYouEmailMixin,
    OptInAsksMixin,
    AbstractEmailForm,
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
    hero_image_alt = models.CharField(
        max_length=250,
        blank=True,
        verbose_name=_("hero image alt text"),
        help_text=_(
            "What the photo shows, for people who cannot see it: read aloud by screen readers "
            "and shown if the image does not load. Needed with a hero image."
        ),
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
    next_steps = StreamField(
        NextStepsBlock(),
        blank=True,
        verbose_name=_("next steps after signing"),
        help_text=_(
            "What the thank-you page offers below your message, in this order: sharing, a "
            "donation link, another campaign. Add each at most once; leave empty for all three "
            "in that order. Translations keep the same order."
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
    send_thank_you_email = models.BooleanField(
        default=True,
        verbose_name=_("send supporters a thank-you email"),
        help_text=_(
            "Emailed in the language they signed in, to the address in the form's Email field."
        ),
    )

    # Where signatures go and when the action closes are the campaign's, not a language's.
    override_translatable_fields = [
        SynchronizedField("to_address", overridable=False),
        SynchronizedField("from_address", overridable=False),
        SynchronizedField("target_address", overridable=False),
        SynchronizedField("delivery_mode", overridable=False),
        SAME_ADDRESS,
        *OptInAsksMixin.opt_in_synchronised_fields,
    ]
    # Not published in another language until translated (publishing.gate): what supporters
    # read after signing. Form fields and the closure notice are checked too.
    translation_required_fields = (
        "thank_you_text",
        "next_steps",
        "thank_you_email_subject",
        "thank_you_email_body",
    )

    objects = PageManager.from_queryset(CampaignPageQuerySet)()
    base_form_class = CampaignPageForm
    form_builder = CampaignFormBuilder
    edit_handler = panels.edit_handler
    search_fields = [*Page.search_fields, index.SearchField("summary")]
    parent_page_types = ["home.HomePage"]
    subpage_types = []

    # The action form carries no CSRF token, so the page can be cached; serve() checks posts
    # (caching.csrf).
    checks_own_posts = True
    # Read and sign; anything else (PUT, DELETE...) is answered 405.
    allowed_http_methods = [HTTPMethod.GET, HTTPMethod.HEAD, HTTPMethod.OPTIONS, HTTPMethod.POST]
    # After signing, supporters are sent to the thanks at their own address (POST, redirect,
    # GET): it can be cached like the page, and reloading it does not send the form again.
    thank_you_path = "thank-you"
    # Where the page's script fetches a form token of the reader's own (campaigns.signing.tokens).
    form_token_path = "form-token"  # noqa: S105 (a path, not a secret)
    # The sign form alone, for partners' sites to frame (campaigns.signing.partners).
    embed_path = partners.PATH

    preview_modes = [
        ("form", _("Open for signing")),
        ("errors", _("Form with errors")),
        ("landing", _("Thank-you page")),
        ("closed", _("Closed")),
    ]

    page_description = _(
        "A campaign: its story, its demands and the form supporters sign, in every language."
    )

    class Meta:
        verbose_name = _("campaign page")
        verbose_name_plural = _("campaign pages")

    def get_fields_shared_by_translations(self):
        # The action closes at the same moment, with the same goal, in every language.
        return {
            "action_closes_at": self.action_closes_at,
            "signature_goal": self.signature_goal,
            "raise_goal_when_reached": self.raise_goal_when_reached,
            "require_confirmation": self.require_confirmation,
            "target_address": self.target_address,
            "delivery_mode": self.delivery_mode,
            "digest_hour": self.digest_hour,
            "signatures_per_connection": self.signatures_per_connection,
            "retention_days": self.retention_days,
            "retention_from": self.retention_from,
            **self.opt_in_shared_fields(),
        }

    @cached_property
    def other_open_campaigns(self):
        """Open campaigns in this page's language, for the closure notice and thank-you page."""
        return list(
            CampaignPage.objects.live()
            .public()
            .open()
            .filter(locale_id=self.locale_id)
            .exclude(pk=self.pk)
            .select_related("hero_image")
            # Closing soonest first, those with no closing date last, on every database
            # (SQLite sorts NULL first, PostgreSQL last).
            .order_by(F("action_closes_at").asc(nulls_last=True), "-first_published_at")[:3]
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["action_open"] = self.action_is_open
        # A cached copy must not outlive the open form.
        context["cache_until"] = self.action_closes_at if self.action_is_open else None
        context["body_parts"] = body = PreparedBody(self)
        context["prepare_fragments"] = body.prepare
        context["form_token"] = token = tokens.for_response(self, request)
        if partners.is_embedded(request):
            # Never cached (campaigns.signing.partners): a token of this reader's own.
            context["form_token"] = tokens.mint(self.translation_key)
            context["partner"] = partners.partner_of(request)
            context["action_block"] = self.action_block
            # On the host the reader reached, as the counter's links are (campaigns.open_data).
            context["page_full_url"] = request.build_absolute_uri(self.get_url(request))
        elif tokens.is_shared(token):
            context["form_token_url"] = f"{self.get_url(request)}{self.form_token_path}/"
        return context

    @property
    def action_block(self):
        """The body's action form block (its heading and button label), or None."""
        return next(
            (block.value for block in self.body if block.block_type == "action_form"), None
        )

    def get_template(self, request, *args, **kwargs):
        if partners.is_embedded(request):
            return "campaigns/embed/form.html"
        return super().get_template(request, *args, **kwargs)

    def get_preview_context(self, request, mode_name):
        context = super().get_preview_context(request, mode_name)
        if mode_name == "closed":
            context["action_open"] = False
        elif mode_name == "errors":
            # What a supporter sees after sending the form empty.
            context["form"] = self.get_form({}, page=self, user=request.user)
            context["form"].is_valid()
        return context

    # --- caching ---------------------------------------------------------------------------

    def get_cached_paths(self):
        return ["/", f"/{self.thank_you_path}/"]

    def cache_response(self, request, response):
        if partners.is_embedded(request):
            return response  # kept out of every cache (campaigns.signing.partners.framed)
        return super().cache_response(request, response)

    def get_pages_showing_this(self):
        """Its other languages (language switchers), the home pages in every language (lists
        and counts) and the campaigns in its language (their lists of other campaigns)."""
        return [
            *self.get_translations().live(),
            *self.get_parent().get_translations(inclusive=True).live(),
            *CampaignPage.objects.live().filter(locale_id=self.locale_id).exclude(pk=self.pk),
        ]

    # --- serving: the way of a POST (campaigns.signing) ------------------------------------

    def route(self, request, path_components):
        if path_components[:1] == [self.embed_path] and self.live:
            rest = path_components[1:]
            if rest in ([], [self.thank_you_path]):
                return RouteResult(self, kwargs={"embed": True, "thank_you": bool(rest)})
        if path_components == [self.thank_you_path] and self.live:
            return RouteResult(self, kwargs={"thank_you": True})
        if path_components == [self.form_token_path] and self.live:
            return RouteResult(self, kwargs={"form_token": True})
        return super().route(request, path_components)

    def serve(self, request, *args, **kwargs):
        if kwargs.pop("embed", False):
            partners.start(request)
            return partners.framed(self.serve_signing(request, *args, **kwargs))
        return self.serve_signing(request, *args, **kwargs)

    def serve_signing(self, request, *args, **kwargs):
        self.serving_request = request  # for absolute links in emails, on the host they used
        thank_you = kwargs.pop("thank_you", False)
        if thank_you and partners.is_embedded(request):
            if not self.action_is_open:
                return HttpResponseRedirect(self.embed_url(request) + partners.query(request))
            context = self.get_context(request)
            return TemplateResponse(request, "campaigns/embed/thank_you.html", context)
        if thank_you:
            if not self.action_is_open:
                # No "will you add your name too?" once nobody can: the page, with its closure
                # notice, says what there is to say.
                return HttpResponseRedirect(self.get_url(request))
            if request.method == "POST":  # "send the link again" (double opt-in)
                return resend.serve(self, request)
            return self.cache_response(request, self.render_landing_page(request))
        if kwargs.pop("form_token", False):
            return tokens.reader_token_response(self, request)
        if request.method == "POST" and (refusal := guards.refuse_any_post(self, request)):
            return refusal
        if confirmation.is_confirmation(request):
            return self.cache_response(request, confirmation.serve(self, request))
        if request.method == "POST" and (refusal := guards.refuse_signature(self, request)):
            return refusal
        try:
            return super().serve(request, *args, **kwargs)
        except guards.OverLimit:
            return guards.too_many(self, request)

    # --- form builder hooks ----------------------------------------------------------------

    def get_form_class(self):
        # Only a page read from the database is served (previews and the admin build theirs
        # from a revision or an edit form): its fields are those of its live revision.
        # The optional opt-ins (and the partner's consent line on its embedded form) follow
        # the editor's fields, in words that may change without a new version of the page.
        request = getattr(self, "serving_request", None)
        if request is None or not self.live_revision_id:
            form_class = super().get_form_class()
        else:
            form_class = form_classes.form_class(self, super().get_form_class)
        return opt_ins.with_opt_ins(form_class, opt_ins.offers_for(self, request))

    def embed_url(self, request, *rest):
        """The embedded form's address (`embed/`), or one below it."""
        return "/".join([f"{self.get_url(request)}{self.embed_path}", *rest, ""])

    def process_form_submission(self, form):
        request = getattr(self, "serving_request", None)
        if request is None:  # not a supporter's post (a test, a shell): nothing to assess
            return store.store(self, form, None, quarantine.Assessment([]))
        return store.store(self, form, request, quarantine.assess(self, form, request))

    def render_landing_page(self, request, form_submission=None, *args, **kwargs):
        if request.method == "POST" and not getattr(request, "is_preview", False):
            if partners.is_embedded(request):
                thanks = f"{self.embed_url(request, self.thank_you_path)}{partners.query(request)}"
            else:
                thanks = f"{self.get_url(request)}{self.thank_you_path}/"
            response = HttpResponseRedirect(thanks)
            response.status_code = 303  # See Other: the browser GETs it
            return response
        return super().render_landing_page(request, form_submission, *args, **kwargs)

    def get_submission_class(self):
        return CampaignSubmission

    def get_submissions(self):
        # Every language of the campaign, whichever translation the editor is looking at; those
        # waiting for their supporter's confirmation are listed apart (campaigns.team.exports).
        return CampaignSubmission.objects.counted().filter(campaign_key=self.translation_key)

    def get_submissions_list_view_class(self):
        # Wagtail's admin views need the app registry, which is not ready while models load.
        from campaigns.team.exports import CampaignSubmissionsListView

        return CampaignSubmissionsListView

    def get_data_fields(self):
        return [*super().get_data_fields(), *self.extra_data_fields()]

    @staticmethod
    def extra_data_fields():
        """The consent as the supporter read it, and when their address was confirmed: what
        proves consent, in every list and export (a deleted campaign's too)."""
        return [
            ("language", _("Language")),
            ("consent", _("Consent given")),
            ("partner_consent", _("Partner consent given")),
            ("confirmed_at", _("Confirmed at")),
            *sources.COLUMNS.items(),
            # Each optional opt-in, yes or no, with the version of the words ticked.
            *((name, label) for name, (_scope, label) in EXPORT_COLUMNS.items()),
        ]
