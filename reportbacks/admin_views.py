"""The editor's screen for one update: the email as it reads in each of the campaign's
languages, who it would go to, a test to the editor's own address, and the schedule."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.views.generic import WagtailAdminTemplateMixin
from wagtail.admin.widgets import AdminDateTimeInput
from wagtail.snippets.permissions import get_permission_name

from campaigns.models import OptIn, Scope
from portal.languages import language_name

from . import emails, sending
from .models import ReportBack
from .tasks import send_test


class ScheduleForm(forms.Form):
    send_at = forms.DateTimeField(
        label=gettext_lazy("Send at"),
        widget=AdminDateTimeInput,
        help_text=gettext_lazy("In the site's time zone. A time already past sends at once."),
    )


def reachable_count(campaign_key):
    return (
        OptIn.objects.reachable()
        .filter(scope=Scope.CAMPAIGN, campaign_key=campaign_key)
        .values("signature__supporter_key")
        .distinct()
        .count()
    )


class SendView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "reportbacks/admin/send.html"
    page_title = gettext_lazy("Preview and send")
    header_icon = "mail"

    def dispatch(self, request, pk):
        if not request.user.has_perm(get_permission_name("change", ReportBack)):
            raise PermissionDenied
        self.report_back = get_object_or_404(ReportBack.objects.select_related("locale"), pk=pk)
        return super().dispatch(request)

    def get_page_subtitle(self):
        return self.report_back.subject

    def get_breadcrumbs_items(self):
        from django.urls import reverse

        return [
            *self.breadcrumbs_items,
            {
                "url": reverse(ReportBack.snippet_viewset.get_url_name("list")),
                "label": ReportBack._meta.verbose_name_plural,
            },
            {"url": "", "label": self.get_page_title()},
        ]

    def previews(self):
        """(language name, the words it is sent in, a note if they are another language's,
        the rendered HTML) per language the campaign has."""
        report_back = self.report_back
        translations = report_back.translations_by_language()
        source = min(translations.values(), key=lambda rb: rb.pk)
        rows = []
        for language, page in emails.campaign_pages(report_back.campaign_key).items():
            words = translations.get(language)
            note = ""
            if words is None:
                words = source
                note = _(
                    "Not translated into %(language)s: supporters who signed in it get the "
                    "%(source)s words."
                ) % {
                    "language": language_name(language),
                    "source": language_name(source.locale.language_code),
                }
            words = emails.as_sent(words, source)  # once sending began, the words as sent
            message = emails.update_email(words, page, "preview@example.invalid", "#", "#")
            rows.append(
                {
                    "language": language_name(language),
                    "subject": message["subject"],
                    "html": message["html_body"],
                    "note": note,
                }
            )
        return rows

    def get_context_data(self, form=None, **kwargs):
        report_back = self.report_back
        initial = {"send_at": report_back.send_at or timezone.now()}
        return super().get_context_data(
            **kwargs,
            report_back=report_back,
            previews=self.previews(),
            reachable=reachable_count(report_back.campaign_key),
            sent=report_back.sent_count,
            form=form or ScheduleForm(initial=initial),
            can_schedule=report_back.editable,
        )

    def post(self, request):
        report_back, action = self.report_back, request.POST.get("action")
        if action == "test":
            if report_back.campaign is None:
                messages.error(request, _("Choose a campaign for this update first."))
            elif not request.user.email:
                messages.error(request, _("Your account has no email address to send a test to."))
            else:
                send_test(report_back, request.user.email)
                messages.success(
                    request,
                    format_html(
                        _("A test is on its way to {address}."), address=request.user.email
                    ),
                )
        elif not report_back.editable:
            messages.error(request, _("This update is being sent or has been sent."))
        elif action == "unschedule":
            sending.unschedule(report_back)
            messages.success(request, _("The update is a draft again and will not be sent."))
        elif action in ("schedule", "send_now"):
            if action == "send_now":
                when = timezone.now()
            else:
                form = ScheduleForm(request.POST)
                if not form.is_valid():
                    return self.render_to_response(self.get_context_data(form=form))
                when = form.cleaned_data["send_at"]
            if report_back.campaign_key is None:
                messages.error(request, _("Choose a campaign for this update first."))
            else:
                sending.schedule(report_back, when)
                messages.success(
                    request,
                    _("The update will be sent from %(when)s.")
                    % {"when": timezone.localtime(when).strftime("%Y-%m-%d %H:%M")},
                )
        return redirect(request.path)
