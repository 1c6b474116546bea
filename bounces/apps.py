from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BouncesConfig(AppConfig):
    name = "bounces"
    verbose_name = _("Bounces")

    def ready(self):
        from . import receivers  # noqa: F401  (connects the tracking signal's receiver)
