"""Tracking webhooks as the email services post them, in the formats anymail parses (taken
from each service's documented examples), and a client that posts them with basic auth."""

import base64
import hashlib
import hmac
import json
import uuid

from django.urls import reverse

SECRET = "bounces:test-only-webhook-secret"
MAILGUN_KEY = "test-only-mailgun-signing-key"
WHEN = "2026-12-01T10:00:00.123456Z"


def configure(settings, secret=SECRET):
    settings.ANYMAIL = {
        "WEBHOOK_SECRET": [secret] if secret else [],
        "MAILGUN_WEBHOOK_SIGNING_KEY": MAILGUN_KEY,
    }


def basic_auth(credentials=SECRET):
    return {"HTTP_AUTHORIZATION": "Basic " + base64.b64encode(credentials.encode()).decode()}


class Posted:
    """One service's webhook: `body(kind, recipient, event_id)` gives (content, headers)."""

    def __init__(self, name, url_name, body):
        self.name, self.url_name, self.body = name, url_name, body

    @property
    def url(self):
        return reverse(f"anymail:{self.url_name}")

    def post(self, client, kind, recipient, event_id=None, auth=SECRET, **extra):
        content, headers = self.body(kind, recipient, event_id or uuid.uuid4().hex)
        if auth is not None:
            headers = {**headers, **basic_auth(auth)}
        return client.post(self.url, content, content_type="application/json", **headers, **extra)

    def __repr__(self):
        return self.name


# --- Postmark: https://postmarkapp.com/developer/webhooks/webhooks-overview -------------------


def postmark(kind, recipient, event_id):
    numeric = int(hashlib.sha256(event_id.encode()).hexdigest()[:12], 16)
    common = {"MessageStream": "outbound", "ServerID": 23, "Metadata": {}, "Tag": "thanks"}
    message_id = "883953f4-6105-42a2-a16a-77a8eac79483"
    events = {
        "bounce": {
            "RecordType": "Bounce",
            "ID": numeric,
            "Type": "HardBounce",
            "TypeCode": 1,
            "Name": "Hard bounce",
            "MessageID": message_id,
            "Description": "The server was unable to deliver your message.",
            "Details": f"smtp;550 5.1.1 The email account <{recipient}> does not exist",
            "Email": recipient,
            "From": "campaigns@example.org",
            "BouncedAt": WHEN,
            "DumpAvailable": True,
            "Inactive": True,
            "CanActivate": True,
            "Subject": "Thank you for signing",
        },
        "soft_bounce": {
            "RecordType": "Bounce",
            "ID": numeric,
            "Type": "SoftBounce",
            "TypeCode": 4096,
            "Name": "Soft bounce",
            "MessageID": message_id,
            "Description": "Mailbox full.",
            "Email": recipient,
            "BouncedAt": WHEN,
            "Inactive": False,
        },
        "complaint": {
            "RecordType": "SpamComplaint",
            "ID": numeric,
            "Type": "SpamComplaint",
            "TypeCode": 512,
            "Name": "Spam complaint",
            "MessageID": message_id,
            "Description": "The subscriber explicitly marked this message as spam.",
            "Email": recipient,
            "From": "campaigns@example.org",
            "BouncedAt": WHEN,
            "Inactive": True,
        },
        "unsubscribe": {
            "RecordType": "SubscriptionChange",
            "MessageID": message_id,
            "ChangedAt": WHEN,
            "Recipient": recipient,
            "Origin": "Recipient",
            "SuppressSending": True,
            "SuppressionReason": "ManualSuppression",
        },
        "delivered": {
            "RecordType": "Delivery",
            "MessageID": message_id,
            "Recipient": recipient,
            "DeliveredAt": WHEN,
            "Details": "Test delivery webhook details",
        },
        "opened": {
            "RecordType": "Open",
            "FirstOpen": True,
            "Client": {"Name": "Chrome 35.0.1916.153", "Company": "Google", "Family": "Chrome"},
            "OS": {"Name": "OS X 10.7 Lion", "Company": "Apple Computer, Inc.", "Family": "OS X"},
            "Platform": "WebMail",
            "UserAgent": "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_7_5)",
            "ReadSeconds": 5,
            "Geo": {"CountryISOCode": "HK", "Country": "Hong Kong", "City": "Hong Kong"},
            "MessageID": message_id,
            "ReceivedAt": WHEN,
            "Recipient": recipient,
        },
    }
    return json.dumps({**common, **events[kind]}), {}


# --- Mailgun: https://documentation.mailgun.com/docs/mailgun/user-manual/tracking-messages/ --


def mailgun(kind, recipient, event_id, signing_key=MAILGUN_KEY):
    token = hashlib.sha256(event_id.encode()).hexdigest()[:50]
    timestamp = "1764583200"
    signature = hmac.new(
        signing_key.encode(), f"{timestamp}{token}".encode(), hashlib.sha256
    ).hexdigest()
    message = {
        "headers": {
            "to": recipient,
            "message-id": "20261201100000.1.ABCDEF@mg.example.org",
            "from": "Campaigns <campaigns@example.org>",
            "subject": "Thank you for signing",
        },
        "attachments": [],
        "size": 4111,
    }
    common = {
        "id": event_id[:22],
        "timestamp": 1764583200.908181,
        "recipient": recipient,
        "recipient-domain": recipient.rpartition("@")[2],
        "tags": [],
        "user-variables": {},
        "message": message,
        "log-level": "info",
    }
    events = {
        "bounce": {
            "event": "failed",
            "severity": "permanent",
            "reason": "bounce",
            "log-level": "error",
            "delivery-status": {
                "code": 550,
                "attempt-no": 1,
                "message": "5.1.1 The email account that you tried to reach does not exist.",
                "description": "",
                "mx-host": "mx.example.com",
            },
            "envelope": {"transport": "smtp", "sender": "bounce@mg.example.org"},
        },
        "soft_bounce": {
            "event": "failed",
            "severity": "temporary",
            "reason": "generic",
            "delivery-status": {"code": 452, "message": "4.2.2 Mailbox full"},
        },
        "complaint": {"event": "complained"},
        "unsubscribe": {"event": "unsubscribed"},
        "delivered": {
            "event": "delivered",
            "delivery-status": {"code": 250, "message": "OK", "description": ""},
        },
        "opened": {"event": "opened", "client-info": {"client-type": "browser"}},
    }
    payload = {
        "signature": {"timestamp": timestamp, "token": token, "signature": signature},
        "event-data": {**common, **events[kind]},
    }
    return json.dumps(payload), {}


POSTMARK = Posted("postmark", "postmark_tracking_webhook", postmark)
MAILGUN = Posted("mailgun", "mailgun_tracking_webhook", mailgun)
SERVICES = [POSTMARK, MAILGUN]
