"""The export scenario: `python -m bench.export fill N`, then `python -m bench.export measure`.

`fill` adds N signatures to the first demo campaign with COPY (PostgreSQL only), encrypted
as signing stores them: a million rows in about half a minute. `measure`, in a fresh process,
exports them to CSV through the admin view as a logged-in editor would, reads the whole
stream, and prints the time taken and the process's peak resident memory as JSON.
"""

import datetime
import json
import os
import resource
import sys
import time

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import timezone  # noqa: E402

from campaigns.models import CampaignPage, CampaignSubmission  # noqa: E402
from portal.encryption import encrypt, encrypt_json, keyed_hash  # noqa: E402


def campaign():
    return CampaignPage.objects.live().order_by("path").first()


def fill(count):
    """Rows as signing stores them: answers and consent encrypted, the address as its keyed
    hash. Encrypting is the slow part; the rows go in with COPY (50,000 rows in about 3 s)."""
    page = campaign()
    fields = list(page.get_form_fields())  # read before COPY, which takes the connection
    now = timezone.now()
    consent = encrypt("I agree")
    table = CampaignSubmission._meta.db_table
    columns = (
        "form_data, submit_time, page_id, campaign_key, language, consent, supporter_key, "
        "source, confirmed_at, quarantine_reasons"
    )
    with (
        connection.cursor() as cursor,
        cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy,
    ):
        for n in range(1, count + 1):
            # Short answers and a unique address: what the export has to read and write.
            email = f"bench{n}@example.org"
            answers = {
                field.clean_name: email if field.field_type == "email" else f"Bench {n}"
                for field in fields
            }
            signed = now - datetime.timedelta(seconds=n)
            copy.write_row(
                (
                    encrypt_json(answers),
                    signed,
                    page.pk,
                    page.translation_key,
                    "en",
                    consent,
                    keyed_hash(email),
                    "{}",
                    signed,
                    "[]",
                )
            )
    print(json.dumps({"rows": CampaignSubmission.objects.filter(page=page).count()}))


def measure():
    page = campaign()
    user, _created = get_user_model().objects.get_or_create(
        username="bench-export", defaults={"is_superuser": True, "is_staff": True}
    )
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    started = time.perf_counter()
    response = client.get(f"/admin/forms/submissions/{page.pk}/", {"export": "csv"})
    size = lines = 0
    for chunk in response.streaming_content:
        size += len(chunk)
        lines += chunk.count(b"\n")
    seconds = time.perf_counter() - started
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    print(
        json.dumps(
            {
                "status": response.status_code,
                "seconds": round(seconds, 1),
                "bytes": size,
                "lines": lines,
                "peak_rss_mb": round(peak_kib / 1024, 1),
            }
        )
    )


if __name__ == "__main__":
    if sys.argv[1] == "fill":
        fill(int(sys.argv[2]))
    else:
        measure()
