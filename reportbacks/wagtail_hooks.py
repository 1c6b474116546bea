"""The admin: "Updates to signers" (each update, and each campaign's automatic ones), its
"Preview and send" screen, and a way there from the campaign's own page in the admin."""

import uuid

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.http import urlencode
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets import ListingButton
from wagtail.admin.widgets.button import HeaderButton
from wagtail.snippets.models import register_snippet
from wagtail.snippets.permissions import get_permission_name
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from campaigns.models import CampaignPage

from .admin_views import SendView
from .models import AutomaticReportBacks, ReportBack, Status


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


def send_screen(report_back):
    return redirect(ReportBack.snippet_viewset.get_url_name("send"), report_back.pk)


# Before wagtail-localize's own hook, which opens a translation's editor in place of this view.
@hooks.register("before_edit_snippet", order=-1)
def words_sent_stay_as_sent(request, instance):
    """Once sending has begun, an update's words are what its supporters were sent: its editor
    (and its translations') shows the "Preview and send" screen instead, where they are read.
    The emails are written from the words as sending began either way (ReportBack.sent_words),
    so an edit by any other route changes nothing that is sent."""
    if isinstance(instance, ReportBack) and not instance.editable:
        # gettext now, in the editor's language: the message is stored after the admin's own
        # language is no longer active.
        messages.warning(
            request,
            gettext(
                "This update is being sent or has been sent, so its words can no longer "
                "change. Here they are, as its supporters read them."
            ),
        )
        return send_screen(instance)
    return None


@hooks.register("before_delete_snippet")
def not_deleted_while_sent(request, instances):
    """An update being sent is not deleted midway: half its supporters would have it."""
    sending = [i for i in instances if isinstance(i, ReportBack) and i.status == Status.SENDING]
    if sending:
        messages.error(
            request,
            gettext(
                "This update is being sent. It can be deleted once everyone has been sent it."
            ),
        )
        return send_screen(sending[0])
    return None
