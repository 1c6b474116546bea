from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.log_actions import LogFormatter

from campaigns.rendering.page_links import BulkPageLinkHandler
from campaigns.team import audit, delivery_pack, permissions
from campaigns.team.erasure import (
    DeleteSignaturesView,
    erase_supporter_view,
    subject_access_view,
)
from campaigns.team.key_rotation import ROTATED
from campaigns.team.opted_in import OptedInView
from campaigns.team.outbox import OutboxView
from campaigns.team.paper import PaperSignaturesViewSet
from campaigns.team.quarantine import APPROVED, REJECTED, HeldSignaturesView
from campaigns.team.reports import CampaignMomentumPanel, CampaignReportView
from campaigns.team.signatures import (
    DeletedCampaignSignaturesView,
    SignaturesIndexView,
    warn_before_deleting_signatures,
)


# Registered after Wagtail's own handler (order=100), so ours replaces it.
@hooks.register("register_rich_text_features", order=100)
def register_bulk_page_links(features):
    features.register_link_type(BulkPageLinkHandler)


hooks.register(
    "filter_form_submissions_for_user", permissions.only_people_allowed_to_see_signatures
)


# Before Wagtail's forms app (order 0), so that this address is ours: deleting signatures takes
# the delete permission, not only the right to edit the page (campaigns.team.erasure).
@hooks.register("register_admin_urls", order=-1)
def register_signature_deletion_url():
    return [
        path(
            "forms/submissions/<int:page_id>/delete/",
            DeleteSignaturesView.as_view(),
            name="campaigns_delete_signatures",
        )
    ]


@hooks.register("register_admin_urls")
def register_team_urls():
    return [
        path("erase-supporter/", erase_supporter_view, name="campaigns_erase_supporter"),
        path("supporter-data/", subject_access_view, name="campaigns_subject_access"),
        path(
            "campaigns/<int:page_id>/delivery-pack/",
            delivery_pack.printable_view,
            name="campaigns_delivery_pack",
        ),
        path(
            "campaigns/<int:page_id>/delivery-pack.csv",
            delivery_pack.csv_view,
            name="campaigns_delivery_pack_csv",
        ),
        path(
            "campaigns/report/<int:page_id>/",
            CampaignReportView.as_view(),
            name="campaigns_report",
        ),
        path("campaigns/outbox/", OutboxView.as_view(), name="campaigns_outbox"),
        path("campaigns/held/", HeldSignaturesView.as_view(), name="campaigns_held_signatures"),
        path("signatures/", SignaturesIndexView.as_view(), name="campaigns_signatures"),
        path("signatures/opted-in/", OptedInView.as_view(), name="campaigns_opted_in"),
        path(
            "signatures/deleted/<int:campaign_id>/",
            DeletedCampaignSignaturesView.as_view(),
            name="campaigns_deleted_signatures",
        ),
        path(
            "signatures/deleted/<int:campaign_id>/results/",
            DeletedCampaignSignaturesView.as_view(results_only=True),
            name="campaigns_deleted_signatures_results",
        ),
    ]


class SignaturesMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(permissions.VIEW_SIGNATURES)


@hooks.register("register_admin_menu_item")
def register_signatures_menu_item():
    return SignaturesMenuItem(
        _("Signatures"),
        reverse("campaigns_signatures"),
        name="signatures",
        icon_name="form",
        order=250,
    )


@hooks.register("construct_main_menu")
def hide_wagtails_forms_menu(request, menu_items):
    """Signatures (campaigns.team.signatures) lists every campaign once, with its count, and
    keeps a deleted campaign's signatures; Wagtail's "Forms" lists a form per language."""
    menu_items[:] = [item for item in menu_items if item.name != "forms"]


hooks.register("before_delete_page", warn_before_deleting_signatures)


class EraseSupporterMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(permissions.ERASE_SUPPORTERS)


@hooks.register("register_settings_menu_item")
def register_subject_access_menu_item():
    return EraseSupporterMenuItem(
        _("A supporter's data, for them"), reverse("campaigns_subject_access"), icon_name="user"
    )


@hooks.register("register_settings_menu_item")
def register_erase_supporter_menu_item():
    return EraseSupporterMenuItem(
        _("Erase a supporter's data"), reverse("campaigns_erase_supporter"), icon_name="user"
    )


