from django.db import migrations

TRANSLATOR_PAGE_PERMISSIONS = ("add_page", "change_page", "publish_page")


def create_roles(apps, schema_editor):
    """Translators get their group; editors and moderators keep seeing signatures."""
    from django.apps import apps as global_apps
    from django.contrib.auth.management import create_permissions
    from django.conf import settings

    # Django creates permissions after all migrations have run; these roles need them now.
    for app_config in global_apps.get_app_configs():
        create_permissions(app_config, verbosity=0)

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    Page = apps.get_model("wagtailcore", "Page")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")

    def permission(app_label, codename):
        return Permission.objects.get(content_type__app_label=app_label, codename=codename)

    view_signatures = permission("campaigns", "view_campaignsubmission")
    for group in Group.objects.filter(name__in=("Editors", "Moderators")):
        group.permissions.add(view_signatures)

    translators, _created = Group.objects.get_or_create(name="Translators")
    translators.permissions.add(
        permission("wagtailadmin", "access_admin"),
        permission("wagtail_localize", "submit_translation"),
    )
    # Home pages of the translated trees that exist already; home.signals opens new ones.
    for page in Page.objects.filter(depth=2).exclude(locale__language_code=settings.LANGUAGE_CODE):
        for codename in TRANSLATOR_PAGE_PERMISSIONS:
            GroupPagePermission.objects.get_or_create(
                group=translators, page=page, permission=permission("wagtailcore", codename)
            )


def remove_translators(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name="Translators").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0001_initial"),
        ("campaigns", "0002_thank_you_email"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtail_localize", "0016_rename_page_revision_translationlog_revision"),
    ]

    operations = [migrations.RunPython(create_roles, remove_translators)]
