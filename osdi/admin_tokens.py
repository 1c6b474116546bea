"""The admin screen for API tokens: a user with "Can make and revoke OSDI API tokens" makes
tokens for themself (a token reads only what its user may see) and revokes any. A new token
is shown once, on the page that made it; only its hash is kept."""

import django.forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.log_actions import log

from .models import ApiToken

MANAGE_TOKENS = "osdi.manage_apitoken"
MADE, REVOKED = "osdi.token_made", "osdi.token_revoked"


class TokenForm(django.forms.ModelForm):
    class Meta:
        model = ApiToken
        fields = ["name", "can_read", "can_write"]

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("can_read") and not cleaned.get("can_write"):
            raise django.forms.ValidationError(_("Give the token at least one scope."))
        return cleaned


class TokensView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "osdi/admin/tokens.html"
    page_title = gettext_lazy("OSDI API tokens")
    header_icon = "key"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(MANAGE_TOKENS):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def get_context_data(self, **kwargs):
        tokens = ApiToken.objects.select_related("user")
        return super().get_context_data(
            **{"tokens": tokens, "form": kwargs.pop("form", None) or TokenForm(), **kwargs}
        )

    def post(self, request):
        if "revoke" in request.POST:
            return self.revoke(request, request.POST["revoke"])
        form = TokenForm(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        row, token = ApiToken.make(request.user, **form.cleaned_data)
        log(instance=row, action=MADE, user=request.user)
        context = self.get_context_data(new_token=token, new_row=row)
        return TemplateResponse(request, self.template_name, context)

    def revoke(self, request, pk):
        if not str(pk).isdigit():
            raise PermissionDenied
        row = get_object_or_404(ApiToken, pk=pk)
        if row.revoked_at is None:
            row.revoked_at = timezone.now()
            row.save(update_fields=["revoked_at"])
            log(instance=row, action=REVOKED, user=request.user)
            messages.success(request, _("The token “%(name)s” is revoked.") % {"name": row.name})
        return redirect("osdi_tokens")
