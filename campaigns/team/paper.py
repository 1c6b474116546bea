"""The admin for paper signatures: editors add batches collected offline to a campaign's count."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.views.generic import CreateView
from wagtail.admin.viewsets.model import ModelViewSet

from campaigns.models import PaperSignatures


class AddPaperSignaturesView(CreateView):
    def save_instance(self):
        # Who added a batch is recorded by us, not typed in.
        self.form.instance.added_by = self.request.user
        return super().save_instance()


class PaperSignaturesViewSet(ModelViewSet):
    model = PaperSignatures
    add_view_class = AddPaperSignaturesView
    form_fields = ["page", "count", "note"]
    list_display = ["page", "count", "note", "added_by", "added_at"]
    list_filter = ["page"]
    icon = "doc-full"
    add_to_admin_menu = True
    menu_label = _("Paper signatures")
    menu_order = 300
    inspect_view_enabled = True
