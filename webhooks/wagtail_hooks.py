from wagtail import hooks

from .admin import EndpointViewSet


@hooks.register("register_admin_viewset")
def register_webhook_endpoints():
    return EndpointViewSet("webhook_endpoints")
