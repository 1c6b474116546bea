from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublishingConfig(AppConfig):
    name = "publishing"
    verbose_name = _("Publishing in every language")

    def ready(self):
        from django.db import models
        from wagtail.admin.forms.models import register_form_field_override

        from . import receivers  # noqa: F401
        from .times import ZonedDateTimeInput

        # Every date and time field of the admin's forms (a campaign's closing time...) with
        # the zone named and minutes in the picker; the schedule dialog is publishing.panels.
        register_form_field_override(models.DateTimeField, override={"widget": ZonedDateTimeInput})
