"""Suppressed addresses, for people who handle data protection requests (those who may erase a
supporter's data: campaigns.team.permissions.ERASE_SUPPORTERS): a read-only list (reason,
since when, which service reported it), a check of one address, and lifting one for a
supporter who asks to receive email again.

No address is listed or kept: a row is a keyed hash. "Check an address" hashes what is typed,
as signing does, and says whether that hash is suppressed; it is a POST, so the address is
not written into the URL (and the web server's logs). Nothing is added or changed by hand:
only the email service's webhooks suppress (bounces.receivers).
"""

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import DateColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import HeaderButton, ListingButton
from wagtail.permission_policies.base import BasePermissionPolicy

from campaigns.models.opt_ins import Suppression
from campaigns.signing.supporters import supporter_key
from campaigns.team.permissions import ERASE_SUPPORTERS

from .lifting import lift


class DataProtectionPolicy(BasePermissionPolicy):
    """Seen and lifted by those who may erase a supporter's data; added or changed by no one."""

    actions = ("view", "delete")

    def user_has_permission(self, user, action):
        return action in self.actions and user.is_active and user.has_perm(ERASE_SUPPORTERS)

    def users_with_any_permission(self, actions):
        users = get_user_model().objects.filter(is_active=True)
        if not set(actions) & set(self.actions):
            return users.none()
        app_label, codename = ERASE_SUPPORTERS.split(".")
        permission = Permission.objects.filter(
            content_type__app_label=app_label, codename=codename
        )
        return users.filter(
            Q(is_superuser=True)
            | Q(user_permissions__in=permission)
            | Q(groups__permissions__in=permission)
        ).distinct()


class SuppressionIndexView(generic.IndexView):
    @cached_property
    def header_buttons(self):
        return [
            *super().header_buttons,
            HeaderButton(
                _("Check an address"), url=reverse("suppressions:check"), icon_name="search"
            ),
        ]

    def get_list_more_buttons(self, instance):
        buttons = []
        if url := self.get_delete_url(instance):
            buttons.append(ListingButton(_("Lift"), url=url, icon_name="undo", priority=10))
        return buttons


class LiftView(generic.DeleteView):
    page_title = _("Lift the suppression")
    success_message = _("Suppression lifted: this address will be written to again.")

    @property
    def confirmation_message(self):
        return _(
            "Lift it only if the supporter has asked to receive email again: the portal will "
            "write to this address again, and a later bounce or complaint suppresses it anew."
        )

    def delete_action(self):
        lift(self.object, self.request.user)


class CheckForm(forms.Form):
    email = forms.EmailField(
        label=_("Email address"),
        max_length=320,
        help_text=_("Compared by its keyed hash; it is neither stored nor logged."),
    )


def check_view(request):
    """Whether an address is suppressed, and a way to lift it."""
    policy = SuppressionViewSet.policy
    if not policy.user_has_permission(request.user, "view"):
        raise PermissionDenied
    form = CheckForm(request.POST or None)
    context = {
        "form": form,
        "page_title": _("Check an address"),
        "header_icon": "search",
        "checked": False,
    }
    if request.method == "POST" and form.is_valid():
        found = Suppression.objects.of(supporter_key(form.cleaned_data["email"])).first()
        context.update(checked=True, suppression=found)
        if found is not None and policy.user_has_permission(request.user, "delete"):
            context["lift_url"] = reverse("suppressions:delete", args=[found.pk])
    return TemplateResponse(request, "bounces/check.html", context)


class SuppressionViewSet(ModelViewSet):
    model = Suppression
    policy = DataProtectionPolicy(Suppression)
    index_view_class = SuppressionIndexView
    delete_view_class = LiftView
    # The reason first: the title column, which carries the row's "Lift".
    list_display = [
        "reason",
        DateColumn("created_at", label=_("Since"), sort_key="created_at"),
        "source",
    ]
    ordering = "-created_at"
    icon = "mail"
    menu_label = _("Suppressed addresses")
    add_to_settings_menu = True
    copy_view_enabled = False
    inspect_view_enabled = False
    # Never shown: the policy lets no one add or change a row.
    form_fields = ["reason"]

    def get_permissions_to_register(self):
        # The policy asks for ERASE_SUPPORTERS, not Suppression's own permissions: offering
        # those in the group editor would promise what they do not give.
        return Permission.objects.none()

    def get_urlpatterns(self):
        return [*super().get_urlpatterns(), path("check/", check_view, name="check")]
