"""The thank-you email to supporters: its own subject and words, in each language.

The outbox writes it (campaigns.outbox.messages.supporter_thank_you) with the campaign's share
links and a copy of the supporter's letter added below these words, so editors write only what
is theirs to say. Both fields are plain text, so wagtail-localize offers each as one segment
and translators see whole sentences.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

# What supporters read when the editor leaves the fields empty.
DEFAULT_SUBJECT = _("Thank you for taking action: %(title)s")
DEFAULT_BODY = _(
    "Thank you for signing. Every signature makes our call harder to ignore: please ask your "
    "friends to sign too."
)


class ThankYouEmailMixin(models.Model):
    thank_you_email_subject = models.CharField(
        max_length=200,
        blank=True,
        verbose_name=_("thank-you email subject"),
        help_text=_("Empty: 'Thank you for taking action: <title>'."),
    )
    thank_you_email_body = models.TextField(
        blank=True,
        verbose_name=_("thank-you email text"),
        help_text=_(
            "Your words to supporters who signed. The email adds the campaign's share links "
            "and a copy of the supporter's message below them. Empty: a short thank-you that "
            "asks them to share."
        ),
    )

    class Meta:
        abstract = True

    @property
    def thank_you_email_subject_or_default(self):
        """In the active language, as the outbox writes it."""
        return self.thank_you_email_subject.strip() or DEFAULT_SUBJECT % {"title": self.title}

    @property
    def thank_you_email_body_or_default(self):
        return self.thank_you_email_body.strip() or str(DEFAULT_BODY)
