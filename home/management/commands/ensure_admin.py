"""Make sure an `admin` superuser exists, so a fresh `make run` can be logged into at once."""

import os
import secrets

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = (
        "Create the superuser 'admin' if missing. Its password is ADMIN_PASSWORD if set, "
        "otherwise generated and printed once."
    )

    def handle(self, *args, **options):
        User = get_user_model()
        password = os.environ.get("ADMIN_PASSWORD")
        user = User.objects.filter(username="admin").first()
        if user is not None:
            if password:
                user.set_password(password)
                user.save(update_fields=["password"])
                self.stdout.write("Admin login: admin / the password in ADMIN_PASSWORD")
            else:
                self.stdout.write(
                    "Admin login: admin (password unchanged; set ADMIN_PASSWORD to reset it)"
                )
            return
        generated = not password
        password = password or secrets.token_urlsafe(12)
        # With names: Wagtail's account page requires them, and an editor changing their
        # admin language there would otherwise be stopped by two empty fields.
        User.objects.create_superuser(
            "admin", "admin@example.org", password, first_name="Site", last_name="Admin"
        )
        if generated:
            self.stdout.write(
                self.style.SUCCESS(f"Admin login: admin / {password}  (shown only this once)")
            )
        else:
            self.stdout.write("Admin login: admin / the password in ADMIN_PASSWORD")
