"""Who runs the site, in each language: its name, privacy notice, social accounts and the words
supporters share.

Wagtail's own settings models (`wagtail.contrib.settings`) cannot be translated (Wagtail issue
11508 is open; wagtail-localize issue 681 was closed as a core matter). The languages here are
prefixes of one Wagtail Site, so what varies is the language, not the site: this is a
translatable snippet, one row per locale, edited under Settings and translated in
wagtail-localize like any other snippet.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.cache import cache
from django.db import models
from django.utils import translation
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import TranslatableMixin

from .partners import Partner  # noqa: F401 (a module of its own, imported for Django to find)

# The opt-ins' words where the editors leave them empty (campaigns.signing.opt_ins).
DEFAULT_CAMPAIGN_UPDATES_OPT_IN = _("Email me updates about this campaign.")
DEFAULT_OTHER_CAMPAIGNS_OPT_IN = _("Email me about other campaigns of {organisation}.")


class OrganisationSettings(TranslatableMixin, models.Model):
    name = models.CharField(
        max_length=100,
        blank=True,
        verbose_name=_("organisation name"),
        help_text=_(
            "Shown in the header, the page titles and when pages are shared. The site's name "
            "if empty."
        ),
    )
    logo = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("logo"),
        help_text=_(
            "Shown in the header beside the name, and as the site's icon in browser tabs and "
            "on phones' home screens. A square image of at least 512×512 pixels works best."
        ),
    )
    privacy_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("privacy notice"),
        help_text=_(
            "Linked beside every consent checkbox and in the footer, in the reader's language "
            "when the page is translated."
        ),
    )
    default_share_text = models.CharField(
        max_length=200,
        blank=True,
        verbose_name=_("default share text"),
        help_text=_(
            "What supporters share after signing when a campaign has no share text of its own."
        ),
    )
    default_social_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("default social image"),
        help_text=_(
            "Shown when a page is shared and has neither a social image nor a hero image. "
            "At least 1200×630 pixels."
        ),
    )
    donation_url = models.URLField(
        blank=True,
        verbose_name=_("donation page"),
        help_text=_(
            "Full address of the page where supporters give, e.g. https://example.org/donate. "
            "Offered after signing when a campaign has no donation link of its own. A "
            "translation may point to the page in its own language."
        ),
    )
    donation_label = models.CharField(
        max_length=60,
        blank=True,
        verbose_name=_("donation link text"),
        help_text=_("The words of the link, e.g. 'Donate to our work'. 'Donate' if empty."),
    )
    donation_text = models.CharField(
        max_length=250,
        blank=True,
        verbose_name=_("donation message"),
        help_text=_(
            "Optional. A sentence above the link that says what a gift pays for, e.g. 'Your "
            "gift pays for research like the report behind this campaign.'"
        ),
    )
    campaign_updates_opt_in = models.CharField(
        max_length=300,
        blank=True,
        verbose_name=_("words asking to send updates about the campaign"),
        help_text=_(
            "Optional. The checkbox supporters may tick, under the form, to hear how the "
            "campaign they signed goes on: “Email me updates about this campaign.” if empty. "
            "A campaign can use words of its own (its Action form tab). Never ticked in "
            "advance; the words a supporter ticked are kept with their signature."
        ),
    )
    other_campaigns_opt_in = models.CharField(
        max_length=300,
        blank=True,
        verbose_name=_("words asking to write about other campaigns"),
        help_text=_(
            "Optional. The checkbox supporters may tick to hear about your other campaigns: "
            "“Email me about other campaigns of {organisation}.” if empty, with your name "
            "above in place of {organisation}. Never ticked in advance; the words a supporter "
            "ticked are kept with their signature."
        ),
    )
    x_url = models.URLField(blank=True, verbose_name=_("X"))
    facebook_url = models.URLField(blank=True, verbose_name=_("Facebook"))
    instagram_url = models.URLField(blank=True, verbose_name=_("Instagram"))
    telegram_url = models.URLField(blank=True, verbose_name=_("Telegram"))
    whatsapp_url = models.URLField(blank=True, verbose_name=_("WhatsApp channel"))

    panels = [
        FieldPanel("name"),
        FieldPanel("logo"),
        FieldPanel("privacy_page"),
        FieldPanel("default_share_text"),
        FieldPanel("default_social_image"),
        MultiFieldPanel(
            [
                FieldPanel("donation_url"),
                FieldPanel("donation_label"),
                FieldPanel("donation_text"),
            ],
            heading=_("Donations"),
            help_text=_(
                "Supporters are offered this link after signing, unless a campaign chooses "
                "otherwise in its Action form tab (Next steps after signing)."
            ),
        ),
        MultiFieldPanel(
            [
                FieldPanel("campaign_updates_opt_in"),
                FieldPanel("other_campaigns_opt_in"),
            ],
            heading=_("Staying in touch"),
            help_text=_(
                "Hong Kong's privacy law and the GDPR let us write to supporters again only if "
                "they ask for it: these optional boxes follow the consent box on every "
                "campaign's form that asks for them (the campaign's Action form tab)."
            ),
        ),
        MultiFieldPanel(
            [
                FieldPanel("x_url"),
                FieldPanel("facebook_url"),
                FieldPanel("instagram_url"),
                FieldPanel("telegram_url"),
                FieldPanel("whatsapp_url"),
            ],
            heading=_("Social accounts"),
            help_text=_(
                "Full addresses, e.g. https://x.com/yourname. Shown in the footer. A "
                "translation may point to the account in its own language."
            ),
        ),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("organisation settings")
        verbose_name_plural = _("organisation settings")
        constraints = [
            models.UniqueConstraint(fields=["locale"], name="one_organisation_settings_per_locale")
        ]

    def __str__(self):
        return self.name or str(self._meta.verbose_name)

    @property
    def campaign_updates_words(self):
        """The campaign-updates opt-in's words, in the active language."""
        return self.campaign_updates_opt_in.strip() or str(DEFAULT_CAMPAIGN_UPDATES_OPT_IN)

    def other_campaigns_words(self, organisation_name):
        """The other-campaigns opt-in's words, in the active language, with the name."""
        words = self.other_campaigns_opt_in.strip() or str(DEFAULT_OTHER_CAMPAIGNS_OPT_IN)
        # Not str.format: an editor's braces are text, never a crash.
        return words.replace("{organisation}", organisation_name)

    @property
    def social_accounts(self):
        """(network, url) for each account set, in a fixed order."""
        accounts = [
            ("X", self.x_url),
            ("Facebook", self.facebook_url),
            ("Instagram", self.instagram_url),
            ("Telegram", self.telegram_url),
            ("WhatsApp", self.whatsapp_url),
        ]
        return [(network, url) for network, url in accounts if url]

    @property
    def x_handle(self):
        """'@name' from the X address, for X cards (twitter:site)."""
        path = urlsplit(self.x_url).path.strip("/")
        return f"@{path.split('/')[0]}" if path else ""

    @cached_property
    def privacy_url(self):
        """The privacy notice in the reader's language when it is translated and live, else the
        page as chosen; empty when there is none. Once per request: the footer and every
        consent box ask."""
        page = self.privacy_page
        if page is None or not page.live:
            return ""
        return page.localized.url or ""

    @classmethod
    def for_active_language(cls):
        """The settings in the active language, else the default language's, else None.

        Every page view asks, so the answer is kept in the cache until they change
        (organisation.receivers invalidates it, as it purges the pages)."""
        active = get_supported_content_language_variant(translation.get_language())
        key = cache_key(active)
        found = cache.get(key, MISSING)
        if found is MISSING:
            found = cls.look_up(active)
            cache.set(key, found, timeout=None)
        return found

    @classmethod
    def look_up(cls, active):
        default = get_supported_content_language_variant(settings.LANGUAGE_CODE)
        # One query, by language code: Locale.get_active() and get_default() would add two.
        rows = cls.objects.filter(locale__language_code__in={active, default}).select_related(
            "locale", "privacy_page", "default_social_image", "logo"
        )
        by_language = {row.locale.language_code: row for row in rows}
        return by_language.get(active) or by_language.get(default)


MISSING = object()


def cache_key(language):
    return f"organisation-settings:{language}"


def invalidate_cached_settings():
    cache.delete_many([cache_key(code) for code, _name in settings.LANGUAGES])
