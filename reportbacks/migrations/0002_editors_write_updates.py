from django.db import migrations

CODENAMES = (
    "add_reportback",
    "change_reportback",
    "view_reportback",
    "delete_reportback",
    "add_automaticreportbacks",
    "change_automaticreportbacks",
    "view_automaticreportbacks",
)


def grant(apps, schema_editor):
    """Editors and Moderators (Wagtail's groups) write, schedule and send the updates to a
    campaign's signers, as they keep its pages; Translators do not (model permissions cannot be
    limited to one language, and sending is the campaign team's call)."""
    from django.apps import apps as global_apps
    from django.contrib.auth.management import create_permissions

    # Django creates permissions after all migrations have run; the groups need them now.
    create_permissions(global_apps.get_app_config("reportbacks"), verbosity=0)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = Permission.objects.filter(
        content_type__app_label="reportbacks", codename__in=CODENAMES
    )
    for group in Group.objects.filter(name__in=("Editors", "Moderators")):
        group.permissions.add(*permissions)


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    for permission in Permission.objects.filter(
        content_type__app_label="reportbacks", codename__in=CODENAMES
    ):
        permission.group_set.clear()


class Migration(migrations.Migration):
    dependencies = [
        ("reportbacks", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
