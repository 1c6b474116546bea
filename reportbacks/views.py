"""The supporter's pages, reached from an update's links: one-click unsubscribe (RFC 8058) and
preferences. The token in the link names an opt-in (reportbacks.tokens); a token that names
none, tampered or not, gets the same page, which says nothing of any address.

Both are exempt from CSRF and set no cookie: RFC 8058's POST comes from a mail client with no
cookie at all, and the preferences page is opened from an email; the unguessable token in the
URL is what a forger would need, and does not have. Neither page is cached or indexed, and GET
changes nothing (mail scanners open links)."""

from django.shortcuts import render
from django.utils import translation
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt

from campaigns.models import CampaignPage, OptIn, Suppression, Withdrawal

from .tokens import opt_in_id_from


def opt_in_for(token):
    """The opt-in a token names, with its signature; None if none (or erased since)."""
    opt_in_id = opt_in_id_from(token)
    if opt_in_id is None:
        return None
    return (
        OptIn.objects.filter(
            pk=opt_in_id,
            signature__supporter_key__isnull=False,
            signature__anonymised_at__isnull=True,
        )
        .select_related("signature", "wording")
        .first()
    )


def private(response):
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def not_found(request):
    return private(render(request, "reportbacks/not_found.html", status=404))


@method_decorator([csrf_exempt, never_cache], name="dispatch")
class UnsubscribeView(View):
    """/unsubscribe/TOKEN/, outside the language prefixes: the URL in List-Unsubscribe."""

    def dispatch(self, request, token):
        opt_in = opt_in_for(token)
        if opt_in is None:
            return not_found(request)
        with translation.override(opt_in.signature.language):
            return super().dispatch(request, opt_in)

    def get(self, request, opt_in):
        return self.page(request, opt_in, done=False)

    def post(self, request, opt_in):
        # RFC 8058: the body says what is asked; anything else posted here changes nothing.
        if request.POST.get("List-Unsubscribe") != "One-Click":
            return private(
                render(request, "reportbacks/unsubscribe.html", {"invalid": True}, status=400)
            )
        OptIn.objects.filter(pk=opt_in.pk).withdraw(Withdrawal.UNSUBSCRIBE)
        return self.page(request, opt_in, done=True)

    def page(self, request, opt_in, *, done):
        context = {"done": done, "campaign_title": campaign_titles([opt_in]).get(opt_in.pk)}
        return private(render(request, "reportbacks/unsubscribe.html", context))


def campaign_titles(opt_ins):
    """{opt-in id: its campaign's title in the active language, else its own language's}."""
    language = translation.get_language()
    pages = CampaignPage.objects.filter(
        translation_key__in={o.campaign_key for o in opt_ins}
    ).select_related("locale")
    titles = {}
    for page in pages:
        if page.locale.language_code == language or page.translation_key not in titles:
            titles[page.translation_key] = page.title
    return {o.pk: titles.get(o.campaign_key, "") for o in opt_ins}


@method_decorator([csrf_exempt, never_cache], name="dispatch")
class PreferencesView(View):
    """/<language>/preferences/TOKEN/: every active opt-in of the address the token's opt-in
    was given by, to keep or withdraw, and "stop all emails"."""

    def dispatch(self, request, token):
        opt_in = opt_in_for(token)
        if opt_in is None:
            return not_found(request)
        return super().dispatch(request, opt_in)

    def opt_ins(self, opt_in):
        return list(
            OptIn.objects.active()
            .filter(signature__supporter_key=opt_in.signature.supporter_key)
            .select_related("wording")
            .order_by("ticked_at", "pk")
        )

    def get(self, request, opt_in, saved=None):
        opt_ins = self.opt_ins(opt_in)
        titles = campaign_titles(opt_ins)
        rows = [(o, titles[o.pk]) for o in opt_ins]
        context = {"rows": rows, "saved": saved}
        return private(render(request, "reportbacks/preferences.html", context))

    def post(self, request, opt_in):
        if "stop_all" in request.POST:
            Suppression.add(opt_in.signature.supporter_key, Suppression.Reason.UNSUBSCRIBE)
            return self.get(request, opt_in, saved=_("You will get no more emails from us."))
        keep = set(request.POST.getlist("keep"))
        ending = [o.pk for o in self.opt_ins(opt_in) if str(o.pk) not in keep]
        OptIn.objects.filter(pk__in=ending).withdraw(Withdrawal.PREFERENCES)
        return self.get(request, opt_in, saved=_("Your choices are saved."))
