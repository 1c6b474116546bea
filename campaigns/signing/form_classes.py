"""The supporter's form class, built once per published version of a page in each process.

Wagtail's form builder queries the page's fields and builds a form class on every view and every
signature. The fields in the database change only when the page is published, and publishing
gives the page a new live revision, so a page's translation key, locale and live revision name
one set of fields for good. (The translation key rather than the id: ids come back after a
rolled-back transaction, translation keys are random.)

Previews and the admin build their forms from revisions and edit forms, and never use this.
"""

import threading

from django.core.signals import setting_changed
from django.dispatch import receiver

# A class is a few kilobytes: far more than any site serves at once, and cheap to rebuild.
LIMIT = 1000

_classes = {}
_lock = threading.Lock()


def form_class(page, build):
    """`build()`'s answer for this published version of `page`, built once."""
    key = (page.translation_key, page.locale_id, page.live_revision_id)
    found = _classes.get(key)
    if found is None:
        found = build()
        with _lock:
            if len(_classes) >= LIMIT:
                _classes.clear()
            _classes[key] = found
    return found


@receiver(setting_changed)
def clear_form_classes(**kwargs):
    """reCAPTCHA's keys and switches are read as the class is built."""
    _classes.clear()
