"""The endpoints' secrets and the webhook-signature header, as Standard Webhooks has them.

A secret is `whsec_` and the base64 of 32 random bytes; the bytes sign. A message is signed as
HMAC-SHA256 over `{webhook-id}.{webhook-timestamp}.{body}`, sent as `v1,<base64>`; while a
rotated secret still signs (ROTATION_OVERLAP), the header carries both, space-separated, so
the receiver can change its secret at any moment of that day without dropping a message.
"""

import base64
import datetime
import hashlib
import hmac
import secrets

PREFIX = "whsec_"
ROTATION_OVERLAP = datetime.timedelta(hours=24)


def new_secret():
    return PREFIX + base64.b64encode(secrets.token_bytes(32)).decode("ascii")


def secret_bytes(secret):
    return base64.b64decode(secret.removeprefix(PREFIX))


def signature_header(secrets_, message_id, timestamp, body):
    """`v1,<sig>` for each secret, space-separated. `body` is the bytes sent."""
    signed = f"{message_id}.{timestamp}.".encode("ascii") + body
    return " ".join(
        "v1,"
        + base64.b64encode(hmac.new(secret_bytes(secret), signed, hashlib.sha256).digest()).decode(
            "ascii"
        )
        for secret in secrets_
    )
