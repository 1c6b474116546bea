from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .page_links import BulkPageLinkHandler


# Registered after Wagtail's own handler (order=100), so ours replaces it.
@hooks.register("register_rich_text_features", order=100)
def register_bulk_page_links(features):
    features.register_link_type(BulkPageLinkHandler)


@hooks.register("filter_form_submissions_for_user")
def only_people_allowed_to_see_signatures(user, editable_forms):
    """Signatures are personal data: editing a campaign (translators do) is not enough to see
    or export them; that takes the `view_campaignsubmission` permission."""
    if user.has_perm("campaigns.view_campaignsubmission"):
        return editable_forms
    return editable_forms.none()


@hooks.register("register_admin_urls")
def register_erase_supporter_url():
    from .views import erase_supporter_view

    return [path("erase-supporter/", erase_supporter_view, name="campaigns_erase_supporter")]


@hooks.register("register_admin_urls")
def register_delivery_pack_urls():
    from . import delivery_pack

    return [
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
    ]


@hooks.register("register_settings_menu_item")
def register_erase_supporter_menu_item():
    from .views import PERMISSION

    class EraseSupporterMenuItem(MenuItem):
        def is_shown(self, request):
            return request.user.has_perm(PERMISSION)

    return EraseSupporterMenuItem(
        _("Erase a supporter's data"), reverse("campaigns_erase_supporter"), icon_name="user"
    )


@hooks.register("register_admin_viewset")
def register_paper_signatures():
    from .paper import PaperSignaturesViewSet

    return PaperSignaturesViewSet("paper_signatures")


@hooks.register("construct_homepage_panels")
def add_campaign_momentum_panel(request, panels):
    from .reports import PERMISSION, CampaignMomentumPanel

    if request.user.has_perm(PERMISSION):
        panels.append(CampaignMomentumPanel())


@hooks.register("register_admin_urls")
def register_campaign_report_url():
    from .reports import CampaignReportView

    return [
        path(
            "campaigns/report/<int:page_id>/",
            CampaignReportView.as_view(),
            name="campaigns_report",
        )
    ]
