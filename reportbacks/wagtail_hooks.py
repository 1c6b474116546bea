"""The admin: "Updates to signers" (each update, and each campaign's automatic ones), its
"Preview and send" screen, and a way there from the campaign's own page in the admin."""

import uuid

from django.urls import path, reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets import ListingButton
from wagtail.admin.widgets.button import HeaderButton
from wagtail.snippets.models import register_snippet
from wagtail.snippets.permissions import get_permission_name
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from campaigns.models import CampaignPage

from .admin_views import SendView
from .models import AutomaticReportBacks, ReportBack


class ReportBackViewSet(SnippetViewSet):
    model = ReportBack
    icon = "mail"
    menu_label = _("Updates")
    list_display = ["subject", "campaign", "status", "send_at", "recipients_count"]
    list_filter = ["status"]

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("send/<int:pk>/", SendView.as_view(), name="send"),
        ]

    def get_queryset(self, request):
        queryset = ReportBack.objects.select_related("campaign", "locale")
        # From the campaign's page in the admin (its "Updates to signers" button).
        try:
            campaign_key = uuid.UUID(request.GET.get("campaign_key", ""))
        except ValueError:
            return queryset
        return queryset.filter(campaign_key=campaign_key)


class AutomaticReportBacksViewSet(SnippetViewSet):
    model = AutomaticReportBacks
    icon = "cog"
    menu_label = _("Automatic updates")
    list_display = ["campaign", "on_delivered", "on_milestone", "on_closed"]


class UpdatesToSigners(SnippetViewSetGroup):
    items = (ReportBackViewSet, AutomaticReportBacksViewSet)
    menu_icon = "mail"
    menu_label = _("Updates to signers")
    menu_name = "updates_to_signers"
    menu_order = 250


register_snippet(UpdatesToSigners)


@hooks.register("after_create_snippet")
def record_who_wrote_it(request, instance):
    if isinstance(instance, ReportBack) and instance.created_by_id is None:
        ReportBack.objects.filter(pk=instance.pk).update(created_by=request.user)


@hooks.register("register_snippet_listing_buttons")
def preview_and_send_button(snippet, user, next_url=None):
    if isinstance(snippet, ReportBack) and user.has_perm(
        get_permission_name("change", ReportBack)
    ):
        yield ListingButton(
            _("Preview and send"),
            reverse(ReportBack.snippet_viewset.get_url_name("send"), args=[snippet.pk]),
            icon_name="mail",
            priority=5,
        )


@hooks.register("register_page_header_buttons")
def updates_to_signers_button(page, user, view_name, next_url=None):
    """On a campaign's page in the admin: its updates to signers."""
    if issubclass(page.specific_class or type(None), CampaignPage) and user.has_perm(
        get_permission_name("view", ReportBack)
    ):
        url = reverse(ReportBack.snippet_viewset.get_url_name("list"))
        yield HeaderButton(
            _("Updates to signers"),
            f"{url}?{urlencode({'campaign_key': page.translation_key})}",
            icon_name="mail",
            priority=80,
        )
