from django.db import migrations

CODENAMES = ("add_organisationsettings", "change_organisationsettings", "view_organisationsettings")


def grant(apps, schema_editor):
    """Editors and Moderators (Wagtail's groups) keep the organisation's settings, in every
    language; Translators do not (model permissions cannot be limited to one language)."""
    from django.apps import apps as global_apps
    from django.contrib.auth.management import create_permissions

    # Django creates permissions after all migrations have run; the groups need them now.
    create_permissions(global_apps.get_app_config("organisation"), verbosity=0)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = Permission.objects.filter(
        content_type__app_label="organisation", codename__in=CODENAMES
    )
    for group in Group.objects.filter(name__in=("Editors", "Moderators")):
        group.permissions.add(*permissions)


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    for permission in Permission.objects.filter(
        content_type__app_label="organisation", codename__in=CODENAMES
    ):
        permission.group_set.clear()


class Migration(migrations.Migration):
    dependencies = [
        ("organisation", "0001_organisation_settings"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
