"""The admin for pushes: editors with the OSDI push permissions (add, change, delete) set
where a campaign's counted signatures go, for the campaigns whose signatures they may see
(pushing hands supporters' details to another system). The API key is typed in and never
shown again. The push log lists each attempt by signature id, with its outcome."""

import django.forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet

from campaigns.team.paper import one_page_per_campaign
from campaigns.team.permissions import SignaturesScreen, campaign_keys_for

from .models import CampaignPush, PushAttempt


class CampaignPushForm(WagtailAdminModelForm):
    campaign = django.forms.ChoiceField(label=gettext_lazy("Campaign"))
    endpoint = django.forms.URLField(
        assume_scheme="https",
        max_length=500,
        label=gettext_lazy("OSDI endpoint"),
        help_text=CampaignPush._meta.get_field("endpoint").help_text,
    )
    api_key = django.forms.CharField(
        label=gettext_lazy("API key"),
        required=False,
        widget=django.forms.PasswordInput(render_value=False),
        help_text=gettext_lazy(
            "Sent in the OSDI-API-Token header. Stored encrypted and never shown again; "
            "leave empty to keep the key already saved."
        ),
    )

    class Meta:
        model = CampaignPush
        fields = ["endpoint", "add_tags", "enabled"]

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        pages = sorted(one_page_per_campaign(for_user), key=lambda page: page.title)
        self.fields["campaign"].choices = [(str(p.translation_key), p.title) for p in pages]
        if self.instance.pk:
            self.initial["campaign"] = str(self.instance.campaign_key)
        self.order_fields(["campaign", "endpoint", "api_key", "add_tags", "enabled"])

    def clean_endpoint(self):
        endpoint = self.cleaned_data["endpoint"]
        if not endpoint.startswith("https://") and not settings.DEBUG:
            raise ValidationError(_("Use an https:// address: the API key travels with it."))
        return endpoint

    def clean_api_key(self):
        key = self.cleaned_data["api_key"].strip()
        if not key and not self.instance.pk:
            raise ValidationError(_("Enter the API key of the system signatures go to."))
        return key

    def clean_campaign(self):
        key = self.cleaned_data["campaign"]
        taken = CampaignPush.objects.filter(campaign_key=key).exclude(pk=self.instance.pk)
        if taken.exists():
            raise ValidationError(_("This campaign already has a push."))
        return key

    def save(self, commit=True):
        self.instance.campaign_key = self.cleaned_data["campaign"]
        if self.cleaned_data["api_key"]:
            self.instance.api_key = self.cleaned_data["api_key"]
        return super().save(commit=commit)


class OwnCampaignsOnly:
    def get_base_queryset(self):
        return (
            super()
            .get_base_queryset()
            .filter(campaign_key__in=campaign_keys_for(self.request.user))
        )


class PushIndexView(OwnCampaignsOnly, generic.IndexView):
    pass


class PushEditView(OwnCampaignsOnly, generic.EditView):
    pass


class PushDeleteView(OwnCampaignsOnly, generic.DeleteView):
    pass


class CampaignPushViewSet(ModelViewSet):
    model = CampaignPush
    index_view_class = PushIndexView
    edit_view_class = PushEditView
    delete_view_class = PushDeleteView
    list_display = ["endpoint", "add_tags", "enabled", "updated_at"]
    icon = "link-external"
    menu_label = gettext_lazy("OSDI pushes")
    add_to_settings_menu = True

    def get_form_class(self, for_update=False):
        return CampaignPushForm


class PushLogView(SignaturesScreen):
    """The last attempts, newest first, of the campaigns the user may see."""

    template_name = "osdi/admin/push_log.html"
    page_title = gettext_lazy("OSDI push log")
    header_icon = "link-external"

    def get_context_data(self, **kwargs):
        keys = campaign_keys_for(self.request.user)
        attempts = list(PushAttempt.objects.filter(campaign_key__in=keys)[:200])
        titles = {
            page.translation_key: page.title for page in one_page_per_campaign(self.request.user)
        }
        for attempt in attempts:
            attempt.campaign_title = titles.get(attempt.campaign_key, "")
        return super().get_context_data(**kwargs, attempts=attempts)
