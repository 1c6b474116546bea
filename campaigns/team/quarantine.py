"""The review of held signatures (campaigns.signing.quarantine): approve or reject them one by
one, or all those that match a campaign, a reason, a network, an email domain and a time window.

A flood comes from a few networks or domains within minutes: the screen counts the held
signatures by network and by domain, each a link that narrows the list to it, and one button
approves or rejects everything that matches. Networks are keyed hashes (portal.clients): alike
for the addresses of one /24 or /64 on the same day, and no address is shown or kept.

Each decision goes into Wagtail's audit log on the campaign's page: who, when, how many.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext, gettext_lazy, ngettext
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.contrib.forms.utils import get_forms_for_user
from wagtail.log_actions import log

from campaigns.models import CampaignPage
from campaigns.signing import quarantine

from .permissions import REVIEW_HELD, VIEW_SIGNATURES

APPROVED, REJECTED = "campaigns.held_approved", "campaigns.held_rejected"
# Rows shown at once; the buttons for "all that match" reach the others.
SHOWN = 200


class HeldFilterForm(forms.Form):
    campaign = forms.TypedChoiceField(label=gettext_lazy("Campaign"), required=False, coerce=str)
    reason = forms.ChoiceField(label=gettext_lazy("Why held"), required=False)
    network = forms.CharField(label=gettext_lazy("Network"), required=False, max_length=16)
    domain = forms.CharField(label=gettext_lazy("Email domain"), required=False, max_length=255)
    held_from = forms.DateTimeField(
        label=gettext_lazy("Held from"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
    )
    held_until = forms.DateTimeField(
        label=gettext_lazy("Held until"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
    )

    def __init__(self, *args, campaigns, **kwargs):
        super().__init__(*args, **kwargs)
        self.campaigns = {str(page.translation_key): page for page in campaigns}
        self.fields["campaign"].choices = [
            ("", gettext("All campaigns")),
            *((key, page.title) for key, page in self.campaigns.items()),
        ]
        self.fields["reason"].choices = [
            ("", gettext("Any reason")),
            *quarantine.REASONS.items(),
        ]

    def filter(self, held):
        """`held`, narrowed to what the form asks for (and always to the user's campaigns)."""
        data = self.cleaned_data if self.is_valid() else {}
        keys = [data["campaign"]] if data.get("campaign") else list(self.campaigns)
        held = held.filter(campaign_key__in=keys)
        if data.get("reason"):
            # Reasons are a JSON list; a substring of its text is the lookup both databases have.
            held = held.filter(quarantine_reasons__icontains=f'"{data["reason"]}"')
        if data.get("network"):
            held = held.filter(network=data["network"].strip().lower())
        if data.get("domain"):
            held = held.filter(email_domain=data["domain"].strip().lower())
        if data.get("held_from"):
            held = held.filter(quarantined_at__gte=data["held_from"])
        if data.get("held_until"):
            held = held.filter(quarantined_at__lte=data["held_until"])
        return held


def reviewable_campaigns(user):
    """One page per campaign whose signatures the user may see (their pages' permissions)."""
    if not (user.has_perm(VIEW_SIGNATURES) and user.has_perm(REVIEW_HELD)):
        raise PermissionDenied
    pages = CampaignPage.objects.filter(pk__in=get_forms_for_user(user).values("pk"))
    return sorted(pages.one_per_campaign(), key=lambda page: page.title)


class HeldSignaturesView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "campaigns/admin/held_signatures.html"
    page_title = gettext_lazy("Signatures held for review")
    header_icon = "warning"

    def dispatch(self, request, *args, **kwargs):
        self.campaigns = reviewable_campaigns(request.user)
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def filter_form(self, data):
        return HeldFilterForm(data or None, campaigns=self.campaigns)

    def get_context_data(self, **kwargs):
        form = self.filter_form(self.request.GET)
        matching = form.filter(quarantine.held()).order_by("-quarantined_at", "-pk")
        total = matching.count()
        rows = [Row(submission) for submission in matching.select_related("page")[:SHOWN]]
        by_network = top(matching, "network")
        by_domain = top(matching, "email_domain")
        return super().get_context_data(
            **kwargs,
            filter_form=form,
            rows=rows,
            total=total,
            shown=len(rows),
            by_network=by_network,
            by_domain=by_domain,
            query=self.request.GET.urlencode(),
        )

    def post(self, request):
        form = self.filter_form(request.POST)
        matching = form.filter(quarantine.held())
        if request.POST.get("scope") != "matching":
            ids = [pk for pk in request.POST.getlist("selected") if pk.isdigit()]
            matching = matching.filter(pk__in=ids)
        action = request.POST.get("action")
        if action not in ("approve", "reject"):
            return redirect(self.back(request))
        chosen = list(matching.select_related("page"))
        by_campaign = {}
        for submission in chosen:
            by_campaign.setdefault(submission.campaign_key, []).append(submission.pk)
        done = 0
        for key, pks in by_campaign.items():
            these = quarantine.held().filter(pk__in=pks)
            count = quarantine.release(these) if action == "approve" else quarantine.reject(these)
            done += count
            page = form.campaigns.get(str(key))
            if count and page is not None:
                log(
                    instance=page,
                    action=APPROVED if action == "approve" else REJECTED,
                    user=request.user,
                    data={"count": count},
                )
        if action == "approve":
            message = ngettext(
                "%(count)d signature approved: it counts and its emails are on their way.",
                "%(count)d signatures approved: they count and their emails are on their way.",
                done,
            )
        else:
            message = ngettext(
                "%(count)d held signature rejected and deleted.",
                "%(count)d held signatures rejected and deleted.",
                done,
            )
        messages.success(request, message % {"count": done})
        return redirect(self.back(request))

    def back(self, request):
        query = request.POST.get("query", "")
        return reverse("campaigns_held_signatures") + (f"?{query}" if query else "")


class Row:
    def __init__(self, submission):
        self.submission = submission
        self.page = submission.page  # the language it was signed in: its title in that language
        self.reasons = [
            quarantine.REASONS.get(code, code) for code in submission.quarantine_reasons
        ]

    @property
    def answers(self):
        """The supporter's text answers, briefly: enough to tell a person from a script."""
        texts = [value for value in self.submission.form_data.values() if isinstance(value, str)]
        return " · ".join(text[:60] for text in texts[:4] if text)


def top(held, field, limit=8):
    rows = (
        held.exclude(**{f"{field}__isnull": True})
        .order_by()
        .values_list(field)
        .annotate(n=Count("pk"))
        .order_by("-n")[:limit]
    )
    return list(rows)
