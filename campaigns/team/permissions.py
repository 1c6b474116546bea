"""Who may see signatures: they are personal data.

Editing a campaign (translators do) is not enough to see or export its signatures; that takes
the `view_campaignsubmission` permission too, on a campaign whose pages the user may edit
(Wagtail's rule for form submissions, narrowed by our filter_form_submissions_for_user hook).
"""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.contrib.forms.utils import get_forms_for_user
from wagtail.models import Page
from wagtail.permission_policies.pages import PagePermissionPolicy

from campaigns.models import CampaignPage, DeletedCampaign

VIEW_SIGNATURES = "campaigns.view_campaignsubmission"
ERASE_SUPPORTERS = "campaigns.delete_campaignsubmission"
# Approving or rejecting signatures held for review (campaigns.team.quarantine).
REVIEW_HELD = "campaigns.review_campaignsubmission"


def only_people_allowed_to_see_signatures(user, editable_forms):
    """The filter_form_submissions_for_user hook."""
    if user.has_perm(VIEW_SIGNATURES):
        return editable_forms
    return editable_forms.none()


def require_signatures_permission(user):
    if not user.has_perm(VIEW_SIGNATURES):
        raise PermissionDenied


class SignaturesScreen(WagtailAdminTemplateMixin, TemplateView):
    """An admin screen of the campaign team's that shows signatures or their emails: only for
    people who may see signatures, its title its own breadcrumb."""

    def dispatch(self, request, *args, **kwargs):
        require_signatures_permission(request.user)
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]


def campaign_pages_for(user):
    """The campaign pages whose signatures the user may see and change: those whose pages they
    may edit, if they may see signatures at all (Wagtail's rule for form submissions, narrowed
    by our hook)."""
    return get_forms_for_user(user)


def campaign_keys_for(user):
    """The translation keys of those campaigns: every language of each."""
    return set(campaign_pages_for(user).values_list("translation_key", flat=True))


def campaign_for(request, page_id):
    """The campaign, if the user may see its signatures; else PermissionDenied."""
    if not request.user.has_perm(VIEW_SIGNATURES):
        raise PermissionDenied
    if not get_forms_for_user(request.user).filter(pk=page_id).exists():
        raise PermissionDenied
    return get_object_or_404(CampaignPage, pk=page_id)


def deleted_campaigns_for(user):
    """Deleted campaigns whose signatures the user may see: those that were where the user may
    still edit pages (the rule above, with the page gone), if they may see signatures at all.
    A campaign with a page left is not deleted: its page's list has every language."""
    if not user.has_perm(VIEW_SIGNATURES):
        return DeletedCampaign.objects.none()
    deleted = DeletedCampaign.objects.exclude(
        campaign_key__in=CampaignPage.objects.values("translation_key")
    )
    if user.is_superuser:
        return deleted
    editable = PagePermissionPolicy(Page).instances_user_has_permission_for(user, "change")
    return deleted.filter(parent__in=editable)
