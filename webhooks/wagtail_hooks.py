from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from .admin import RESENT, ROTATED, EndpointViewSet


@hooks.register("register_admin_viewset")
def register_webhook_endpoints():
    return EndpointViewSet("webhook_endpoints")


@hooks.register("register_log_actions")
def register_webhook_actions(actions):
    """Who rotated an endpoint's secret, and who sent a message again, in its history."""
    actions.register_action(ROTATED, _("Rotate webhook secret"), _("Rotated the signing secret"))
    actions.register_action(RESENT, _("Send webhook again"), _("Sent a message again"))
