"""Build the demo site: a home page and campaigns in every state. Safe to run again: pages and
images that exist already (matched by slug and title) are left exactly as they are."""

import datetime
from pathlib import Path

from django.core.files.images import ImageFile
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone
from wagtail.images import get_image_model
from wagtail.models import Locale, Page, Site

from campaigns.demo import content
from campaigns.models import CampaignFormField, CampaignPage
from home.models import HomePage

IMAGES_DIR = Path(content.__file__).parent / "images"


class Command(BaseCommand):
    help = "Load the demo home page and campaigns (idempotent)."

    @transaction.atomic
    def handle(self, *args, **options):
        self.created = 0
        self.ensure_locales()
        home = self.ensure_home()
        for spec in content.CAMPAIGNS:
            self.ensure_campaign(home, spec)
        self.stdout.write(f"Demo content ready ({self.created} objects created).")

    def ensure_locales(self):
        from django.conf import settings

        for code, _name in settings.LANGUAGES:
            Locale.objects.get_or_create(language_code=code)

    def ensure_home(self):
        root = Page.get_first_root_node()
        english = Locale.get_default()
        home = HomePage.objects.child_of(root).filter(locale=english).first()
        if home is None:
            # Wagtail's migrations leave a placeholder "Welcome" page where ours belongs.
            for placeholder in root.get_children().filter(
                content_type__model="page", content_type__app_label="wagtailcore"
            ):
                if not placeholder.get_children().exists():
                    placeholder.delete()
            home = HomePage(
                title=content.HOME["title"],
                slug=content.HOME["slug"],
                introduction=content.HOME["introduction"],
                locale=english,
            )
            root.add_child(instance=home)
            home.save_revision().publish()
            self.created += 1
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            Site.objects.create(
                hostname="localhost", port=80, root_page=home, is_default_site=True,
                site_name="Campaigns portal",
            )
            self.created += 1
        elif site.root_page_id != home.pk:
            site.root_page = home
            site.site_name = site.site_name or "Campaigns portal"
            site.save()
        return home

    def ensure_image(self, name, title=None):
        Image = get_image_model()
        title = title or name.replace("-", " ").capitalize()
        image = Image.objects.filter(title=title).first()
        if image is None:
            with open(IMAGES_DIR / f"{name}.jpg", "rb") as handle:
                image = Image(title=title, file=ImageFile(handle, name=f"{name}.jpg"))
                image.save()
            self.created += 1
        return image

    def ensure_campaign(self, home, spec):
        if CampaignPage.objects.child_of(home).filter(slug=spec["slug"]).exists():
            return
        page = CampaignPage(
            title=spec["title"],
            slug=spec["slug"],
            summary=spec["summary"],
            hero_image=self.ensure_image(spec["hero_image"]),
            thank_you_text=spec["thank_you_text"],
            to_address=spec["to_address"],
            action_closes_at=self.closing_time(spec),
            body=[self.block_data(block) for block in spec["body"]],
        )
        page.form_fields = [CampaignFormField(**field) for field in spec["form_fields"]]
        home.add_child(instance=page)
        page.save_revision().publish()
        self.created += 1

    def closing_time(self, spec):
        if spec.get("closed_on"):
            return datetime.datetime.fromisoformat(spec["closed_on"])
        if spec.get("closes_in_days"):
            return timezone.now().replace(hour=23, minute=59, second=0, microsecond=0) + (
                datetime.timedelta(days=spec["closes_in_days"])
            )
        return None

    def block_data(self, block):
        value = dict(block["value"])
        if block["type"] in ("background", "image") and value.get("image"):
            image = self.ensure_image(value["image"])
            value["image"] = {
                "image": image.pk,
                "decorative": False,
                "alt_text": value.pop("image_alt", ""),
            }
        else:
            value.pop("image", None)
            value.pop("image_alt", None)
        return {"type": block["type"], "value": value}
