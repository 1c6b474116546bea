"""The Promote tab's panels for search engines: the slug with this site's real address."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel

from .absolute_urls import absolute_url


class SlugPanel(FieldPanel):
    """The slug, its help showing the address the page has (or will have) on this site,
    rather than Wagtail's http://domain.com/blog/[my-slug]/."""

    class BoundPanel(FieldPanel.BoundPanel):
        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            if self.bound_field is None:
                return
            parent = getattr(self.form, "parent_page", None)
            if parent is None or parent.get_url(self.request) is None:  # e.g. a home page
                self.help_text = _("Lower-case words joined by hyphens.")
                return
            slug = self.instance.slug or _("name-of-the-page")
            self.help_text = _(
                "Lower-case words joined by hyphens: the last part of the page's address, "
                "%(address)s"
            ) % {"address": f"{absolute_url(parent, self.request)}{slug}/"}


# Wagtail's own Promote panels without "Show in menus": the site has no menus.
search_engine_panels = [
    MultiFieldPanel(
        [SlugPanel("slug"), FieldPanel("seo_title"), FieldPanel("search_description")],
        heading=_("For search engines"),
    ),
]
