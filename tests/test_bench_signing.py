"""bench/signing.py, the bench's side of the signing form's contract, against a stand-in site on
loopback: single-use form tokens where the page hands them out, the page's own form otherwise."""

import http.server
import json
import threading
import uuid
from urllib.parse import parse_qs

import pytest

from bench import signing

FORM = (
    b'<form method="post"><input type="email" name="email"><input name="first_name">'
    b'<input type="hidden" name="hp_started" value="signed-start"></form>'
)


class StandIn(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    tokens = True
    issued = []

    def log_message(self, *args):
        pass

    def do_GET(self):
        if self.path == "/en/page/":
            status, body = 200, FORM
        elif self.path == "/en/page/form-token/" and self.tokens:
            token = uuid.uuid4().hex
            self.issued.append(token)
            status, body = 200, json.dumps({"token": token}).encode()
        else:
            status, body = 404, b"Not found"
        self.send_response(status)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture
def site():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), StandIn)
    StandIn.issued = []
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield server.server_port
    server.shutdown()


def test_the_bench_fetches_single_use_tokens_where_the_page_hands_them_out(site, tmp_path):
    StandIn.tokens = True

    lua, count = signing.prepare(site, "/en/page/", tmp_path, "run", 1, min_fill_seconds=0)

    tokens = (tmp_path / "tokens-run.txt").read_text().split()
    assert count == len(tokens) == signing.TOKENS_PER_SECOND
    assert len(set(tokens)) == len(tokens) and set(tokens) <= set(StandIn.issued)
    assert lua["BENCH_TOKEN_FILE"] == str(tmp_path / "tokens-run.txt")
    body = parse_qs((tmp_path / "signature.txt").read_text())
    assert body["form_token"] == ["BENCH_TOKEN"] and body["email"] == ["BENCH_EMAIL"]
    assert lua["BENCH_FORWARDED_FOR"] and signing.SERVER_ENV == {"TRUSTED_PROXIES": "1"}


def test_without_the_endpoint_the_page_s_own_form_is_posted(site, tmp_path):
    StandIn.tokens = False

    lua, count = signing.prepare(site, "/en/page/", tmp_path, "run", 1, min_fill_seconds=0)

    assert count == 0 and "BENCH_TOKEN_FILE" not in lua
    body = parse_qs((tmp_path / "signature.txt").read_text())
    assert body["hp_started"] == ["signed-start"] and "form_token" not in body


def test_a_list_is_answered_with_its_first_real_choice():
    # The demo's country list starts with an empty "Choose…": posting that is a form error, and
    # every signature of the bench would come back refused.
    parser = signing.FormFields()
    parser.feed(
        '<form method="post"><select name="country"><option value="">Choose…</option>'
        '<option value="HK">Hong Kong</option><option value="GB">UK</option></select></form>'
    )
    assert parser.fields == {"country": "HK"}
