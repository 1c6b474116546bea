"""The admin for paper signatures: editors add batches collected offline to a campaign's count.

A team sees, adds and changes batches only for the campaigns whose pages it may edit (as for
online signatures: campaigns.team.permissions), whatever its model permissions say.

A batch counts for the campaign in all its languages (it is stored by translation key), so each
campaign is offered and filtered on once, by its default language's title, not once a language.
"""

import django_filters
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet

from campaigns.models import CampaignPage, PaperSignatures

from .permissions import campaign_keys_for, campaign_pages_for


class PaperSignaturesForm(WagtailAdminModelForm):
    class Meta:
        model = PaperSignatures
        fields = ["page", "count", "note"]

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        self.fields["page"].queryset = CampaignPage.objects.filter(
            pk__in=[page.pk for page in one_page_per_campaign(for_user)]
        ).order_by("title")


def one_page_per_campaign(user):
    """The user's campaigns, each once: the default language's page where there is one."""
    pages = CampaignPage.objects.filter(pk__in=campaign_pages_for(user).values("pk"))
    return pages.one_per_campaign()


def campaign_choices(request):
    pages = sorted(one_page_per_campaign(request.user), key=lambda page: page.title)
    return [(str(page.translation_key), page.title) for page in pages]


class PaperSignaturesFilterSet(WagtailFilterSet):
    campaign_key = django_filters.ChoiceFilter(label=_("Campaign"), choices=[])

    class Meta:
        model = PaperSignatures
        fields = ["campaign_key"]

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        self.filters["campaign_key"].extra["choices"] = campaign_choices(request)


class OwnCampaignsOnly:
    """Batches of the user's campaigns only: others are not listed, and answer 404."""

    def get_base_queryset(self):
        return super().get_base_queryset().filter(campaign_key__in=self.campaign_keys())

    def get_queryset(self):
        return super().get_queryset().filter(campaign_key__in=self.campaign_keys())

    def campaign_keys(self):
        return campaign_keys_for(self.request.user)


class PaperIndexView(OwnCampaignsOnly, generic.IndexView):
    pass


class AddPaperSignaturesView(generic.CreateView):
    def save_instance(self):
        # Who added a batch is recorded by us, not typed in.
        self.form.instance.added_by = self.request.user
        return super().save_instance()


class PaperEditView(OwnCampaignsOnly, generic.EditView):
    pass


class PaperDeleteView(OwnCampaignsOnly, generic.DeleteView):
    pass


class PaperInspectView(OwnCampaignsOnly, generic.InspectView):
    pass


class PaperSignaturesViewSet(ModelViewSet):
    model = PaperSignatures
    index_view_class = PaperIndexView
    add_view_class = AddPaperSignaturesView
    edit_view_class = PaperEditView
    delete_view_class = PaperDeleteView
    inspect_view_class = PaperInspectView
    list_display = ["page", "count", "note", "added_by", "added_at"]
    filterset_class = PaperSignaturesFilterSet
    icon = "doc-full"
    add_to_admin_menu = True
    menu_label = _("Paper signatures")
    menu_order = 300
    inspect_view_enabled = True

    def get_form_class(self, for_update=False):
        return PaperSignaturesForm
