from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OsdiConfig(AppConfig):
    name = "osdi"
    verbose_name = _("OSDI API")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import receivers  # noqa: F401
