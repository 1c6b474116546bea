"""The site's time zone as people read it: "Hong Kong", not "Asia/Hong_Kong".

Reports and help texts say which clock their days and hours follow; the tz database name is for
machines. Zones the portal is likely to run in have translated names; any other is shown by its
city, as the database spells it, without underscores.
"""

from django.conf import settings
from django.utils.translation import gettext_lazy as _

NAMES = {
    "Asia/Hong_Kong": _("Hong Kong"),
    "Asia/Macau": _("Macau"),
    "Asia/Taipei": _("Taipei"),
    "Europe/London": _("London"),
    "UTC": _("UTC"),
}


def time_zone_name(zone=None):
    """The name of `zone` (the site's TIME_ZONE by default), in the active language."""
    zone = zone or settings.TIME_ZONE
    return NAMES.get(zone) or zone.rpartition("/")[2].replace("_", " ")


def time_zone_label(zone=None):
    """The zone as the name of a clock, beside a time: "Hong Kong time" (香港時間)."""
    return _("%(zone)s time") % {"zone": time_zone_name(zone)}
