"""wagtail-localize's "Sync translated pages", held to the publishing gate (publishing.gate).

Its "Publish immediately" publishes each translation when the sync's transaction commits, after
the response is decided: a translation the gate refuses would then answer with a server error,
the sync done but nothing said. Here the sync is saved as drafts, then only the translations
with nothing left to translate are published; the translator is told what stops the others.
"""

import contextlib

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext
from wagtail.admin import messages
from wagtail_localize.views.update_translations import (
    UpdateTranslationsView as LocalizeUpdateTranslationsView,
)

from . import gate


def refuse(request, page, items):
    """Tell the translator why `page` was not published, with a link to translate it."""
    messages.error(
        request,
        gettext("“%(title)s” cannot be published in %(language)s yet. %(what)s")
        % {
            "title": page.get_admin_display_title(),
            "language": page.locale.get_display_name(),
            "what": gate.message_for(items),
        },
        buttons=[messages.button(gate.translation_editor_url(page), gettext("Translate"))],
    )


class UpdateTranslationsView(LocalizeUpdateTranslationsView):
    def form_valid(self, form):
        publish = form.cleaned_data.get("publish_translations")
        form.cleaned_data["publish_translations"] = False
        response = super().form_valid(form)
        if publish:
            for translation in self.object.translations.filter(enabled=True).select_related(
                "source", "target_locale"
            ):
                self.publish(translation)
        return response

    def publish(self, translation):
        target = translation.get_target_instance()
        items = gate.untranslated_items_of(translation)
        if items:
            refuse(self.request, target, items)
            return
        # As wagtail-localize does: a translation with other validation errors stays a draft.
        with contextlib.suppress(ValidationError), transaction.atomic():
            translation.save_target(user=self.request.user, publish=True)
