from wagtail import hooks

from .page_links import BulkPageLinkHandler


# Registered after Wagtail's own handler (order=100), so ours replaces it.
@hooks.register("register_rich_text_features", order=100)
def register_bulk_page_links(features):
    features.register_link_type(BulkPageLinkHandler)
