"""What the portal keeps of a deleted campaign: enough to list, export and in time erase its
signatures.

Deleting a campaign page never deletes its signatures (CampaignSubmission.page is SET_NULL): they
are the supporters' consent on record and may still have to be delivered, and how long they are
kept is the campaign's retention period, not an editor's click. A signature holds the campaign's
translation key, not its title, form or retention period, so those are copied here when a
campaign page is deleted (campaigns.receivers).
"""

from django.conf import settings
from django.db import models
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from wagtail.coreutils import get_supported_content_language_variant

from portal.languages import language_code

from .form_fields import CampaignFormField
from .pages import CampaignPage
from .retention import RetentionMixin
from .signatures import CampaignSubmission


class DeletedCampaign(RetentionMixin, models.Model):
    campaign_key = models.UUIDField(unique=True, editable=False, verbose_name=_("campaign"))
    title = models.CharField(max_length=255, verbose_name=_("title"))
    # [name, label] of each form field, as the list and the exports head its column.
    form_fields = models.JSONField(default=list, verbose_name=_("form fields"))
    action_closes_at = models.DateTimeField(null=True, blank=True, verbose_name=_("closed at"))
    # Where it was: who may edit pages there may still see its signatures
    # (campaigns.team.permissions).
    parent = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("parent page"),
    )
    deleted_at = models.DateTimeField(auto_now=True, verbose_name=_("deleted at"))

    class Meta:
        verbose_name = _("deleted campaign")
        verbose_name_plural = _("deleted campaigns")

    def __str__(self):
        return self.title

    @classmethod
    def record(cls, page):
        """Keep what the signatures of `page`'s campaign need, as the page is deleted. Its
        languages are deleted one after another; the default language's words win."""
        default = get_supported_content_language_variant(settings.LANGUAGE_CODE)
        kept = cls.objects.filter(campaign_key=page.translation_key).first()
        if kept is None or language_code(page.locale_id) == default:
            kept = kept or cls(campaign_key=page.translation_key)
            kept.title = page.title
            # The type too: answers stored as codes (a country) are named in the list.
            kept.form_fields = [
                [field.clean_name, field.label, field.field_type]
                for field in page.get_form_fields()
            ]
            kept.parent = page.get_parent()
        # Shared by every language (CampaignPage.get_fields_shared_by_translations).
        kept.action_closes_at = page.action_closes_at
        kept.retention_days = page.retention_days
        kept.retention_from = page.retention_from
        kept.save()
        return kept

    # --- what the signatures' list and exports ask of a form page (campaigns.team.exports) ---

    @property
    def translation_key(self):
        return self.campaign_key

    @property
    def slug(self):
        return slugify(self.title) or "campaign"

    def get_admin_display_title(self):
        return self.title

    def get_submissions(self):
        return CampaignSubmission.objects.counted().filter(campaign_key=self.campaign_key)

    def get_form_fields(self):
        """The page's fields as they were (unsaved), for what the list asks of them."""
        return [
            CampaignFormField(clean_name=name, label=label, field_type=field_type)
            for name, label, *rest in self.form_fields
            for field_type in [rest[0] if rest else "singleline"]
        ]

    def get_data_fields(self):
        return [
            ("submit_time", _("Submission date")),
            *((name, label) for name, label, *_type in self.form_fields),
            *CampaignPage.extra_data_fields(),
        ]
