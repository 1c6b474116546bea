"""Real peers on loopback for tests where delivery is the point: an SMTP server (aiosmtpd) that
records what it receives, and an HTTP receiver that records requests and answers as told.

    def test_x(smtp): ... smtp.to("ada@example.org")
    def test_y(http_receiver): http_receiver.answers = [500, 200]; ... http_receiver.requests

Import the fixtures into a test module (`from tests.peers import smtp, http_receiver`), or use
the classes directly.
"""

import email
import http.server
import json
import socket
import threading
from email import policy

import pytest
from aiosmtpd.controller import Controller


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class SMTPRecorder:
    """aiosmtpd's handler: every message as an email.message.EmailMessage, and its envelope."""

    def __init__(self):
        self.messages = []
        self.envelopes = []

    async def handle_DATA(self, server, session, envelope):
        self.envelopes.append((envelope.mail_from, list(envelope.rcpt_tos)))
        self.messages.append(email.message_from_bytes(envelope.content, policy=policy.default))
        return "250 OK"

    def to(self, address):
        return [message for message in self.messages if message["To"] == address]


def text_of(message):
    """The plain-text part of a received message."""
    return message.get_body(preferencelist=("plain",)).get_content()


@pytest.fixture
def smtp(settings):
    """A real SMTP server on loopback, and the portal sending to it."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = free_port()
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_TIMEOUT = 2
    recorder = SMTPRecorder()
    server = Controller(recorder, hostname="127.0.0.1", port=settings.EMAIL_PORT)
    server.start()
    yield recorder
    server.stop()


class Received:
    def __init__(self, method, path, headers, body):
        self.method, self.path, self.headers, self.body = method, path, headers, body

    def json(self):
        return json.loads(self.body)


class HTTPReceiver:
    """An HTTP server on loopback, in a thread. Each request is recorded; `answers` is a list of
    status codes given in turn (the last one repeats), `reply` the body sent with them."""

    def __init__(self):
        self.requests = []
        self.answers = [200]
        self.reply = b"{}"
        self.content_type = "application/json"
        receiver = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def _record(self):
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                receiver.requests.append(
                    Received(self.command, self.path, dict(self.headers.items()), body)
                )
                status = (
                    receiver.answers.pop(0) if len(receiver.answers) > 1 else receiver.answers[0]
                )
                self.send_response(status)
                self.send_header("Content-Type", receiver.content_type)
                self.send_header("Content-Length", str(len(receiver.reply)))
                self.end_headers()
                self.wfile.write(receiver.reply)

            do_GET = do_POST = do_PUT = do_DELETE = _record

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def start(self):
        self.thread.start()
        return self

    def stop(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def http_receiver():
    receiver = HTTPReceiver().start()
    yield receiver
    receiver.stop()
