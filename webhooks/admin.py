"""The endpoints under Settings → Webhooks, for admins and whoever is given the webhook endpoint
permissions (Settings → Groups): add, change and delete them, copy and rotate their secrets, read
their delivery log and send a message again.

Each endpoint's secret is shown on its edit screen, to whoever may change it: the receiver
needs it to check the signatures. The log shows what kind of event, when, and how each attempt
went (status code, kind of error); never what a message said.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext, gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.ui.tables import BooleanColumn, Column
from wagtail.admin.views import generic
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.log_actions import log

from .models import EventType, Status, WebhookEndpoint
from .sending import send_again

CHANGE = "webhooks.change_webhookendpoint"
ROTATED = "webhooks.rotate_secret"
RESENT = "webhooks.send_again"


class EndpointForm(WagtailAdminModelForm):
    # A URL typed without a scheme is taken as https, the only scheme a receiver may have.
    url = forms.URLField(
        assume_scheme="https",
        max_length=2000,
        label=gettext_lazy("URL"),
        help_text=WebhookEndpoint._meta.get_field("url").help_text,
    )
    events = forms.MultipleChoiceField(
        label=gettext_lazy("Events"),
        choices=EventType.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=gettext_lazy("What this endpoint is told of."),
    )

    class Meta:
        model = WebhookEndpoint
        fields = ["url", "description", "events", "include_personal_data", "active"]


class EndpointEditView(generic.EditView):
    template_name = "webhooks/endpoint_edit.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        endpoint = self.object
        context["secret"] = endpoint.secret
        context["previous_secret_until"] = (
            endpoint.previous_secret_until if len(endpoint.signing_secrets()) > 1 else None
        )
        context["rotate_url"] = reverse("webhook_endpoints:rotate", args=[endpoint.pk])
        context["log_url"] = reverse("webhook_endpoints:log", args=[endpoint.pk])
        return context


def require_change(user):
    if not user.has_perm(CHANGE):
        raise PermissionDenied


def rotate_view(request, pk):
    require_change(request.user)
    endpoint = get_object_or_404(WebhookEndpoint, pk=pk)
    if request.method == "POST":
        endpoint.rotate_secret()
        log(instance=endpoint, action=ROTATED, user=request.user)
        messages.success(
            request,
            gettext(
                "A new secret signs from now on. The previous one also signs for 24 hours: "
                "give the receiver the new one within that time."
            ),
        )
    return redirect("webhook_endpoints:edit", endpoint.pk)


class DeliveryLogView(WagtailAdminTemplateMixin, TemplateView):
    """One endpoint's deliveries, newest first, filtered by status; "Send again now"."""

    template_name = "webhooks/delivery_log.html"
    header_icon = "link"
    per_page = 50

    def dispatch(self, request, *args, **kwargs):
        require_change(request.user)
        self.endpoint = get_object_or_404(WebhookEndpoint, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return gettext("Delivery log: %(endpoint)s") % {"endpoint": self.endpoint}

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("webhook_endpoints:index"), "label": gettext("Webhook endpoints")},
            {
                "url": reverse("webhook_endpoints:edit", args=[self.endpoint.pk]),
                "label": str(self.endpoint),
            },
            {"url": "", "label": gettext("Delivery log")},
        ]

    def get_context_data(self, **kwargs):
        status = self.request.GET.get("status", "")
        deliveries = self.endpoint.deliveries.order_by("-occurred_at", "-pk")
        if status in Status.values:
            deliveries = deliveries.filter(status=status)
        else:
            status = ""
        page = Paginator(deliveries, self.per_page).get_page(self.request.GET.get("p"))
        return super().get_context_data(
            **kwargs,
            endpoint=self.endpoint,
            page_obj=page,
            status=status,
            statuses=Status.choices,
        )

    def post(self, request, pk):
        chosen = request.POST.get("delivery", "")
        # Only an id a database column can hold: anything else is no delivery, not a 500.
        valid = chosen.isascii() and chosen.isdigit() and len(chosen) <= 18
        delivery = self.endpoint.deliveries.filter(pk=int(chosen)).first() if valid else None
        if delivery is None:
            messages.error(request, gettext("That delivery is no longer in the log."))
        else:
            send_again(delivery)
            log(
                instance=self.endpoint,
                action=RESENT,
                user=request.user,
                data={"message_id": delivery.message_id},
            )
            messages.success(request, gettext("The message will be sent again at once."))
        return redirect(request.get_full_path())


class EndpointViewSet(ModelViewSet):
    model = WebhookEndpoint
    form_fields = ["url", "description", "events", "include_personal_data", "active"]
    list_display = [
        "__str__",
        "url",
        # The events' names, as receivers see them: short enough for a column.
        Column("events", label=gettext_lazy("Events"), accessor=lambda e: ", ".join(e.events)),
        BooleanColumn("include_personal_data", label=gettext_lazy("Supporters' details")),
        BooleanColumn("active", label=gettext_lazy("Active")),
        Column(
            "log",
            label=gettext_lazy("Delivery log"),
            accessor=lambda endpoint: format_html(
                '<a href="{}">{}</a>',
                reverse("webhook_endpoints:log", args=[endpoint.pk]),
                gettext("Delivery log"),
            ),
        ),
    ]
    edit_view_class = EndpointEditView
    icon = "link"
    add_to_settings_menu = True
    menu_label = gettext_lazy("Webhooks")
    copy_view_enabled = False

    def get_form_class(self, for_update=False):
        return EndpointForm

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("rotate/<int:pk>/", rotate_view, name="rotate"),
            path("log/<int:pk>/", DeliveryLogView.as_view(), name="log"),
        ]
