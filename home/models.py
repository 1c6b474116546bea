from http import HTTPMethod

from django.db import models
from django.db.models import F
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Locale, Page
from wagtail.search import index

from caching.pages import CachedPageMixin
from campaigns.models import CampaignPage
from promote.models import SocialPreviewMixin
from publishing.in_step import LanguagesInStepMixin


class HomePage(CachedPageMixin, LanguagesInStepMixin, SocialPreviewMixin, Page):
    """The front page of a site (one per language): an introduction and the campaigns."""

    introduction = RichTextField(
        features=["bold", "italic", "link"],
        blank=True,
        verbose_name=_("introduction"),
        help_text=_("A few sentences about the organisation and why supporters' actions matter."),
    )
    closed_heading = models.CharField(
        max_length=120,
        blank=True,
        verbose_name=_("heading for closed campaigns"),
        help_text=_("Optional. 'Closed campaigns' if empty."),
    )

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["campaigns.CampaignPage", "home.InformationPage"]
    max_count_per_parent = 1
    allowed_http_methods = [HTTPMethod.GET, HTTPMethod.HEAD, HTTPMethod.OPTIONS]

    content_panels = [
        *Page.content_panels,
        FieldPanel("introduction"),
        FieldPanel("closed_heading"),
    ]
    promote_panels = SocialPreviewMixin.promote_panels
    search_fields = [*Page.search_fields, index.SearchField("introduction")]
    page_description = _(
        "The front page of the site in one language: an introduction and the campaigns."
    )

    class Meta:
        verbose_name = _("home page")
        verbose_name_plural = _("home pages")

    def route(self, request, path_components):
        try:
            return super().route(request, path_components)
        except Http404:
            # A page not translated into this language yet: find it in the default language,
            # and the before_serve_page hook redirects there instead of a 404.
            source = self.get_translation_or_none(Locale.get_default())
            if source is None or source.pk == self.pk or not path_components:
                raise
            return source.specific.route(request, path_components)

    def get_pages_showing_this(self):
        """The home pages of the other languages: their language switchers link to this one."""
        return list(self.get_translations().live())

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        campaigns = (
            CampaignPage.objects.child_of(self)
            .live()
            .public()
            .select_related("hero_image")
            .with_signature_count()
        )
        open_filter = CampaignPage.open_filter()
        # Closing soonest first; campaigns without a closing date after them, newest first.
        context["open_campaigns"] = list(
            campaigns.filter(open_filter).order_by(
                F("action_closes_at").asc(nulls_last=True), "-first_published_at"
            )
        )
        # The list changes when the first of them closes: a cached copy must not outlive that.
        if context["open_campaigns"]:
            context["cache_until"] = context["open_campaigns"][0].action_closes_at
        context["closed_campaigns"] = campaigns.exclude(open_filter).order_by("-action_closes_at")
        return context


class InformationPage(LanguagesInStepMixin, SocialPreviewMixin, Page):
    """A page of plain text: the privacy notice, who we are, how to contact us."""

    body = RichTextField(
        features=["h2", "h3", "bold", "italic", "link", "ol", "ul"],
        verbose_name=_("body"),
    )
    body.required_on_save = True

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    allowed_http_methods = [HTTPMethod.GET, HTTPMethod.HEAD, HTTPMethod.OPTIONS]

    content_panels = [*Page.content_panels, FieldPanel("body")]
    promote_panels = SocialPreviewMixin.promote_panels
    search_fields = [*Page.search_fields, index.SearchField("body")]
    page_description = _("A page of text, such as the privacy notice or how to contact us.")

    class Meta:
        verbose_name = _("information page")
        verbose_name_plural = _("information pages")
