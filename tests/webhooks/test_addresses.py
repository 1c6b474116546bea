"""Where messages may go: the admin's check of a URL, and the worker's of every address a name
resolves to (names are resolved by a stand-in here: tests reach no DNS)."""

import contextlib
import socket
import threading
import time

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from webhooks.addresses import RefusedAddress, validate_endpoint_url, vetted_address
from webhooks.sending import post


def resolving_to(monkeypatch, *addresses):
    def getaddrinfo(host, port, *args, **kwargs):
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (a, port)) for a in addresses]

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)


@pytest.mark.parametrize(
    "addresses",
    [
        ("10.1.2.3",),
        ("172.16.0.1",),
        ("192.168.0.10",),
        ("127.0.0.1",),
        ("169.254.169.254",),  # a cloud's metadata service
        ("100.64.0.1",),  # carrier-grade NAT
        ("0.0.0.0",),  # noqa: S104 (an address resolved to, not bound)
        ("::1",),
        ("fe80::1",),
        ("fd00::1",),
        ("::ffff:10.0.0.1",),
        ("64:ff9b::a00:1",),  # NAT64 to 10.0.0.1
        ("2002:a00:1::1",),  # 6to4 of 10.0.0.1
        ("93.184.215.14", "10.0.0.1"),  # one public, one private: which would be used?
    ],
)
def test_a_name_resolving_to_a_private_address_is_refused_in_production(
    monkeypatch, settings, addresses
):
    settings.WEBHOOKS_ALLOW_LOOPBACK = False
    resolving_to(monkeypatch, *addresses)
    with pytest.raises(RefusedAddress):
        vetted_address("crm.example.org", 443)


def test_a_public_address_is_the_one_connected_to(monkeypatch, settings):
    settings.WEBHOOKS_ALLOW_LOOPBACK = False
    resolving_to(monkeypatch, "93.184.215.14")
    assert vetted_address("crm.example.org", 443) == "93.184.215.14"


def test_loopback_is_allowed_only_by_the_setting(monkeypatch, settings):
    resolving_to(monkeypatch, "127.0.0.1")
    settings.WEBHOOKS_ALLOW_LOOPBACK = True
    assert vetted_address("localhost", 80) == "127.0.0.1"
    resolving_to(monkeypatch, "10.0.0.1")
    with pytest.raises(RefusedAddress):
        vetted_address("intranet", 80)


def test_http_is_never_sent_to_anything_but_loopback(settings, monkeypatch):
    settings.WEBHOOKS_ALLOW_LOOPBACK = True
    resolving_to(monkeypatch, "93.184.215.14")
    with pytest.raises(RefusedAddress):
        post("http://crm.example.org/hook", b"{}", {}, timeout=1)


@given(st.text(max_size=300))
def test_any_text_as_a_url_is_accepted_or_refused_with_a_message(text):
    with contextlib.suppress(ValidationError):
        validate_endpoint_url(text)


@given(st.text(max_size=100))
def test_any_text_after_https_is_accepted_or_refused_with_a_message(text):
    with contextlib.suppress(ValidationError):
        validate_endpoint_url("https://" + text)


def silent_server(trickle=False):
    """A server on loopback that takes the connection and does not answer, or answers a byte at
    a time (each byte sooner than the socket's timeout), for three seconds."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    stop = threading.Event()

    def serve():
        connection, _address = listener.accept()
        with connection:
            # Three seconds at most, then the connection closes: bounded, whatever the test.
            for _tick in range(30):
                if stop.is_set():
                    return
                if trickle:
                    try:
                        connection.sendall(b"H")
                    except OSError:
                        return
                time.sleep(0.1)

    threading.Thread(target=serve, daemon=True).start()
    return listener, stop


@pytest.mark.parametrize("trickle", [False, True])
def test_an_attempt_ends_within_its_timeout_however_the_receiver_answers(trickle):
    listener, stop = silent_server(trickle)
    try:
        started = time.monotonic()
        with pytest.raises(TimeoutError):
            post(f"http://127.0.0.1:{listener.getsockname()[1]}/", b"{}", {}, timeout=0.5)
        assert time.monotonic() - started < 2
    finally:
        stop.set()
        listener.close()
