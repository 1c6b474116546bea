"""Every look at supporters' data goes into Wagtail's audit log: who, when, which campaign, how
many rows. It shows in the admin's logs (Reports → Site history) and in the campaign page's
history, beside its edits.

Actions are registered with their labels in campaigns.wagtail_hooks (register_log_actions).
"""

from wagtail.log_actions import log

VIEWED = "campaigns.signatures_viewed"
EXPORTED = "campaigns.signatures_exported"
OPTED_IN_EXPORTED = "campaigns.opted_in_exported"
PACK = "campaigns.delivery_pack_exported"
DELETED = "campaigns.signatures_deleted"
ERASED = "campaigns.supporter_erased"
SUBJECT_ACCESS = "campaigns.supporter_data_given"


def record(action, page, user, **data):
    """One entry on the campaign's page (the page of the language the user was looking at),
    or on what else was looked at (a partner, the organisation's settings)."""
    log(instance=page, action=action, user=user, data=data)
