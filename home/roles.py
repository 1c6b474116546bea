"""The Translators group (created by migration home.0002): translates and publishes the pages
of the other languages, nothing else.

It has add, change and publish rights on each language's home page except the default one (so on
every page below it), wagtail-localize's `submit_translation` to start translations, and no
access to signatures (see campaigns.wagtail_hooks).
"""

from django.contrib.auth.models import Permission
from wagtail.models import GroupPagePermission

TRANSLATORS = "Translators"
PAGE_PERMISSIONS = ("add_page", "change_page", "publish_page")


def grant_page_permissions(group, page):
    for codename in PAGE_PERMISSIONS:
        permission = Permission.objects.get(
            content_type__app_label="wagtailcore", codename=codename
        )
        GroupPagePermission.objects.get_or_create(group=group, page=page, permission=permission)
