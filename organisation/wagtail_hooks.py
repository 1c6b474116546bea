from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import OrganisationSettings


class OrganisationSettingsViewSet(SnippetViewSet):
    """Under Settings, beside Wagtail's own; one per language, translated in wagtail-localize."""

    model = OrganisationSettings
    icon = "site"
    menu_label = _("Organisation")
    menu_name = "organisation"
    add_to_settings_menu = True
    list_display = ["__str__", "locale"]


register_snippet(OrganisationSettingsViewSet)
