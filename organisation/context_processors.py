from django.conf import settings
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from wagtail.models import Site

from caching import routes

from .models import OrganisationSettings


def site_name(request):
    """The organisation's settings in the reader's language, and the site's name: the
    organisation's name in that language, else Wagtail's Site name, else SITE_NAME, else our own
    name in the reader's language (so a Chinese page does not carry an English name nobody
    chose)."""
    organisation = routes.get_or_set(
        request, f"organisation:{get_language()}", OrganisationSettings.for_active_language
    )
    site = Site.find_for_request(request)
    name = (
        (organisation and organisation.name)
        or (site and site.site_name)
        or settings.SITE_NAME
        or _("Campaigns portal")
    )
    return {"organisation": organisation, "site_name": name}
