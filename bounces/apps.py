from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BouncesConfig(AppConfig):
    name = "bounces"
    verbose_name = _("Bounces")

    def ready(self):
        # Connects the tracking signal's receiver; registers the start-up check.
        from . import checks, receivers  # noqa: F401
