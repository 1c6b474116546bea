"""Encrypt what 0014 left in clear: every signature's answers and consent, and the emails waiting
in the outbox; replace each supporter key (a normalised address) by its keyed hash.

Written with SQL on the raw columns, not the models: the model fields decrypt what they read,
and these values are not encrypted yet. Works on SQLite and PostgreSQL (0014 turned the jsonb
column into text, so both hold JSON text here). In batches of 500 rows, within the migration's
one transaction: a failure leaves every row as it was.

Reversing decrypts the answers, the consent and the outbox again; the supporter keys stay
hashed (a hash cannot be undone): code from before this migration would then not recognise a
supporter who signed before it, and a second signature of theirs would be stored.
"""

from django.db import migrations

from portal.encryption import decrypt, decrypt_json, encrypt, encrypt_json, keyed_hash

BATCH = 500
REMOVED_TRACEBACK = (
    "(Removed when the outbox was encrypted: an SMTP error's text may quote an address.)"
)


def rewrite_signatures(apps, schema_editor, change):
    submission = apps.get_model("campaigns", "CampaignSubmission")
    connection = schema_editor.connection
    quote = connection.ops.quote_name
    table = quote(submission._meta.db_table)
    columns = ", ".join(quote(c) for c in ("id", "form_data", "consent", "supporter_key"))
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {quote('id')} FROM {table} ORDER BY {quote('id')}")  # noqa: S608
        ids = [row[0] for row in cursor.fetchall()]
        for start in range(0, len(ids), BATCH):
            chunk = ids[start : start + BATCH]
            marks = ", ".join(["%s"] * len(chunk))
            cursor.execute(
                f"SELECT {columns} FROM {table} WHERE {quote('id')} IN ({marks})",  # noqa: S608
                chunk,
            )
            rows = [change(*row) for row in cursor.fetchall()]
            cursor.executemany(
                f"UPDATE {table} SET {quote('form_data')} = %s, {quote('consent')} = %s, "  # noqa: S608
                f"{quote('supporter_key')} = %s WHERE {quote('id')} = %s",
                [(form_data, consent, key, pk) for pk, form_data, consent, key in rows],
            )


def encrypted(pk, form_data, consent, supporter_key):
    return (
        pk,
        None if form_data is None else encrypt(form_data),
        encrypt(consent or ""),
        # An address has an @; a key without one was hashed before (reversed, then re-applied).
        keyed_hash(supporter_key) if supporter_key and "@" in supporter_key else supporter_key,
    )


def decrypted(pk, form_data, consent, supporter_key):
    return (
        pk,
        None if form_data is None else decrypt(form_data),
        decrypt(consent) if consent else "",
        supporter_key,  # a keyed hash: it cannot be undone
    )


def outbox_tasks(apps):
    task_result = apps.get_model("django_tasks_database", "DBTaskResult")
    return task_result.objects.filter(backend_name="outbox").order_by("pk")


def seal_outbox(apps, schema_editor):
    for task in outbox_tasks(apps).iterator(chunk_size=BATCH):
        kwargs = task.args_kwargs.get("kwargs", {})
        if "messages" not in kwargs:
            continue  # a signature's emails: its id only, nothing to seal
        messages = kwargs.pop("messages")
        kwargs["message_ids"] = [message["message_id"] for message in messages]
        kwargs["sealed"] = encrypt_json(messages)
        task.args_kwargs["kwargs"] = kwargs
        if task.traceback:
            task.traceback = REMOVED_TRACEBACK
        task.save(update_fields=["args_kwargs", "traceback"])


def unseal_outbox(apps, schema_editor):
    for task in outbox_tasks(apps).iterator(chunk_size=BATCH):
        kwargs = task.args_kwargs.get("kwargs", {})
        if "sealed" not in kwargs:
            continue
        kwargs["messages"] = decrypt_json(kwargs.pop("sealed"))
        kwargs.pop("message_ids", None)
        task.args_kwargs["kwargs"] = kwargs
        task.save(update_fields=["args_kwargs"])


def forwards(apps, schema_editor):
    rewrite_signatures(apps, schema_editor, encrypted)
    seal_outbox(apps, schema_editor)


def backwards(apps, schema_editor):
    rewrite_signatures(apps, schema_editor, decrypted)
    unseal_outbox(apps, schema_editor)


class Migration(migrations.Migration):
    dependencies = [
        ("campaigns", "0014_encrypted_at_rest"),
        ("django_tasks_database", "0021_conditional_partial_index_ordering"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
