"""Which campaign pages a list shows, and their counts in the same query."""

from django.conf import settings
from django.db.models import F, OuterRef, Subquery
from django.db.models.functions import Coalesce
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.query import PageQuerySet

from portal.languages import language_code

from .action import ActionMixin
from .counts import SignatureTally


class CampaignPageQuerySet(PageQuerySet):
    def open(self, now=None):
        return self.filter(ActionMixin.open_filter(now))

    def with_signature_count(self):
        """Annotate `signature_count` (every language, paper included) from the tally, in the
        same query."""
        tally = SignatureTally.objects.filter(campaign_key=OuterRef("translation_key"))
        return self.annotate(
            signature_count=Coalesce(
                Subquery(tally.annotate(total=F("online") + F("paper")).values("total")), 0
            )
        )

    def one_per_campaign(self):
        """One page per campaign: the default language's where there is one, else any."""
        default = get_supported_content_language_variant(settings.LANGUAGE_CODE)
        chosen = {}
        for page in self.order_by("pk"):
            if page.translation_key not in chosen or language_code(page.locale_id) == default:
                chosen[page.translation_key] = page
        return list(chosen.values())
