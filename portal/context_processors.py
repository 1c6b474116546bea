from django.conf import settings
from django.utils.translation import gettext as _
from wagtail.models import Site


def site_name(request):
    """The site's name from Wagtail's Site, else SITE_NAME, else our own name in the reader's
    language (so a Chinese page does not carry an English name nobody chose)."""
    site = Site.find_for_request(request)
    name = (site and site.site_name) or getattr(settings, "SITE_NAME", "") or _("Campaigns portal")
    return {"site_name": name}
