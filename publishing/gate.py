"""A translation goes live only once the words that carry legal or action meaning are translated.

wagtail-localize fills a string nobody has translated yet with the source's text, and publishes
it so: a Chinese form would then ask for consent in English, and the signatures made there
would record English consent. Here a translation cannot be published while any of these is
untranslated in wagtail-localize's editor:

- the form fields' labels and choices, and the consent checkbox's help text (the consent a
  signature records is the checkbox's label and help text, campaigns.signing.forms);
- the closure notice block;
- the page fields the model names in `translation_required_fields` (the thank-you message, the
  thank-you email).

`TranslatedBeforePublishingMixin.publish` refuses, whatever publishes (the translation editor,
bulk publishing, the scheduler); the admin hooks in publishing.wagtail_hooks say why before it
comes to that. A page whose translation is not synchronised (a translator chose "Stop synced
translation") is the translator's own text and is not checked.
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.html import strip_tags
from django.utils.text import Truncator, capfirst, format_lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale
from wagtail_localize.models import StringSegment, Translation

# Block types of a page's body whose text must be translated.
REQUIRED_BLOCK_TYPES = ("closure_notice",)
# Parts of a form field whose text must be translated; a checkbox's help text is part of the
# consent the supporter gives.
REQUIRED_FORM_FIELD_PARTS = ("label", "choices")
CONSENT_FIELD_TYPE = "checkbox"


@dataclass(frozen=True)
class UntranslatedItem:
    """Something a translator must translate before publishing: what it is, and its source
    text (shortened)."""

    name: str
    text: str

    def __str__(self):
        return f"{self.name}: “{self.text}”"


class UntranslatedItems(ValidationError):
    def __init__(self, page, items):
        self.page = page
        self.items = items
        super().__init__(message_for(items))


def message_for(items):
    return gettext("Translate these first: %(items)s.") % {
        "items": "; ".join(str(item) for item in items)
    }


def enabled_translation(page):
    """wagtail-localize's synchronised translation that makes this page, or None."""
    if page.locale_id == Locale.get_default().pk:
        return None
    return (
        Translation.objects.filter(
            source__object_id=page.translation_key,
            source__specific_content_type_id=page.content_type_id,
            target_locale_id=page.locale_id,
            enabled=True,
        )
        .select_related("source")
        .first()
    )


def untranslated_items(page):
    """What must be translated before `page` (a translation) may be published, in the order of
    the translation editor; empty for a source page or a page not synchronised."""
    translation = enabled_translation(page)
    if translation is None:
        return []
    return untranslated_items_of(translation)


def untranslated_items_of(translation):
    source = translation.source.as_instance()
    required = RequiredSegments(source)
    missing = (
        StringSegment.objects.filter(source=translation.source)
        .annotate_translation(translation.target_locale_id)
        .filter(translation__isnull=True)
        .select_related("string", "context")
        .order_by("order")
    )
    items = []
    for segment in missing:
        name = required.name_of(segment.context.path)
        if name is None:
            continue
        item = UntranslatedItem(str(name), plain_text(segment.string.data))
        if item not in items:
            items.append(item)
    return items


def plain_text(data):
    """A segment's text as a translator recognises it: no markup, lines (of choices) joined."""
    return Truncator(strip_tags(data.replace("<br/>", " / "))).chars(60)


class RequiredSegments:
    """Names the segments of a source (by their wagtail-localize content path) that must be
    translated, None for the others."""

    def __init__(self, source):
        self.model = type(source)
        self.required_fields = getattr(source, "translation_required_fields", ())
        self.block_types = {
            str(block.id): block.block_type for block in getattr(source, "body", None) or []
        }
        form_fields = getattr(source, "form_fields", None)
        self.form_fields = (
            {str(field.translation_key): field for field in form_fields.all()}
            if form_fields is not None
            else {}
        )

    def name_of(self, path):
        field_name, *rest = path.split(".")
        if field_name in self.required_fields:
            return capfirst(self.model._meta.get_field(field_name).verbose_name)
        if field_name == "body" and rest and self.block_types.get(rest[0]) in REQUIRED_BLOCK_TYPES:
            block = self.model._meta.get_field("body").stream_block.child_blocks[
                self.block_types[rest[0]]
            ]
            return capfirst(block.label)
        if field_name == "form_fields" and len(rest) == 2 and rest[0] in self.form_fields:
            return self.form_field_part_name(self.form_fields[rest[0]], rest[1])
        return None

    @staticmethod
    def form_field_part_name(field, part):
        consent = field.field_type == CONSENT_FIELD_TYPE
        if consent and part in ("label", "help_text"):
            return _("Consent checkbox")
        if part == "label":
            return _("Form field label")
        if part in REQUIRED_FORM_FIELD_PARTS:
            return format_lazy(_("Choices of “{label}”"), label=field.label)
        return None


def translation_editor_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


class TranslatedBeforePublishingMixin:
    """For page models: a translation refuses to be published while `untranslated_items` names
    anything (raising UntranslatedItems, a ValidationError)."""

    # Page fields to translate before a translation is published (add the model's own).
    translation_required_fields = ()

    def publish(self, revision, *args, **kwargs):
        items = untranslated_items(self)
        if items:
            raise UntranslatedItems(self, items)
        return super().publish(revision, *args, **kwargs)
