from django.core.management.base import BaseCommand

from campaigns.team.key_rotation import BATCH_SIZE, rotate_all


class Command(BaseCommand):
    help = (
        "Re-encrypt supporters' data and the outbox's sealed emails with the first of "
        "PORTAL_ENCRYPTION_KEYS, in batches, while the site runs. Run it after putting a new key "
        "first; once it reports nothing busy, the keys after the first can be removed. Running "
        "it again changes nothing. The hash key (PORTAL_HASH_KEY) is not rotated."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--batch-size", type=int, default=BATCH_SIZE, help="rows per transaction"
        )

    def handle(self, *args, batch_size, **options):
        results = rotate_all(batch_size=batch_size)
        for what, counts in results.items():
            self.stdout.write(
                f"{what}: {counts.rotated} re-encrypted, {counts.current} already current, "
                f"{counts.busy} busy"
            )
        if any(counts.busy for counts in results.values()):
            self.stderr.write(
                "Some rows were locked on every pass: run the command again before removing "
                "an old key."
            )
        else:
            self.stdout.write("Everything is encrypted with the first key.")
