"""The schedule dialog ("Set schedule" in the Status side panel) with zoned times."""

from wagtail.admin.panels import PublishingPanel

from .times import ZonedDateTimeInput


class ZonedPublishingPanel(PublishingPanel):
    """Wagtail's own, its go-live and expiry pickers replaced by ZonedDateTimeInput."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        for child in self.children:
            child.widget = ZonedDateTimeInput.like(child.widget)


def with_zoned_schedule(panels):
    """A model's settings panels (Page.settings_panels) with Wagtail's schedule dialog
    replaced by ours; Page lists it as a placeholder, imported when first used."""
    return [
        ZonedPublishingPanel()
        if getattr(panel, "panel_class", type(panel)) is PublishingPanel
        else panel
        for panel in panels
    ]
