"""Locale rows, read once per process: they change only when a language is added to settings,
which means a restart, so page views need not ask the database for them."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.models import Locale

_codes = {}


def language_code(locale_id):
    """The language code of a Locale, by id, without a query once the map is loaded."""
    if locale_id not in _codes:
        _codes.clear()
        _codes.update(Locale.objects.values_list("pk", "language_code"))
    return _codes.get(locale_id)


@receiver(post_save, sender=Locale)
@receiver(post_delete, sender=Locale)
def forget_locales(**kwargs):
    _codes.clear()
