"""Partner organisations whose sites may frame a campaign's sign form (campaigns' `embed/`).

One row per partner and language, translated in wagtail-localize like the organisation's
settings: the name and the consent line a partner asks supporters to tick are translated, the
slug (which names the partner in the embed's address) and the origins (which may frame the
form) are the partner's in every language.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import TranslatableMixin
from wagtail_localize.fields import SynchronizedField

DEFAULT_CONSENT = _("I agree that {partner} may contact me about this and similar campaigns.")


def parse_origins(text):
    """The origins in `text`, one a line, as `scheme://host[:port]`; ValidationError for a line
    that is not one. Strict, because each goes into the Content-Security-Policy header as it
    is: nothing but an origin may reach it."""
    origins = []
    for line in text.splitlines():
        line = line.strip().rstrip("/").lower()
        if not line:
            continue
        parts = urlsplit(line)
        try:
            port_ok = parts.port is not None or ":" not in parts.netloc
        except ValueError:  # not a number, or out of range
            port_ok = False
        valid = (
            port_ok
            and parts.scheme in ("http", "https")
            and parts.hostname
            and all(char.isalnum() or char in ".-" for char in parts.hostname)
            # Nothing but scheme, host and port: no path, query, fragment or user.
            and line == f"{parts.scheme}://{parts.netloc}"
            and "@" not in parts.netloc
        )
        if not valid:
            raise ValidationError(
                _("“%(line)s” is not an origin like https://partner.example."),
                params={"line": line},
                code="origin",
            )
        origins.append(line)
    return origins


def validate_origins(text):
    parse_origins(text)


class Partner(TranslatableMixin, models.Model):
    name = models.CharField(
        max_length=100,
        verbose_name=_("name"),
        help_text=_("The partner's name, as supporters will read it in the consent line."),
    )
    slug = models.SlugField(
        max_length=50,
        verbose_name=_("slug"),
        help_text=_(
            "Names the partner in the address of the sign form it embeds (?partner=slug): "
            "signatures made there record it as their source."
        ),
    )
    origins = models.TextField(
        validators=[validate_origins],
        verbose_name=_("origins"),
        help_text=_(
            "The partner's sites that may show the sign form in a frame, one a line, e.g. "
            "https://partner.example (scheme, host and port if any; no path)."
        ),
    )
    consent_text = models.CharField(
        max_length=300,
        blank=True,
        verbose_name=_("consent line"),
        help_text=_(
            "Optional. A checkbox under the form, never ticked in advance: “I agree that "
            "{partner} may contact me about this and similar campaigns.” if empty. The "
            "words the supporter saw are kept with their signature."
        ),
    )

    override_translatable_fields = [
        SynchronizedField("slug", overridable=False),
        SynchronizedField("origins", overridable=False),
    ]

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("origins"),
        FieldPanel("consent_text"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("partner")
        verbose_name_plural = _("partners")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["slug", "locale"], name="one_partner_slug_per_locale")
        ]

    def __str__(self):
        return self.name

    @property
    def origin_list(self):
        return parse_origins(self.origins)

    @property
    def consent_label(self):
        """The consent line in the active language, with the partner's name."""
        if self.consent_text:
            return self.consent_text
        return DEFAULT_CONSENT.format(partner=self.name)

    @classmethod
    def for_slug(cls, slug):
        """The partner `slug` names, in the active language, else the default language's; None
        for an unknown one."""
        if not slug:
            return None
        active = get_supported_content_language_variant(translation.get_language())
        default = get_supported_content_language_variant(settings.LANGUAGE_CODE)
        rows = cls.objects.filter(slug=slug, locale__language_code__in={active, default})
        by_language = {row.locale.language_code: row for row in rows.select_related("locale")}
        return by_language.get(active) or by_language.get(default)

    @classmethod
    def framing_origins(cls):
        """Every partner's origins, for `frame-ancestors`: sorted, each once."""
        found = set()
        for text in cls.objects.values_list("origins", flat=True):
            try:
                found.update(parse_origins(text))
            except ValidationError:  # saved around the form's validation: left out
                continue
        return sorted(found)
