"""Times as editors enter and read them: in the site's time zone (settings.TIME_ZONE), named
beside each one in the editor's language, and to the quarter hour in the picker."""

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.widgets import AdminDateTimeInput

# Named as people say them, not as the tz database spells them ("Asia/Hong_Kong").
ZONE_NAMES = {
    "Asia/Hong_Kong": _("Hong Kong time"),
    "UTC": _("UTC"),
}


def zone_name():
    """The site's time zone in words; its offset from UTC (UTC+08:00) where it has no name."""
    name = ZONE_NAMES.get(settings.TIME_ZONE)
    if name is not None:
        return str(name)
    offset = timezone.localtime().strftime("%z")
    return f"UTC{offset[:3]}:{offset[3:]}"


class ZonedDateTimeInput(AdminDateTimeInput):
    """Wagtail's date and time picker with the time zone named beside it, and times every
    quarter hour (the picker's own step is an hour); any minute can still be typed."""

    template_name = "publishing/widgets/zoned_datetime_input.html"
    minute_step = 15

    @classmethod
    def like(cls, widget):
        """One of ours in place of Wagtail's `widget`, with its attributes and overlay."""
        return cls(
            attrs=widget.attrs, js_overlay_parent_selector=widget.js_overlay_parent_selector
        )

    def get_config(self):
        # Opened by a click only (publishing/js/datetime-picker.js): on focus, tabbing to the
        # schedule's expiry opened a second picker over the "Save schedule" button.
        return {**super().get_config(), "step": self.minute_step, "openOnFocus": False}

    @property
    def media(self):
        return super().media + forms.Media(js=["publishing/js/datetime-picker.js"])

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        widget = context["widget"]
        widget["zone_name"] = zone_name()
        widget["zone_id"] = f"{widget['attrs'].get('id', name)}-zone"
        # Screen readers announce the zone with the field, after any help text.
        described_by = widget["attrs"].get("aria-describedby", "")
        widget["attrs"]["aria-describedby"] = f"{described_by} {widget['zone_id']}".strip()
        return context
