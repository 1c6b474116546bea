from django.db import migrations


def grant(apps, schema_editor):
    """Editors and moderators, who see their campaigns' signatures, review the held ones."""
    from django.apps import apps as global_apps
    from django.contrib.auth.management import create_permissions

    # Django creates permissions after all migrations have run; the groups need this one now.
    create_permissions(global_apps.get_app_config("campaigns"), verbosity=0)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    review = Permission.objects.get(
        content_type__app_label="campaigns", codename="review_campaignsubmission"
    )
    for group in Group.objects.filter(name__in=("Editors", "Moderators")):
        group.permissions.add(review)


class Migration(migrations.Migration):
    dependencies = [
        ("campaigns", "0012_quarantine_and_form_tokens"),
        ("home", "0002_roles"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
