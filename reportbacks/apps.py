from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportBacksConfig(AppConfig):
    name = "reportbacks"
    verbose_name = _("Updates to signers")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import receivers  # noqa: F401  (connects to the scheduler's minute)
