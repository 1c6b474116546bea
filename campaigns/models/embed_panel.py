"""The Promote tab's "Sign form for partners' sites": the code each partner the organisation
lists (organisation.partners) puts on its own site to frame this campaign's sign form, in the
page's language. Read-only."""

from django.utils.html import format_html
from wagtail.admin.panels import Panel
from wagtail.models import Locale

from organisation.partners import Partner


def iframe_code(url, title):
    """The HTML a partner pastes: a frame as wide as its column, tall enough for the form on a
    phone, titled for screen readers."""
    return format_html(
        '<iframe src="{}" title="{}" width="100%" height="900" style="border: 0"></iframe>',
        url,
        title,
    )


class PartnerEmbedPanel(Panel):
    """Shown as text (force_escape in its template): the code, not a frame in the editor."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "campaigns/admin/partner_embed_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            page = self.instance
            context["partners_url"] = "wagtailsnippets_organisation_partner:list"
            if not (page.pk and page.live):
                context["codes"] = None  # no address yet
                return context
            embed = self.request.build_absolute_uri(f"{page.get_url(self.request)}embed/")
            partners = Partner.objects.filter(locale=page.locale_id) or Partner.objects.filter(
                locale=Locale.get_default()
            )
            context["codes"] = [
                (partner, iframe_code(f"{embed}?partner={partner.slug}", page.title))
                for partner in partners
            ]
            return context
