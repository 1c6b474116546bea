"""Admin views: one supporter's personal data, on their request, given to them (a data access
request) or erased; deleting signatures, for those allowed to (erasure keeps the count and is
the normal path)."""

import collections
import json

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.contrib.forms.views import DeleteSubmissionsView

from campaigns.models import DeletedCampaign

from . import audit
from .data_protection import erase_supporter, signatures_of, subject_access
from .permissions import ERASE_SUPPORTERS


class SupporterRequestForm(forms.Form):
    """The address a supporter's request is about; the help text says what will be done."""

    email = forms.EmailField(label=gettext_lazy("Supporter's email address"))

    def __init__(self, *args, help_text, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].help_text = help_text


ERASE_HELP = gettext_lazy(
    "Every signature made with this address, in any campaign and language, is "
    "anonymised. The signatures still count."
)
ACCESS_HELP = gettext_lazy(
    "A file with everything the portal holds about this address, in every campaign "
    "and language, to send to the person who asked (after checking it is them)."
)


def by_campaign(address):
    """{campaign page, or what is kept of a deleted campaign: how many of its signatures were
    made with this address}, for the audit log."""
    signatures = list(signatures_of(address).select_related("page"))
    deleted = {
        kept.campaign_key: kept
        for kept in DeletedCampaign.objects.filter(
            campaign_key__in={s.campaign_key for s in signatures if s.page is None}
        )
    }
    campaigns = collections.Counter(
        submission.page or deleted.get(submission.campaign_key) for submission in signatures
    )
    campaigns.pop(None, None)  # a deleted page of a campaign deleted before anything was kept
    return campaigns


def subject_access_view(request):
    if not request.user.has_perm(ERASE_SUPPORTERS):
        raise PermissionDenied
    form = SupporterRequestForm(request.POST or None, help_text=ACCESS_HELP)
    if request.method == "POST" and form.is_valid():
        address = form.cleaned_data["email"]
        data = subject_access(address)
        # On each campaign's page, with how many; never the address, which the log would keep.
        for campaign, count in by_campaign(address).items():
            audit.record(audit.SUBJECT_ACCESS, campaign, request.user, count=count)
        day = timezone.localdate().isoformat()
        return HttpResponse(
            json.dumps(data, ensure_ascii=False, indent=2),
            content_type="application/json; charset=utf-8",
            headers={
                "Content-Disposition": f'attachment; filename="supporter-data-{day}.json"',
                "Cache-Control": "no-store, private",
            },
        )
    return TemplateResponse(
        request,
        "campaigns/admin/supporter_request.html",
        {
            "form": form,
            "page_title": _("A supporter's data, for them"),
            "header_icon": "user",
            "button_label": _("Download their data"),
        },
    )


def erase_supporter_view(request):
    if not request.user.has_perm(ERASE_SUPPORTERS):
        raise PermissionDenied
    form = SupporterRequestForm(request.POST or None, help_text=ERASE_HELP)
    if request.method == "POST" and form.is_valid():
        address = form.cleaned_data["email"]
        touched = by_campaign(address)
        erased = erase_supporter(address)
        # On each campaign's page, with how many; never the address, which the log would keep.
        for campaign, count in touched.items():
            audit.record(audit.ERASED, campaign, request.user, count=count)
        messages.success(
            request,
            _("Erased the personal data of %(count)d signature(s).") % {"count": erased},
        )
        return redirect("campaigns_erase_supporter")
    return TemplateResponse(
        request,
        "campaigns/admin/supporter_request.html",
        {
            "form": form,
            "page_title": _("Erase a supporter's data"),
            "header_icon": "user",
            "button_label": _("Erase"),
        },
    )


class DeleteSignaturesView(DeleteSubmissionsView):
    """Wagtail's "delete selected submissions", at its own address (campaigns.wagtail_hooks
    registers it first), for users with the delete permission only: Wagtail asks for no more
    than the right to edit the page."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(ERASE_SUPPORTERS):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def handle_delete(self, submissions):
        count = submissions.count()
        super().handle_delete(submissions)
        audit.record(audit.DELETED, self.page, self.request.user, count=count)
