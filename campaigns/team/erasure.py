"""Admin view: erase one supporter's personal data, on their request."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .data_protection import erase_supporter
from .permissions import ERASE_SUPPORTERS


class EraseSupporterForm(forms.Form):
    email = forms.EmailField(
        label=gettext_lazy("Supporter's email address"),
        help_text=gettext_lazy(
            "Every signature made with this address, in any campaign and language, is "
            "anonymised. The signatures still count."
        ),
    )


def erase_supporter_view(request):
    if not request.user.has_perm(ERASE_SUPPORTERS):
        raise PermissionDenied
    form = EraseSupporterForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        erased = erase_supporter(form.cleaned_data["email"])
        messages.success(
            request,
            _("Erased the personal data of %(count)d signature(s).") % {"count": erased},
        )
        return redirect("campaigns_erase_supporter")
    return TemplateResponse(
        request,
        "campaigns/admin/erase_supporter.html",
        {"form": form, "page_title": _("Erase a supporter's data"), "header_icon": "user"},
    )
