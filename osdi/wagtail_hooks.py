from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.log_actions import LogFormatter

from campaigns.team.permissions import VIEW_SIGNATURES

from .admin_push import CampaignPushViewSet, PushLogView
from .admin_tokens import MADE, MANAGE_TOKENS, REVOKED, TokensView
from .api.views import PEOPLE_READ, SIGNATURES_READ


@hooks.register("register_admin_urls")
def register_osdi_urls():
    return [
        path("osdi/tokens/", TokensView.as_view(), name="osdi_tokens"),
        path("osdi/push-log/", PushLogView.as_view(), name="osdi_push_log"),
    ]


class TokensMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(MANAGE_TOKENS)


@hooks.register("register_settings_menu_item")
def register_tokens_menu_item():
    return TokensMenuItem(_("OSDI API tokens"), reverse("osdi_tokens"), icon_name="key")


class PushLogMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(VIEW_SIGNATURES)


@hooks.register("register_reports_menu_item")
def register_push_log_menu_item():
    return PushLogMenuItem(_("OSDI push log"), reverse("osdi_push_log"), icon_name="link-external")


@hooks.register("register_admin_viewset")
def register_campaign_pushes():
    return CampaignPushViewSet("osdi_pushes")


@hooks.register("register_log_actions")
def register_osdi_actions(actions):
    @actions.register_action(SIGNATURES_READ)
    class SignaturesRead(LogFormatter):
        label = _("Read signatures through the OSDI API")

        def format_message(self, log_entry):
            count = log_entry.data.get("count", 0)
            return ngettext(
                "Read %(count)d signature through the OSDI API",
                "Read %(count)d signatures through the OSDI API",
                count,
            ) % {"count": count}

    @actions.register_action(PEOPLE_READ)
    class PeopleRead(LogFormatter):
        label = _("Read people through the OSDI API")

        def format_message(self, log_entry):
            count = log_entry.data.get("count", 0)
            return ngettext(
                "Read %(count)d person through the OSDI API",
                "Read %(count)d people through the OSDI API",
                count,
            ) % {"count": count}

    actions.register_action(MADE, _("Make an OSDI API token"), _("Made an OSDI API token"))
    actions.register_action(REVOKED, _("Revoke an OSDI API token"), _("Revoked an OSDI API token"))
