"""The delivery pack: every counted letter of a campaign, for editors to print and hand over, or
to send as a spreadsheet, whatever reached the target by email.

Signatures are personal data: the pack takes the same permission as the list of signatures
(campaigns.team.permissions). Erased signatures are counted but
not listed; unconfirmed ones are neither.
"""

import datetime

from django.http import StreamingHttpResponse
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from . import audit
from .exports import csv_lines
from .letters import LetterFields, counts_by_language
from .permissions import campaign_for


class DeliveryPack:
    def __init__(self, page):
        self.page = page
        self.signatures = page.get_submissions().counted().order_by("submit_time", "pk")
        self.fields = LetterFields.of(page)

    def summary(self):
        counts = counts_by_language(self.signatures)
        return {
            "counts": counts,
            "total": self.signatures.count(),
            "erased": self.signatures.filter(anonymised_at__isnull=False).count(),
        }

    def letters(self):
        listed = self.signatures.filter(anonymised_at__isnull=True)
        for submission in listed.iterator(chunk_size=500):
            yield self.fields.letter(submission), submission.delivered_at


def printable_view(request, page_id):
    page = campaign_for(request, page_id)
    pack = DeliveryPack(page)
    letters = [letter for letter, _at in pack.letters()]
    audit.record(audit.PACK, page, request.user, format="print", count=len(letters))
    return TemplateResponse(
        request,
        "campaigns/admin/delivery_pack.html",
        {"page": page, "letters": letters, **pack.summary()},
    )


def csv_view(request, page_id):
    page = campaign_for(request, page_id)
    pack = DeliveryPack(page)
    summary = pack.summary()
    letters = summary["total"] - summary["erased"]
    audit.record(audit.PACK, page, request.user, format="csv", count=letters)
    # Headings are translated now, in the editor's language: the rows stream after the view
    # has returned.
    head = [
        [_("Campaign"), page.title],
        [_("Language"), _("Signatures")],
        *summary["counts"],
        [_("Total"), summary["total"]],
        [_("Of which details erased (counted, not listed)"), summary["erased"]],
        [],
        [_("Language"), _("Date"), _("Name"), _("Message"), _("Delivered by email")],
    ]

    def rows():
        yield from head
        for letter, delivered_at in pack.letters():
            yield [
                letter.language_name,
                local(letter.signed_at),
                letter.name,
                letter.message,
                local(delivered_at) if delivered_at else "",
            ]

    filename = f"{page.slug}-letters-{timezone.localdate():%Y-%m-%d}.csv"
    return StreamingHttpResponse(
        csv_lines(rows()),
        content_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


def local(moment: datetime.datetime):
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M")
