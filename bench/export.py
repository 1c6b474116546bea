"""The export scenario: `python -m bench.export fill N`, then `python -m bench.export measure`.

`fill` adds N signatures to the first demo campaign in one INSERT ... SELECT (PostgreSQL only:
a million rows in seconds). `measure`, in a fresh process, exports them to CSV through the
admin view as a logged-in editor would, reads the whole stream, and prints the time taken and
the process's peak resident memory as JSON.
"""

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

from campaigns.models import CampaignPage, CampaignSubmission  # noqa: E402


def campaign():
    return CampaignPage.objects.live().order_by("path").first()


# Short answers and a unique address: what the export has to read and write for each row.
TEXT = "'Bench ' || n"
EMAIL = "'bench' || n || '@example.org'"


def fill(count):
    page = campaign()
    fields = page.get_form_fields()
    pairs = ", ".join(f"%s, {EMAIL if field.field_type == 'email' else TEXT}" for field in fields)
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            INSERT INTO {CampaignSubmission._meta.db_table}
                (form_data, submit_time, page_id, campaign_key, language, consent, supporter_key,
                 source, confirmed_at)
            SELECT jsonb_build_object({pairs}), now() - n * interval '1 second', %s, %s, 'en',
                   'I agree', {EMAIL}, '{{}}'::jsonb, now() - n * interval '1 second'
            FROM generate_series(1, %s) AS n
            """,  # only placeholders and fixed expressions are formatted in
            [*(field.clean_name for field in fields), page.pk, page.translation_key, count],
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
