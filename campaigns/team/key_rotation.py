"""Moving everything encrypted to the newest key (`manage.py rotate_encryption_keys`), while the
site runs.

Put the new key first in PORTAL_ENCRYPTION_KEYS, keep the old ones after it, restart, and run
the command: every value not yet encrypted with the first key is re-encrypted with it, in
batches of rows locked one batch at a time (`select_for_update(skip_locked=True)` on
PostgreSQL: a row that a signature, a delivery or the mail worker holds is left for the next
pass, never waited for). Running it again changes nothing. Once it reports nothing left, the
old keys can be removed.

The keyed hash of supporters' addresses (PORTAL_HASH_KEY) is not rotated: its key is not one of
these, so every supporter key, and the one-signature-per-person check, stays as it was.

Each run goes into Wagtail's audit log (Reports → Site history), on the default site.
"""

import dataclasses
import functools

from django.apps import apps
from django.db import models, transaction
from django.db.models.functions import Cast
from django_tasks_db.models import DBTaskResult
from wagtail.log_actions import log
from wagtail.models import Site

from campaigns.outbox import tasks
from campaigns.outbox.retention import BACKEND
from portal.encryption import EncryptedField, is_current, rotate

ROTATED = "campaigns.keys_rotated"
BATCH_SIZE = 500
# Passes over rows that were locked by someone else on the way, before giving up on them.
PASSES = 5


@dataclasses.dataclass
class Counts:
    rotated: int = 0  # re-encrypted with the first key now
    current: int = 0  # already were
    busy: int = 0  # locked by someone else on every pass: run the command again

    def add(self, other, first):
        self.rotated += other.rotated
        if first:  # later passes find what the first one rotated current
            self.current = other.current
        self.busy = other.busy


def encrypted_fields():
    """{model: [names of its encrypted fields]}, for every installed model."""
    found = {}
    for model in apps.get_models():
        names = [
            field.name
            for field in model._meta.concrete_fields
            if isinstance(field, EncryptedField)
        ]
        if names:
            found[model] = names
    return found


def rotate_all(batch_size=BATCH_SIZE, user=None):
    """Re-encrypt every encrypted column and every sealed email with the first key. Returns
    {what: Counts}."""
    results = {
        model._meta.label: passes(
            functools.partial(rows_batch, model, names, batch_size=batch_size)
        )
        for model, names in encrypted_fields().items()
    }
    results["outbox"] = passes(functools.partial(outbox_batch, batch_size=batch_size))
    site = Site.objects.filter(is_default_site=True).first() or Site.objects.first()
    if site is not None:
        log(
            instance=site,
            action=ROTATED,
            user=user,
            data={
                "rotated": sum(counts.rotated for counts in results.values()),
                "busy": sum(counts.busy for counts in results.values()),
            },
        )
    return results


def passes(batch):
    """Run `batch(after_pk)` over the whole table, again while rows were busy."""
    total = Counts()
    for number in range(PASSES):
        this_pass, after = Counts(), 0
        while True:
            counts, after = batch(after)
            if after is None:
                break
            this_pass.rotated += counts.rotated
            this_pass.current += counts.current
            this_pass.busy += counts.busy
        total.add(this_pass, first=number == 0)
        if not this_pass.busy:
            break
    return total


def locked(queryset, after, batch_size):
    """The next batch's primary keys after `after`, and the rows of it nobody else holds,
    locked until the transaction ends."""
    pks = list(
        queryset.filter(pk__gt=after).order_by("pk").values_list("pk", flat=True)[:batch_size]
    )
    rows = queryset.filter(pk__in=pks).select_for_update(skip_locked=True).order_by("pk")
    return pks, rows


def rows_batch(model, names, after, *, batch_size):
    counts = Counts()
    raw = {f"raw_{name}": Cast(name, models.TextField()) for name in names}
    with transaction.atomic():
        pks, rows = locked(model._base_manager.all(), after, batch_size)
        if not pks:
            return counts, None
        rows = list(rows.annotate(**raw).only("pk", *names))
        stale = [
            row
            for row in rows
            if any(
                getattr(row, f"raw_{name}") is not None
                and not is_current(getattr(row, f"raw_{name}"))
                for name in names
            )
        ]
        # Read decrypted, written encrypted with the first key.
        model._base_manager.bulk_update(stale, names)
    counts.rotated, counts.current = len(stale), len(rows) - len(stale)
    counts.busy = len(pks) - len(rows)
    return counts, pks[-1]


def outbox_batch(after, *, batch_size):
    """The outbox's sealed emails (campaigns.outbox.tasks.seal), and any queued in clear."""
    counts = Counts()
    with transaction.atomic():
        pks, rows = locked(DBTaskResult.objects.filter(backend_name=BACKEND), after, batch_size)
        if not pks:
            return counts, None
        rows = list(rows.only("pk", "args_kwargs"))
        for row in rows:
            arguments = row.args_kwargs.get("kwargs", {})
            sealed = arguments.get("sealed")
            if "messages" in arguments:
                # Queued in clear by a process from before the outbox was sealed (a deploy).
                arguments.update(tasks.seal(arguments.pop("messages")))
            elif sealed is None or is_current(sealed):
                counts.current += sealed is not None
                continue
            else:
                arguments["sealed"] = rotate(sealed)
            DBTaskResult.objects.filter(pk=row.pk).update(args_kwargs=row.args_kwargs)
            counts.rotated += 1
    counts.busy = len(pks) - len(rows)
    return counts, pks[-1]
