from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import OrganisationSettings
from .partners import Partner


class OrganisationSettingsViewSet(SnippetViewSet):
    """Under Settings, beside Wagtail's own; one per language, translated in wagtail-localize."""

    model = OrganisationSettings
    icon = "site"
    menu_label = _("Organisation")
    menu_name = "organisation"
    add_to_settings_menu = True
    list_display = ["__str__", "locale"]


register_snippet(OrganisationSettingsViewSet)


class PartnerViewSet(SnippetViewSet):
    """Under Settings: the partners whose sites may frame the sign form (organisation.partners).
    Each campaign's Promote tab shows the code a partner puts on its site."""

    model = Partner
    icon = "group"
    menu_label = _("Partners")
    menu_name = "partners"
    add_to_settings_menu = True
    list_display = ["name", "slug", "origins", "locale"]


register_snippet(PartnerViewSet)
