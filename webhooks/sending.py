"""Sending a delivery: the task the webhooks worker runs (`manage.py db_worker --backend
webhooks`), one POST per attempt, retried on its own schedule.

2xx is delivered. Anything else (another status, a refused or dropped connection, a timeout, an
address refused as private) is tried again after the outbox's delays (campaigns.outbox.tasks:
about two days in all), then failed; 410 Gone fails it at once and turns the endpoint off, as
Standard Webhooks asks. Each attempt has WEBHOOKS_TIMEOUT seconds in all, however slowly the
receiver answers, and its answer's body is never read: the log keeps the status code and the
kind of error only.

The message keeps its webhook-id on every attempt; its timestamp and signature are made anew
(the receiver refuses a timestamp too old). A worker killed mid-attempt leaves its task
RUNNING; webhooks.retention.reclaim_abandoned makes it ready again, and the receiver may then
get the same message twice, under the same webhook-id.
"""

import contextlib
import datetime
import http.client
import ipaddress
import json
import logging
import socket
import threading
import time
import uuid
from urllib.parse import urlsplit

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from campaigns.outbox.tasks import RETRY_DELAYS
from portal.encryption import InvalidToken

from . import signing, subscriptions
from .addresses import RefusedAddress, vetted_address
from .models import Status, WebhookDelivery, WebhookEndpoint
from .payloads import payload

logger = logging.getLogger(__name__)

BACKEND = "webhooks"
USER_AGENT = "campaigns-portal-webhooks/1"


@task(backend=BACKEND)
def send_delivery(*, delivery_id, ticket):
    delivery = (
        WebhookDelivery.objects.select_related("endpoint")
        .filter(pk=delivery_id, ticket=ticket, status=Status.PENDING)
        .first()
    )
    if delivery is None:  # delivered, failed, deleted, or sent again by hand since
        return
    attempt(delivery)


def attempt(delivery):
    endpoint = delivery.endpoint
    if not endpoint.active or delivery.event_type not in endpoint.events:
        record(delivery, status_code=None, error="EndpointOff", final=True)
        return
    try:
        body = json.dumps(
            payload(delivery, endpoint.include_personal_data),
            cls=DjangoJSONEncoder,
            ensure_ascii=False,
        ).encode("utf-8")
    # A signature no key here decrypts any more (InvalidToken), a value JSON cannot hold.
    except (InvalidToken, ValueError, TypeError) as exception:
        # Retried and, in the end, failed where the log shows it, not a task failed out of
        # sight with its delivery pending for ever. The kind of error only: no text.
        kind = type(exception).__name__
        logger.warning("Webhook %s not written (%s)", delivery.message_id, kind)
        record(delivery, status_code=None, error=kind)
        return
    timestamp = str(int(time.time()))
    headers = {
        "Content-Type": "application/json",
        "User-Agent": USER_AGENT,
        "webhook-id": delivery.message_id,
        "webhook-timestamp": timestamp,
        "webhook-signature": signing.signature_header(
            endpoint.signing_secrets(), delivery.message_id, timestamp, body
        ),
    }
    status_code, error = None, ""
    try:
        status_code = post(endpoint.url, body, headers, settings.WEBHOOKS_TIMEOUT)
    except RefusedAddress:
        error = "RefusedAddress"
    except (OSError, http.client.HTTPException, ValueError) as exception:
        error = type(exception).__name__
    if error:
        logger.warning("Webhook %s not delivered (%s)", delivery.message_id, error)
    elif not 200 <= status_code < 300:
        logger.warning("Webhook %s answered %s", delivery.message_id, status_code)
    record(delivery, status_code, error, final=status_code == 410)


