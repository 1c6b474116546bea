from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.log_actions import LogFormatter
from wagtail.permissions import register_permission_policy

from campaigns.models.opt_ins import Suppression

from .admin_views import SuppressionViewSet
from .lifting import LIFTED

register_permission_policy(Suppression, SuppressionViewSet.policy)


@hooks.register("register_admin_viewset")
def register_suppressions():
    return SuppressionViewSet("suppressions")


@hooks.register("register_log_actions")
def register_lifted(actions):
    @actions.register_action(LIFTED)
    class Lifted(LogFormatter):
        label = _("Lift a suppressed address")

        def format_message(self, log_entry):
            return _("Lifted the suppression of an address (%(reason)s since %(since)s)") % {
                "reason": log_entry.data.get("reason", ""),
                "since": log_entry.data.get("since", "")[:10],
            }
