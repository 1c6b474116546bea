from django.db import migrations

ACTIONS = ("add", "change", "delete", "view")


def grant(apps, schema_editor):
    """Editors and moderators add paper signatures to their campaigns' counts."""
    from django.apps import apps as global_apps
    from django.contrib.auth.management import create_permissions

    # Django creates permissions after all migrations have run; the groups need them now.
    create_permissions(global_apps.get_app_config("campaigns"), verbosity=0)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = Permission.objects.filter(
        content_type__app_label="campaigns",
        codename__in=[f"{action}_papersignatures" for action in ACTIONS],
    )
    for group in Group.objects.filter(name__in=("Editors", "Moderators")):
        group.permissions.add(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("campaigns", "0005_signature_counts_and_goal"),
        ("home", "0002_roles"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
