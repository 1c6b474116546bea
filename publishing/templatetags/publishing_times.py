from django import template

from publishing.times import zone_name

register = template.Library()


@register.simple_tag
def time_zone_name():
    """The site's time zone in words, in the active language: "Hong Kong time"."""
    return zone_name()
