"""Which cached pages go stale when a campaign changes, purged through Wagtail's frontend cache
(our page cache and any CDN: portal/page_cache.py). Wagtail itself purges a page when it is
published or unpublished; these are the other pages that show it."""

from django.contrib.contenttypes.models import ContentType
from wagtail.contrib.frontend_cache.utils import PurgeBatch
from wagtail.models import Page, ReferenceIndex


def purge_campaigns(keys, with_lists=False):
    """Every language of the given campaigns (by translation key) and the home pages that list
    them; `with_lists` adds the campaign pages that link to other campaigns in those languages."""
    from home.models import HomePage

    from .models import CampaignPage

    if not keys:
        return
    pages = list(CampaignPage.objects.live().filter(translation_key__in=keys))
    batch = PurgeBatch()
    batch.add_pages(pages)
    batch.add_pages(HomePage.objects.live())
    if with_lists:
        locales = {page.locale_id for page in pages}
        batch.add_pages(CampaignPage.objects.live().filter(locale_id__in=locales))
    batch.purge()


def purge_home_pages():
    from home.models import HomePage

    batch = PurgeBatch()
    batch.add_pages(HomePage.objects.live())
    batch.purge()


def purge_closed_since(moment, now):
    """Campaigns whose action closed in (moment, now]: their pages lose the form."""
    from .models import CampaignPage

    closed = CampaignPage.objects.live().filter(
        action_closes_at__gt=moment, action_closes_at__lte=now
    )
    purge_campaigns(set(closed.values_list("translation_key", flat=True)), with_lists=True)


def purge_pages_showing(image):
    """The pages that show an image (Wagtail's reference index knows which): the campaigns among
    them in every language, with the lists that show their hero images; every page if the
    organisation's settings use it (their default social image)."""
    from organisation.signals import purge_every_page

    from .models import CampaignPage

    page_type = ContentType.objects.get_for_model(Page).pk
    references = ReferenceIndex.get_references_to(image).values_list(
        "base_content_type_id", "object_id"
    )
    ids = set()
    for type_id, object_id in references:
        if type_id != page_type:
            purge_every_page()
            return
        ids.add(int(object_id))
    campaigns = CampaignPage.objects.live().filter(pk__in=ids)
    purge_campaigns(set(campaigns.values_list("translation_key", flat=True)), with_lists=True)
    batch = PurgeBatch()  # the other pages (home and information pages): campaigns are done
    batch.add_pages(Page.objects.live().filter(pk__in=ids).not_type(CampaignPage))
    batch.purge()
