"""How `make bench` signs: the form as wrk posts it, and the single-use form tokens it needs.

Everything the bench knows about the signing form's anti-bot contract is here, so that a change
of contract changes this file only.

- Form tokens (the contract replacing `hp_started`): GET `<campaign page>form-token/` answers
  `{"token": "..."}`, uncached; the form posts it in `form_token`; each token is used once, and
  one younger than SIGNING_MIN_FILL_SECONDS is held for review. So a pool of tokens, enough for
  the run, is fetched before wrk starts, the bench waits SIGNING_MIN_FILL_SECONDS, and wrk.lua
  gives each request a token of its own (a file, one token a line; wrk thread n of N takes the
  lines n, n + N, n + 2N...).
- Where the page has no such endpoint (the form of before, with a signed start time in
  `hp_started`), the page's own fields are posted as they are, with no token file.
- Every request comes from an address of its own (X-Forwarded-For, with TRUSTED_PROXIES=1 in
  the server's environment): signatures from one address above a rate are held for review.
"""

import http.client
import json
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from html.parser import HTMLParser
from urllib.parse import urlencode

THANKS_MARKER = "template-campaign-thanks"  # the body class of the thank-you page
HONEYPOT = "hp_website"  # campaigns.signing.bots.HONEYPOT: must stay empty
# What Google's script adds to the form in a browser (django-recaptcha's widgets read this name).
CAPTCHA = "g-recaptcha-response"
TOKEN_FIELD = "form_token"  # noqa: S105 (a field name, not a secret)
TOKEN_PATH = "form-token/"  # noqa: S105 (a URL path)
# What the server needs to see each request's own address in X-Forwarded-For.
SERVER_ENV = {"TRUSTED_PROXIES": "1"}
# Tokens fetched per second of wrk: above the rate signing reaches on this machine (300-400/s).
TOKENS_PER_SECOND = 800
FETCHING_CONNECTIONS = 4


class FormFields(HTMLParser):
    """What a browser would send from the page's post form, with every field answered."""

    def __init__(self):
        super().__init__()
        self.fields, self.in_form, self.textarea, self.select = {}, False, None, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and attrs.get("method", "").lower() == "post":
            self.in_form = True
        if not self.in_form or not attrs.get("name") and tag != "option":
            return
        name = attrs.get("name")
        if tag == "input" and name != HONEYPOT:
            kind = attrs.get("type", "text")
            if kind == "checkbox" or (kind == "radio" and name not in self.fields):
                self.fields[name] = attrs.get("value", "on")
            elif kind == "email":
                self.fields[name] = "BENCH_EMAIL"
            elif kind not in ("radio", "submit"):
                self.fields[name] = attrs.get("value") or "Bench"
        elif tag == "input":
            self.fields[name] = ""
        elif tag == "textarea":
            self.textarea = name
            self.fields[name] = ""
        elif tag == "select":
            self.select = name
        # The first real choice, as a person picks one: not the empty "Choose…".
        elif (
            tag == "option"
            and self.select
            and self.select not in self.fields
            and attrs.get("value")
        ):
            self.fields[self.select] = attrs["value"]

    def handle_endtag(self, tag):
        if tag == "form":
            self.in_form = False
        elif tag == "textarea":
            self.fields[self.textarea] = self.fields[self.textarea].strip() or "Bench message"
            self.textarea = None
        elif tag == "select":
            self.select = None

    def handle_data(self, data):
        if self.textarea:
            self.fields[self.textarea] += data


def get(port, path):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        conn.request("GET", path)
        response = conn.getresponse()
        return response.status, response.getheaders(), response.read().decode()
    finally:
        conn.close()


def has_form_tokens(port, page_path):
    status, _headers, body = get(port, page_path + TOKEN_PATH)
    if status != 200:
        return False
    try:
        return bool(json.loads(body).get("token"))
    except ValueError:
        return False


def fetch_tokens(port, page_path, count):
    """`count` fresh tokens, over a few keep-alive connections."""

    def fetch(share):
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        tokens = []
        try:
            for _ in range(share):
                conn.request("GET", page_path + TOKEN_PATH)
                response = conn.getresponse()
                body = response.read()
                if response.status != 200:
                    sys.exit(f"{page_path}{TOKEN_PATH} answered {response.status}")
                tokens.append(json.loads(body)["token"])
        finally:
            conn.close()
        return tokens

    shares = [count // FETCHING_CONNECTIONS + 1] * FETCHING_CONNECTIONS
    with ThreadPoolExecutor(FETCHING_CONNECTIONS) as pool:
        return [token for tokens in pool.map(fetch, shares) for token in tokens][:count]


def signature_form(port, page_path, workdir, tokens):
    """The form's body as wrk posts it (BENCH_EMAIL and, with tokens, BENCH_TOKEN replaced per
    request), and the cookies the page set (if any)."""
    status, headers, html = get(port, page_path)
    if status != 200:
        sys.exit(f"{page_path} answered {status}")
    # A cached page's form has no CSRF token (caching/csrf.py); an uncached one may set a cookie.
    cookie = "; ".join(
        value.split(";")[0] for name, value in headers if name.lower() == "set-cookie"
    )
    parser = FormFields()
    parser.feed(html)
    fields = {**parser.fields, CAPTCHA: "answered-by-bench-settings"}
    if tokens:
        fields[TOKEN_FIELD] = "BENCH_TOKEN"
    if "BENCH_EMAIL" not in fields.values():
        sys.exit(f"No email field in the campaign's form: {sorted(fields)}")
    body = workdir / "signature.txt"
    body.write_text(urlencode(fields))
    return body, cookie


def prepare(port, page_path, workdir, run, seconds, min_fill_seconds):
    """wrk.lua's environment for one run of signatures: the form, its tokens if the page hands
    them out (fetched now, then aged SIGNING_MIN_FILL_SECONDS), a distinct address each."""
    tokens = []
    if has_form_tokens(port, page_path):
        tokens = fetch_tokens(port, page_path, TOKENS_PER_SECOND * seconds)
        time.sleep(min_fill_seconds)  # younger tokens would be held for review
    body, cookie = signature_form(port, page_path, workdir, tokens)
    lua = {
        "BENCH_RUN": run,
        "BENCH_BODY_FILE": str(body),
        "BENCH_COOKIE": cookie,
        "BENCH_ORIGIN": f"http://127.0.0.1:{port}",  # as a browser posting the form sends it
        "BENCH_THANKS_MARKER": THANKS_MARKER,
        "BENCH_FORWARDED_FOR": "yes",
    }
    if tokens:
        token_file = workdir / f"tokens-{run}.txt"
        token_file.write_text("\n".join(tokens) + "\n")
        lua["BENCH_TOKEN_FILE"] = str(token_file)
    return lua, len(tokens)
