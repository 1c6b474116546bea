"""The site's languages, looked up without a query: a Locale's code by id, and a code's name.

Locale rows change only when a language is added to settings, which means a restart, so page
views and signatures need not ask the database for them. This is the one place that maps codes
to names, for exports, emails, letters and reports alike.
"""

from django.conf import settings
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


def language_name(code):
    """The language's own name for itself, as settings.LANGUAGES gives it (繁體中文)."""
    return dict(settings.LANGUAGES).get(code, code)


def language_tag(code):
    """The language's BCP 47 tag for `lang=` and `hreflang` (zh-Hant-HK for zh-hant), from
    settings.LANGUAGE_TAGS."""
    return settings.LANGUAGE_TAGS.get(code, code)


@receiver(post_save, sender=Locale)
@receiver(post_delete, sender=Locale)
def clear_locales(**kwargs):
    _codes.clear()
