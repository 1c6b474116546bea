"""What happens to a signature and its opt-ins, as Django signals, for whoever must hear of it
(the organisation's webhooks, its CRM) without the signing path knowing who listens.

Each is sent inside the transaction that makes it so: a receiver that queues work in the outbox
(django-tasks-db, the same database) queues it all-or-nothing with the change itself.

- signature_made(submission): stored, whether counted at once, waiting for confirmation or held.
- signature_confirmed(submission): the supporter followed their link; it counts now.
- signature_released(submission): a reviewer released it from quarantine; it counts now.
- signature_erased(campaign_key, submission_id): forgotten (erasure, retention), or deleted
  (unconfirmed, rejected in review, by an editor: campaigns.receivers); nothing personal is
  left to send, which is why only ids travel.
- opt_in_changed(opt_in_ids, change): "given" or "withdrawn", for these OptIn rows.
- scheduler_ran(now): the scheduler's minute (manage.py run_scheduled_publishing), after its
  own work, for apps above campaigns with work that falls due (reportbacks). A receiver returns
  a line for the scheduler to print, or nothing.
"""

from django.dispatch import Signal

signature_made = Signal()
signature_confirmed = Signal()
signature_released = Signal()
signature_erased = Signal()
opt_in_changed = Signal()
scheduler_ran = Signal()
