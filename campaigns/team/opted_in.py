"""Supporters who asked to hear more, as a CSV for the team's mailing tool: one scope at a time
(this campaign's updates, the organisation's other campaigns, or a partner's).

Only `OptIn.objects.reachable()`: given, not withdrawn, on a counted signature whose details
are kept, at an address not suppressed. One row per person (by the keyed hash of their
address), the newest opt-in winning, so one who signed three campaigns is written to once.
The file is the exports' (campaigns.team.exports.csv_lines): UTF-8 with a byte-order mark,
formula cells neutralised. Reading it is a look at supporters' data: it takes the permission
to see signatures, covers only the campaigns the user may see, and goes into the audit log.
"""

import dataclasses
import itertools

from django import forms
from django.conf import settings
from django.http import StreamingHttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext, gettext_lazy
from wagtail.admin.widgets import HeaderButton
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Page, Site

from campaigns.models import CampaignPage, DeletedCampaign, OptIn, Scope
from organisation.models import OrganisationSettings
from organisation.partners import Partner

from . import audit
from .exports import CHUNK_SIZE, csv_lines
from .letters import LetterFields
from .permissions import SignaturesScreen, campaign_pages_for, deleted_campaigns_for

ORGANISATION = "organisation"


def allowed_campaign_keys(user):
    """Every campaign whose signatures the user may see, deleted ones included."""
    keys = set(campaign_pages_for(user).values_list("translation_key", flat=True))
    keys.update(deleted_campaigns_for(user).values_list("campaign_key", flat=True))
    return keys


def default_language_rows(queryset):
    """One row per translation key, the default language's where there is one."""
    default = get_supported_content_language_variant(settings.LANGUAGE_CODE)
    rows = {}
    for row in queryset.select_related("locale").order_by("pk"):
        if row.translation_key not in rows or row.locale.language_code == default:
            rows[row.translation_key] = row
    return rows


def list_choices(user):
    """[(value, label)] of the lists the user may download."""
    pages = default_language_rows(
        CampaignPage.objects.filter(pk__in=campaign_pages_for(user).values("pk"))
    )
    campaigns = sorted(pages.values(), key=lambda page: page.title)
    partners = sorted(default_language_rows(Partner.objects.all()).values(), key=str)
    return [
        *(
            (
                f"campaign:{page.translation_key}",
                gettext("Updates about this campaign: %(title)s") % {"title": page.title},
            )
            for page in campaigns
        ),
        (ORGANISATION, gettext("The organisation's other campaigns")),
        *(
            (
                f"partner:{partner.translation_key}",
                gettext("A partner: %(name)s") % {"name": partner.name},
            )
            for partner in partners
        ),
    ]


class ListForm(forms.Form):
    audience = forms.ChoiceField(label=gettext_lazy("Who to write to"))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["audience"].choices = list_choices(user)

    def chosen(self):
        """(scope, campaign or partner translation key) of the valid choice."""
        value = self.cleaned_data["audience"]
        if value == ORGANISATION:
            return Scope.ORGANISATION, None
        kind, _colon, key = value.partition(":")
        return (Scope.CAMPAIGN if kind == "campaign" else Scope.PARTNER), key


@dataclasses.dataclass
class Contact:
    email: str
    first_name: str
    last_name: str


class ContactFields:
    """Where each campaign's form keeps the address and the name (by its fields' shape, as
    the letters read it: campaigns.team.letters), asked once per campaign."""

    def __init__(self):
        self.by_campaign = {}

    def of(self, campaign_key):
        if campaign_key not in self.by_campaign:
            source = (
                CampaignPage.objects.filter(translation_key=campaign_key).order_by("pk").first()
                or DeletedCampaign.objects.filter(campaign_key=campaign_key).first()
            )
            fields = list(source.get_form_fields()) if source is not None else []
            emails = tuple(f.clean_name for f in fields if f.field_type == "email")
            letter = LetterFields.of(source) if source is not None else LetterFields((), None)
            self.by_campaign[campaign_key] = (emails, letter)
        return self.by_campaign[campaign_key]

    def contact(self, campaign_key, data):
        emails, letter = self.of(campaign_key)
        email = next((str(data[key]) for key in emails if data.get(key)), "")
        answers = [(key, str(data.get(key) or "").strip()) for key in letter.name_keys]
        given = [text for key, text in answers if text and key not in letter.family_keys]
        family = [text for key, text in answers if text and key in letter.family_keys]
        return Contact(email, " ".join(given), " ".join(family))


