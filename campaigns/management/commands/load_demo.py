"""Build the demo site: a home page and campaigns in every state. Safe to run again: pages and
images that exist already (matched by slug and title) are left exactly as they are."""

import datetime
import time
from pathlib import Path
from uuid import uuid4

from django.core.files.images import ImageFile
from django.core.management.base import BaseCommand
from django.utils import timezone
from wagtail.images import get_image_model
from wagtail.models import Locale, Page, Site
from wagtail_localize.models import (
    StringSegment,
    StringTranslation,
    Translation,
    TranslationSource,
)

from campaigns.demo import content, renditions, translations
from campaigns.demo.stream_data import complete
from campaigns.models import CampaignFormField, CampaignPage, PaperSignatures
from campaigns.team.tally import tally_signatures
from home.models import HomePage, InformationPage
from organisation.models import OrganisationSettings
from organisation.partners import Partner

IMAGES_DIR = Path(content.__file__).parent / "images"


class Command(BaseCommand):
    help = "Load the demo home page and campaigns (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--renditions",
            action="store_true",
            help="Also make the images every page shows, so that no first view waits for them.",
        )

    def handle(self, *args, **options):
        self.created = 0
        self.ensure_locales()
        home = self.ensure_home()
        campaigns = [self.ensure_campaign(home, spec) for spec in content.CAMPAIGNS]
        privacy = self.ensure_privacy_page(home)
        organisation = self.ensure_organisation(privacy)
        partner = self.ensure_partner()
        for instance in [home, *campaigns, privacy, organisation, partner]:
            self.ensure_translations(instance)
        tally_signatures()  # the counts pages show, as the scheduler would make them
        self.stdout.write(f"Demo content ready ({self.created} objects created).")
        if options["renditions"]:
            started = time.monotonic()
            made, failed = renditions.make_renditions()
            self.stdout.write(
                f"Images ready: {made} renditions made in {time.monotonic() - started:.0f} s."
            )
            if failed:
                self.stderr.write(f"Pages that did not answer: {', '.join(failed)}")

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
                hostname="localhost", port=80, root_page=home, is_default_site=True
            )
            self.created += 1
        elif site.root_page_id != home.pk:
            site.root_page = home
            site.save()
        return home

    def ensure_privacy_page(self, home):
        page = InformationPage.objects.child_of(home).filter(slug=content.PRIVACY["slug"]).first()
        if page is None:
            page = InformationPage(**content.PRIVACY)
            home.add_child(instance=page)
            page.save_revision().publish()
            self.created += 1
        return page

    def ensure_organisation(self, privacy):
        english = Locale.get_default()
        organisation = OrganisationSettings.objects.filter(locale=english).first()
        if organisation is None:
            image = self.ensure_image(content.ORGANISATION["default_social_image"])
            logo = self.ensure_image(content.ORGANISATION["logo"], title="Logo")
            organisation = OrganisationSettings.objects.create(
                **content.ORGANISATION
                | {
                    "default_social_image": image,
                    "logo": logo,
                    "privacy_page": privacy,
                    "locale": english,
                }
            )
            self.created += 1
        return organisation

    def ensure_partner(self):
        english = Locale.get_default()
        partner = Partner.objects.filter(locale=english, slug=content.PARTNER["slug"]).first()
        if partner is None:
            partner = Partner.objects.create(**content.PARTNER, locale=english)
            self.created += 1
        return partner

    def ensure_image(self, name, title=None):
        Image = get_image_model()
        title = title or name.replace("-", " ").capitalize()
        image = Image.objects.filter(title=title).first()
        if image is None:
            path = next(IMAGES_DIR.glob(f"{name}.*"))  # photos are JPEG, the logo PNG
            with open(path, "rb") as handle:
                image = Image(title=title, file=ImageFile(handle, name=path.name))
                image.save()
            self.created += 1
        return image

    def ensure_campaign(self, home, spec):
        existing = CampaignPage.objects.child_of(home).filter(slug=spec["slug"]).first()
        if existing is not None:
            return existing
        page = CampaignPage(
            title=spec["title"],
            slug=spec["slug"],
            summary=spec["summary"],
            share_text=spec.get("share_text", ""),
            hero_image=self.ensure_image(spec["hero_image"]),
            hero_image_alt=spec["hero_image_alt"],
            thank_you_text=spec["thank_you_text"],
            to_address=spec["to_address"],
            action_closes_at=self.closing_time(spec),
            signature_goal=spec.get("signature_goal"),
            raise_goal_when_reached=spec.get("raise_goal_when_reached", False),
            # Both optional opt-ins under the form, in the organisation's words.
            ask_campaign_updates=spec.get("ask_campaign_updates", True),
            ask_other_campaigns=spec.get("ask_other_campaigns", True),
            body=complete([self.block_data(block) for block in spec["body"]]),
            # With ids, as the admin stores blocks: wagtail-localize keys translations by them.
            next_steps=[{**step, "id": str(uuid4())} for step in spec.get("next_steps", [])],
        )
        page.form_fields = [CampaignFormField(**field) for field in spec["form_fields"]]
        home.add_child(instance=page)
        page.save_revision().publish()
        if spec.get("paper_signatures"):
            count, note = spec["paper_signatures"]
            PaperSignatures.objects.create(page=page, count=count, note=note)
        self.created += 1
        return page

    def ensure_translations(self, page):
        """Translate the page (or snippet) as a translator would in wagtail-localize's editor,
        and publish."""
        source = None
        for locale in Locale.objects.exclude(pk=page.locale_id):
            if page.has_translation(locale):
                continue
            if source is None:
                source, _created = TranslationSource.get_or_create_from_instance(page)
            translation, _created = Translation.objects.get_or_create(
                source=source, target_locale=locale
            )
            strings = translations.TRANSLATIONS.get(locale.language_code, {})
            for segment in StringSegment.objects.filter(source=source).select_related(
                "string", "context"
            ):
                if segment.string.data in strings:
                    StringTranslation.objects.update_or_create(
                        translation_of=segment.string,
                        locale=locale,
                        context=segment.context,
                        defaults={
                            "data": strings[segment.string.data],
                            "translation_type": StringTranslation.TRANSLATION_TYPE_MANUAL,
                        },
                    )
            # wagtail-localize would publish when the transaction commits; publish now instead,
            # so the result does not depend on how the command is wrapped in transactions.
            # A snippet without drafts is saved as it is, which wagtail-localize calls publishing.
            is_page = isinstance(page, Page)
            translation.save_target(publish=not is_page)
            if is_page:
                page.get_translation(locale).get_latest_revision().publish()
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
        value.pop("image_alt", None)
        return {"type": block["type"], "value": value}
