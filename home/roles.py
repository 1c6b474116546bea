"""The Translators group (created by migration home.0002): translates and publishes the pages
of the other languages, nothing else.

It has add, change and publish rights on each language's home page except the default one (so on
every page below it), wagtail-localize's `submit_translation` to start translations, and no
access to signatures (see campaigns.wagtail_hooks). They see the default language's pages in the
explorer, read-only, to translate them (SourcesVisibleToTranslatorsPolicy).
"""

from django.contrib.auth.models import Permission
from wagtail.models import GroupPagePermission, Locale
from wagtail.permission_policies.pages import PagePermissionPolicy

TRANSLATORS = "Translators"
PAGE_PERMISSIONS = ("add_page", "change_page", "publish_page")
SUBMIT_TRANSLATION = "wagtail_localize.submit_translation"


def grant_page_permissions(group, page):
    for codename in PAGE_PERMISSIONS:
        permission = Permission.objects.get(
            content_type__app_label="wagtailcore", codename=codename
        )
        GroupPagePermission.objects.get_or_create(group=group, page=page, permission=permission)


class SourcesVisibleToTranslatorsPolicy(PagePermissionPolicy):
    """Wagtail's page permissions, with one addition: people who may start translations (the
    Translators group) can find the pages of the default language in the explorer, to translate
    them or sync their translations.

    Seeing a page is all it adds: what they may do to it (edit, publish) still comes from their
    page permissions alone, and they have none on the default language's pages. Wagtail 8 has no
    view-only page permission, so this is a permission policy (registered in home.wagtail_hooks)
    rather than a permission granted to the group.
    """

    def sees_sources(self, user):
        return user.is_active and not user.is_superuser and user.has_perm(SUBMIT_TRANSLATION)

    def source_homes(self):
        return self.model.objects.filter(depth=2, locale=Locale.get_default())

    def instances_with_direct_explore_permission(self, user):
        pages = super().instances_with_direct_explore_permission(user)
        if self.sees_sources(user):
            pages = [*pages, *self.source_homes()]
        return pages

    def explorable_instances(self, user):
        pages = super().explorable_instances(user)
        if self.sees_sources(user):
            sources = self.model.objects.filter(depth__gt=1, locale=Locale.get_default())
            pages = pages | sources | self.model.objects.filter(depth=1)
        return pages
