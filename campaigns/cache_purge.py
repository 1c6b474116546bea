"""Which cached pages go stale when a campaign changes, purged through Wagtail's frontend cache
(our page cache and any CDN: portal/page_cache.py). Wagtail itself purges a page when it is
published or unpublished; these are the other pages that show it."""

from wagtail.contrib.frontend_cache.utils import PurgeBatch


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