@hooks.register("register_admin_viewset")
def register_paper_signatures():
    return PaperSignaturesViewSet("paper_signatures")


@hooks.register("construct_homepage_panels")
def add_campaign_momentum_panel(request, panels):
    if request.user.has_perm(permissions.VIEW_SIGNATURES):
        panels.append(CampaignMomentumPanel())


class OutboxMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(permissions.VIEW_SIGNATURES)


@hooks.register("register_reports_menu_item")
def register_outbox_menu_item():
    return OutboxMenuItem(_("Email outbox"), reverse("campaigns_outbox"), icon_name="mail")


class HeldSignaturesMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(permissions.VIEW_SIGNATURES) and request.user.has_perm(
            permissions.REVIEW_HELD
        )


@hooks.register("register_reports_menu_item")
def register_held_signatures_menu_item():
    return HeldSignaturesMenuItem(
        _("Held signatures"), reverse("campaigns_held_signatures"), icon_name="warning"
    )


# Each logged action's label and message, the message as a function of its count (literal
# strings, so that makemessages finds them): looks at supporters' data (campaigns.team.audit)
# and the review's decisions on held signatures (campaigns.team.quarantine).
AUDITED = {
    APPROVED: (
        _("Approve held signatures"),
        lambda n: ngettext(
            "Approved %(count)d held signature", "Approved %(count)d held signatures", n
        ),
    ),
    REJECTED: (
        _("Reject held signatures"),
        lambda n: ngettext(
            "Rejected %(count)d held signature", "Rejected %(count)d held signatures", n
        ),
    ),
    audit.VIEWED: (
        _("View signatures"),
        lambda n: ngettext("Viewed %(count)d signature", "Viewed %(count)d signatures", n),
    ),
    audit.EXPORTED: (
        _("Export signatures"),
        lambda n: ngettext("Exported %(count)d signature", "Exported %(count)d signatures", n),
    ),
    audit.OPTED_IN_EXPORTED: (
        _("Export supporters who asked to hear more"),
        lambda n: ngettext(
            "Exported %(count)d supporter who asked to hear more",
            "Exported %(count)d supporters who asked to hear more",
            n,
        ),
    ),
    audit.PACK: (
        _("Open the delivery pack"),
        lambda n: ngettext(
            "Opened the delivery pack: %(count)d letter",
            "Opened the delivery pack: %(count)d letters",
            n,
        ),
    ),
    audit.DELETED: (
        _("Delete signatures"),
        lambda n: ngettext("Deleted %(count)d signature", "Deleted %(count)d signatures", n),
    ),
    audit.SUBJECT_ACCESS: (
        _("Give a supporter their data"),
        lambda n: ngettext(
            "Gave a supporter the data of %(count)d signature",
            "Gave a supporter the data of %(count)d signatures",
            n,
        ),
    ),
    audit.ERASED: (
        _("Erase a supporter's data"),
        lambda n: ngettext(
            "Erased the personal data of %(count)d signature",
            "Erased the personal data of %(count)d signatures",
            n,
        ),
    ),
}


class LookFormatter(LogFormatter):
    """ "Exported 12 signatures (xlsx)": the count, and the file's format where there is one."""

    message_for = None

    def format_message(self, log_entry):
        count = log_entry.data.get("count", 0)
        message = self.message_for(count) % {"count": count}
        if log_entry.data.get("format"):
            message = f"{message} ({log_entry.data['format']})"
        return message


@hooks.register("register_log_actions")
def register_audited_looks(actions):
    """Looks at supporters' data and the review's decisions, as the admin's logs show them."""
    for action, (label, message_for) in AUDITED.items():
        formatter = type(
            "AuditFormatter",
            (LookFormatter,),
            {"label": label, "message_for": staticmethod(message_for)},
        )
        actions.register_action(action)(formatter)


@hooks.register("register_log_actions")
def register_key_rotation(actions):
    """`manage.py rotate_encryption_keys`, in the site's history."""

    @actions.register_action(ROTATED)
    class Rotated(LogFormatter):
        label = _("Rotate encryption keys")

        def format_message(self, log_entry):
            count = log_entry.data.get("rotated", 0)
            return ngettext(
                "Re-encrypted %(count)d row with the newest key",
                "Re-encrypted %(count)d rows with the newest key",
                count,
            ) % {"count": count}
