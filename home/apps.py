from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = _("Home")

    def ready(self):
        from portal import route_cache  # noqa: F401  (its signal receivers)

        from . import locales, signals  # noqa: F401
