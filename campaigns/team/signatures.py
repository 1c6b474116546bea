"""Signatures, in the campaign team's words: one menu, one row per campaign (all its languages)
with its count, each leading to the campaign's list and downloads (campaigns.team.exports).

It replaces Wagtail's "Forms" menu, which lists every language of a campaign as a form of its
own, counts nothing, and loses a campaign's signatures with its page. A deleted campaign's
signatures are kept until their retention period ends (campaigns.models.deleted): they stay
here, listed and exportable, and the page's delete screen says so before anyone confirms.
"""

from django.conf import settings
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.translation import gettext, gettext_lazy, ngettext
from wagtail.admin import messages
from wagtail.contrib.forms.views import SubmissionsListView
from wagtail.coreutils import get_supported_content_language_variant

from campaigns.models import CampaignPage, CampaignSubmission, SignatureTally
from portal.languages import language_name

from .exports import CampaignSubmissionsListView
from .opted_in import header_button as opted_in_button
from .permissions import SignaturesScreen, campaign_pages_for, deleted_campaigns_for


class Campaign:
    """One row of the menu: a campaign in all its languages the user may see, or what is kept
    of a deleted one."""

    def __init__(self, pages=(), deleted=None):
        default = get_supported_content_language_variant(settings.LANGUAGE_CODE)
        # The default language's page first: its title names the campaign.
        self.pages = sorted(pages, key=lambda page: page.locale.language_code != default)
        self.deleted = deleted
        self.key = deleted.campaign_key if deleted else self.pages[0].translation_key
        self.title = deleted.title if deleted else self.pages[0].title
        self.total = self.paper = self.waiting = self.held = 0

    @property
    def languages(self):
        return [language_name(page.locale.language_code) for page in self.pages]

    @property
    def url(self):
        if self.deleted:
            return reverse("campaigns_deleted_signatures", args=[self.deleted.pk])
        return reverse("wagtailforms:list_submissions", args=[self.pages[0].pk])


def campaigns_for(user):
    """The user's campaigns, their counts from the tally (paper included) and how many wait
    for confirmation or review, in the same few queries however many campaigns."""
    by_key = {}
    pages = CampaignPage.objects.filter(pk__in=campaign_pages_for(user).values("pk"))
    for page in pages.select_related("locale").order_by("pk"):
        by_key.setdefault(page.translation_key, []).append(page)
    campaigns = {key: Campaign(pages) for key, pages in by_key.items()}
    for deleted in deleted_campaigns_for(user):
        campaigns[deleted.campaign_key] = Campaign(deleted=deleted)
    for tally in SignatureTally.objects.filter(campaign_key__in=campaigns):
        campaigns[tally.campaign_key].total = tally.total
        campaigns[tally.campaign_key].paper = tally.paper
    # Signatures that do not count yet are few, and found by the index on confirmed_at.
    uncounted = (
        CampaignSubmission.objects.filter(campaign_key__in=campaigns, confirmed_at__isnull=True)
        .order_by()
        .values_list("campaign_key")
        .annotate(
            waiting=Count("pk", filter=Q(quarantined_at__isnull=True)),
            held=Count("pk", filter=Q(quarantined_at__isnull=False)),
        )
    )
    for key, waiting, held in uncounted:
        campaigns[key].waiting, campaigns[key].held = waiting, held
    return sorted(
        campaigns.values(), key=lambda campaign: (bool(campaign.deleted), campaign.title)
    )


class SignaturesIndexView(SignaturesScreen):
    template_name = "campaigns/admin/signatures_index.html"
    page_title = gettext_lazy("Signatures")
    header_icon = "form"

    @cached_property
    def header_buttons(self):
        # The supporters who asked to hear more, for a mailing tool (campaigns.team.opted_in).
        return [opted_in_button()]

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs, campaigns=campaigns_for(self.request.user))


class DeletedCampaignSignaturesView(CampaignSubmissionsListView):
    """A deleted campaign's signatures, until its retention period ends: listed and
    exported as when it had a page."""

    index_url_name = "campaigns_deleted_signatures"
    index_results_url_name = "campaigns_deleted_signatures_results"
    # Without the page's "delete selected" form: retention erases them (campaigns.models.deleted).
    results_template_name = "campaigns/admin/deleted_signatures_results.html"

    def dispatch(self, request, campaign_id, **kwargs):
        self.form_page = get_object_or_404(deleted_campaigns_for(request.user), pk=campaign_id)
        # Past Wagtail's own dispatch, which asks for a page the user may edit: there is none.
        return super(SubmissionsListView, self).dispatch(request, **kwargs)

    @cached_property
    def header_buttons(self):
        return self.download_buttons()


# --- the page's delete screen ---------------------------------------------------------------


def warn_before_deleting_signatures(request, page):
    """The before_delete_page hook: on the confirmation screen, how many signatures the campaign
    holds and what becomes of them.

    They are kept (CampaignSubmission.page is SET_NULL): they are the supporters' consent on
    record and their letters may still be due, so how long they stay is the retention period
    the team set, not a page editor's click. Those allowed to delete signatures can do so from
    the list first."""
    if request.method != "GET" or not isinstance(page, CampaignPage):
        return
    count = CampaignSubmission.objects.filter(campaign_key=page.translation_key).count()
    if not count:
        return
    others = CampaignPage.objects.filter(translation_key=page.translation_key).exclude(pk=page.pk)
    if others.exists():
        message = ngettext(
            "This campaign holds %(count)d signature, in all its languages. Deleting this page "
            "does not delete it: it stays listed under Signatures with the campaign's other "
            "languages.",
            "This campaign holds %(count)d signatures, in all its languages. Deleting this page "
            "does not delete them: they stay listed under Signatures with the campaign's other "
            "languages.",
            count,
        ) % {"count": count}
    else:
        message = " ".join(
            [
                ngettext(
                    "This campaign holds %(count)d signature. Deleting the page does not delete "
                    "it: it stays listed under Signatures, where it can be downloaded.",
                    "This campaign holds %(count)d signatures. Deleting the page does not delete "
                    "them: they stay listed under Signatures, where they can be downloaded.",
                    count,
                )
                % {"count": count},
                retention_sentence(page),
            ]
        )
    messages.warning(
        request,
        message,
        buttons=[
            messages.button(
                reverse("wagtailforms:list_submissions", args=[page.pk]),
                gettext("See the signatures"),
            )
        ],
    )


def retention_sentence(page):
    """When the kept signatures' personal details go (campaigns.models.retention)."""
    if page.retention_days is None:
        return gettext("Supporters' details are kept until someone erases them.")
    due = page.erasure_due_at
    if due is not None:
        return gettext("Supporters' details are erased on %(date)s.") % {
            "date": date_format(timezone.localtime(due), "DATE_FORMAT")
        }
    return ngettext(
        "Each supporter's details are erased %(days)d day after they signed.",
        "Each supporter's details are erased %(days)d days after they signed.",
        page.retention_days,
    ) % {"days": page.retention_days}
