"""What the Promote tab holds: how search engines and social networks show a page, and what
supporters share."""

from django.conf import settings
from django.db import models
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel

from portal.languages import language_tag

from .absolute_urls import absolute_url
from .panels import search_engine_panels


class SocialPreviewMixin(models.Model):
    """An image for link previews (Open Graph, X cards), and the page's translations as
    hreflang alternates in the sitemap."""

    social_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("social image"),
        help_text=_(
            "Optional. Shown when the page is shared on social networks and messaging apps, "
            "cropped to 1200×630 pixels. The hero image, else the organisation's default, if "
            "empty."
        ),
    )

    promote_panels = [
        *search_engine_panels,
        MultiFieldPanel([FieldPanel("social_image")], heading=_("Social networks")),
    ]

    class Meta:
        abstract = True

    @property
    def preview_image(self):
        return self.social_image or getattr(self, "hero_image", None)

    @property
    def preview_image_alt(self):
        """The preview image's alt text: the page's own for its hero image; for a social image,
        the description Wagtail keeps with the image."""
        if self.social_image:
            return self.social_image.description
        return getattr(self, "hero_image_alt", "")

    @property
    def preview_description(self):
        """The search description, else the campaign's summary, else the home page's
        introduction as plain text."""
        text = (
            self.search_description
            or getattr(self, "summary", "")
            or strip_tags(getattr(self, "introduction", ""))
        )
        return Truncator(" ".join(text.split())).chars(300)

    def get_sitemap_urls(self, request=None):
        """Wagtail's entry, with every live translation (itself included) as an alternate."""
        urls = super().get_sitemap_urls(request)
        wagtails, ours = self.get_full_url(request), absolute_url(self, request)
        for url in urls:
            if url["location"] == wagtails:
                url["location"] = ours
        translations = self.get_translations(inclusive=True).live().public()
        alternates = [
            {
                "lang_code": language_tag(page.locale.language_code),
                "location": absolute_url(page, request),
            }
            for page in translations.select_related("locale").order_by("locale__language_code")
        ]
        if len(alternates) > 1:
            default = settings.LANGUAGE_CODE
            alternates += [
                {"lang_code": "x-default", "location": alternate["location"]}
                for alternate in alternates
                if alternate["lang_code"] == language_tag(default)
            ]
            for url in urls:
                url["alternates"] = alternates
        return urls


class ShareTextMixin(models.Model):
    share_text = models.CharField(
        max_length=200,
        blank=True,
        verbose_name=_("share text"),
        help_text=_(
            "Optional. The message supporters share after signing, with the link to this page. "
            "The organisation's default share text, else the title, if empty."
        ),
    )

    share_panels = [
        MultiFieldPanel([FieldPanel("share_text")], heading=_("Sharing after signing"))
    ]

    class Meta:
        abstract = True
