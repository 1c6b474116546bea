from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page


class TranslatedSitemap(Sitemap):
    """Wagtail's sitemap lists the pages under the site's root page, which is the English home
    page only: here, under every language's home page. Each page adds its translations as
    hreflang alternates (SocialPreviewMixin.get_sitemap_urls)."""

    def items(self):
        site = self.get_wagtail_site()
        pages = Page.objects.none()
        for home in site.root_page.get_translations(inclusive=True).live():
            pages |= home.get_descendants(inclusive=True)
        return pages.live().public().order_by("path").defer_streamfields().specific()
