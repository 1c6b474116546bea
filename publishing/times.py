"""Times as editors enter and read them: in the site's time zone (settings.TIME_ZONE), named
beside each one in the editor's language, and to the quarter hour in the picker."""

from django import forms
from wagtail.admin.widgets import AdminDateTimeInput

from portal.time_zones import time_zone_label


def zone_name():
    """The site's time zone as the name of a clock ("Hong Kong time"), in the active
    language (portal.time_zones)."""
    return str(time_zone_label())


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
