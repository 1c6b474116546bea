"""The action: when it closes, the goal it aims for, and how many have signed."""

import datetime

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from caching import local

from . import goals
from .counts import SignatureTally


class ActionMixin(models.Model):
    """For the campaign page: its action's closing time, goal and count."""

    action_closes_at = models.DateTimeField(
        null=True,
        blank=True,
        verbose_name=_("action closes at"),
        help_text=_(
            "Optional. From this moment the form is replaced by the closure notice and no more "
            "signatures are accepted. Leave empty to keep the action open."
        ),
    )
    signature_goal = models.PositiveIntegerField(
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        verbose_name=_("signature goal"),
        help_text=_(
            "Optional. How many signatures the campaign aims for, in all languages together; "
            "the page shows a progress bar towards it."
        ),
    )
    raise_goal_when_reached = models.BooleanField(
        default=False,
        verbose_name=_("raise the goal when it is reached"),
        help_text=_(
            "While the action is open, a goal that is reached moves up to the next of 100, "
            '200, 500, 1,000, 2,000, 5,000 and so on, and the page says so: "We reached 1,000 '
            'signatures! Help us reach 2,000." Without a goal, the first of these above the '
            "count is shown."
        ),
    )

    signatures_per_connection = models.PositiveIntegerField(
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        verbose_name=_("signatures a minute from one connection"),
        help_text=_(
            "Optional; 10 if empty. More than this from one internet connection in a minute "
            "are held for review rather than counted at once (nobody is turned away). Raise it "
            "for a street stall or an event where many people sign on one device or one Wi-Fi "
            "network."
        ),
    )

    # Less than this before closing, lists say "closing soon".
    closing_soon = datetime.timedelta(hours=48)

    class Meta:
        abstract = True

    @property
    def connection_rate(self):
        """Signatures a minute from one connection before they are held for review."""
        return self.signatures_per_connection or settings.SIGNING_PER_CONNECTION

    @property
    def action_is_open(self):
        return self.action_closes_at is None or timezone.now() < self.action_closes_at

    @property
    def action_closing_soon(self):
        return (
            self.action_is_open
            and self.action_closes_at is not None
            and self.action_closes_at - timezone.now() < self.closing_soon
        )

    @staticmethod
    def open_filter(now=None):
        now = now or timezone.now()
        return Q(action_closes_at__isnull=True) | Q(action_closes_at__gt=now)

    @property
    def current_goal(self):
        """The goal every count shows (the page, the lists, the counter, the embedded form and
        the open data): the editor's, or the next step once it is reached
        (campaigns.models.goals)."""
        if self.raise_goal_when_reached and self.action_is_open:
            return goals.stepped_goal(self.signature_goal, self.signature_count)
        return self.signature_goal

    @property
    def reached_goal(self):
        """The goal the count went past, when the goal has stepped up beyond it; else None."""
        if self.raise_goal_when_reached and self.action_is_open:
            return goals.reached_step(self.signature_goal, self.signature_count)
        return None

    @cached_property
    def signature_count(self):
        """Signatures in every language, paper included, as last tallied (lists annotate it
        with CampaignPageQuerySet.with_signature_count instead). The tally is recounted once a
        minute, so each process may keep it as long as it keeps whole pages."""

        def tallied():
            tally = SignatureTally.objects.filter(campaign_key=self.translation_key)
            tally = tally.only("online", "paper").first()
            return tally.total if tally else 0

        return local.get_or_set(f"count:{self.translation_key}", tallied)
