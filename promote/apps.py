from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PromoteConfig(AppConfig):
    name = "promote"
    verbose_name = _("Sharing and search")