def opted_in(scope, key, campaign_keys):
    """The reachable opt-ins of one list, newest first within each person."""
    found = OptIn.objects.reachable().filter(
        scope=scope, signature__campaign_key__in=campaign_keys
    )
    if scope == Scope.CAMPAIGN:
        found = found.filter(campaign_key=key)
    elif scope == Scope.PARTNER:
        found = found.filter(partner_key=key)
    return found.order_by("signature__supporter_key", "-given_at", "-pk")


def rows(opt_ins):
    """The CSV's rows after its headings: one per person, their newest opt-in."""
    fields = ContactFields()
    values = opt_ins.values_list(
        "signature__supporter_key",
        "signature__campaign_key",
        "signature__form_data",
        "signature__language",
        "scope",
        "wording__version",
        "given_at",
    )
    last_person = None
    for person, campaign_key, data, language, scope, version, given_at in values.iterator(
        chunk_size=CHUNK_SIZE
    ):
        if person == last_person:
            continue  # an older opt-in of someone already listed
        last_person = person
        contact = fields.contact(campaign_key, data or {})
        if not contact.email:
            continue
        yield [
            contact.email,
            contact.first_name,
            contact.last_name,
            language,
            scope,
            version,
            timezone.localtime(given_at).isoformat(sep=" ", timespec="seconds"),
        ]


def logged_on(scope, key):
    """What the audit log records the download against: the campaign's page, the partner,
    or the organisation's settings (else the site's home page)."""
    if scope == Scope.CAMPAIGN:
        return CampaignPage.objects.filter(translation_key=key).order_by("pk").first()
    if scope == Scope.PARTNER:
        return Partner.objects.filter(translation_key=key).order_by("pk").first()
    organisation = OrganisationSettings.objects.order_by("pk").first()
    if organisation is not None:
        return organisation
    site = Site.objects.filter(is_default_site=True).first()
    return site.root_page if site else Page.get_first_root_node()


class OptedInView(SignaturesScreen):
    template_name = "campaigns/admin/opted_in.html"
    page_title = gettext_lazy("Supporters who asked to hear more")
    header_icon = "mail"

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("campaigns_signatures"), "label": gettext("Signatures")},
            {"url": "", "label": self.get_page_title()},
        ]

    @cached_property
    def form(self):
        data = self.request.GET if "audience" in self.request.GET else None
        return ListForm(data, user=self.request.user)

    def get(self, request, *args, **kwargs):
        if self.form.is_bound and self.form.is_valid():
            return self.download(*self.form.chosen())
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs, form=self.form)

    def download(self, scope, key):
        user = self.request.user
        opt_ins = opted_in(scope, key, allowed_campaign_keys(user))
        people = opt_ins.values("signature__supporter_key").distinct().count()
        instance = logged_on(scope, key)
        if instance is not None:
            audit.record(
                audit.OPTED_IN_EXPORTED, instance, user, format="csv", count=people, scope=scope
            )
        headings = [
            gettext("Email"),
            gettext("First name"),
            gettext("Last name"),
            gettext("Language"),
            gettext("Scope"),
            gettext("Wording version"),
            gettext("Given at"),
        ]
        filename = f"opted-in-{scope}-{timezone.localdate():%Y-%m-%d}.csv"
        return StreamingHttpResponse(
            csv_lines(itertools.chain([headings], rows(opt_ins))),
            content_type="text/csv; charset=utf-8",
            headers={"Content-Disposition": f'attachment; filename="{filename}"'},
        )


def header_button():
    """On the Signatures screen, the way to these lists."""
    return HeaderButton(
        gettext_lazy("Supporters who asked to hear more"),
        url=reverse("campaigns_opted_in"),
        icon_name="mail",
    )
