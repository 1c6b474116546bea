from wagtail import hooks

from .page_links import BulkPageLinkHandler


# Registered after Wagtail's own handler (order=100), so ours replaces it.
@hooks.register("register_rich_text_features", order=100)
def register_bulk_page_links(features):
    features.register_link_type(BulkPageLinkHandler)


@hooks.register("filter_form_submissions_for_user")
def only_people_allowed_to_see_signatures(user, editable_forms):
    """Signatures are personal data: editing a campaign (translators do) is not enough to see
    or export them; that takes the `view_campaignsubmission` permission."""
    if user.has_perm("campaigns.view_campaignsubmission"):
        return editable_forms
    return editable_forms.none()