def record(delivery, status_code, error, final=False):
    """The attempt's outcome, and the next attempt queued, in one transaction; nothing if
    "send again now" took the delivery over meanwhile."""
    now = timezone.now()
    attempts = delivery.attempts + 1
    fields = {
        "attempts": attempts,
        "last_attempt_at": now,
        "last_status_code": status_code,
        "last_error": error,
        "next_attempt_at": None,
    }
    delivered = error == "" and status_code is not None and 200 <= status_code < 300
    next_ticket = None
    if delivered:
        fields.update(status=Status.DELIVERED, delivered_at=now)
    elif final or attempts > len(RETRY_DELAYS):
        fields["status"] = Status.FAILED
    else:
        next_ticket = uuid.uuid4()
        fields.update(
            next_attempt_at=now + datetime.timedelta(minutes=RETRY_DELAYS[attempts - 1]),
            ticket=next_ticket,
        )
    with transaction.atomic():
        updated = WebhookDelivery.objects.filter(
            pk=delivery.pk, ticket=delivery.ticket, status=Status.PENDING
        ).update(**fields)
        if not updated:
            return
        if next_ticket is not None:
            send_delivery.using(run_after=fields["next_attempt_at"]).enqueue(
                delivery_id=delivery.pk, ticket=str(next_ticket)
            )
        if status_code == 410:
            # The receiver says it is gone for good: no more messages until someone turns it on.
            WebhookEndpoint.objects.filter(pk=delivery.endpoint_id).update(
                active=False, disabled_at=now
            )
            subscriptions.forget()


def send_again(delivery):
    """ "Send again now", whatever its state: a new ticket (a retry already queued will find
    itself superseded) and a task that runs at once. The webhook-id stays."""
    with transaction.atomic():
        ticket = uuid.uuid4()
        WebhookDelivery.objects.filter(pk=delivery.pk).update(
            status=Status.PENDING, ticket=ticket, next_attempt_at=timezone.now()
        )
        send_delivery.enqueue(delivery_id=delivery.pk, ticket=str(ticket))


class PinnedHTTPConnection(http.client.HTTPConnection):
    """Connects to the address that was checked (webhooks.addresses), not to a new lookup of
    the name, which DNS could answer differently; the Host header still names the host."""

    def __init__(self, host, port, address, **kwargs):
        super().__init__(host, port, **kwargs)
        self.address = address

    def connect(self):
        self.sock = socket.create_connection((self.address, self.port), self.timeout)
        self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)


class PinnedHTTPSConnection(http.client.HTTPSConnection):
    """The same over TLS, the certificate checked against the host's name."""

    def __init__(self, host, port, address, **kwargs):
        super().__init__(host, port, **kwargs)
        self.address = address

    def connect(self):
        sock = socket.create_connection((self.address, self.port), self.timeout)
        self.sock = self._context.wrap_socket(sock, server_hostname=self.host)


def post(url, body, headers, timeout):
    """POST and return the status code. Raises RefusedAddress, OSError (TimeoutError when the
    whole attempt took longer than `timeout`) or http.client.HTTPException."""
    parts = urlsplit(url)
    secure = parts.scheme == "https"
    if not secure and not settings.WEBHOOKS_ALLOW_LOOPBACK:
        raise RefusedAddress
    host, port = parts.hostname, parts.port or (443 if secure else 80)
    address = vetted_address(host, port)
    if not secure and not vetted_is_loopback(address):
        raise RefusedAddress
    connection_class = PinnedHTTPSConnection if secure else PinnedHTTPConnection
    connection = connection_class(host, port, address, timeout=timeout)
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    # The socket's timeout bounds each read; this bounds the whole attempt, so a receiver
    # trickling its answer a byte at a time cannot hold the worker.
    expired = threading.Event()

    def cut_off():
        expired.set()
        if connection.sock is not None:
            with contextlib.suppress(OSError):  # closed already
                connection.sock.shutdown(socket.SHUT_RDWR)

    timer = threading.Timer(timeout, cut_off)
    timer.start()
    try:
        connection.request("POST", path, body=body, headers=headers)
        status = connection.getresponse().status
    except (OSError, http.client.HTTPException):
        if expired.is_set():
            raise TimeoutError from None
        raise
    finally:
        timer.cancel()
        connection.close()
    if expired.is_set():
        raise TimeoutError
    return status


def vetted_is_loopback(address):
    return ipaddress.ip_address(address.split("%", 1)[0]).is_loopback
