"""`make bench`: the portal under wrk on loopback, written to bench/results.md.

For each database (SQLite, then PostgreSQL if one is reachable at BENCH_DATABASE_URL): a fresh
database with the demo content, the web server (portal/server.py) with 2 workers, and wrk with
32 connections for BENCH_SECONDS (10) per scenario, after a 2-second warm-up. Then, on
PostgreSQL, a CSV export of 1,000,000 signatures in a process of its own. Servers are stopped
whatever happens (Ctrl-C included). Only loopback is used.
"""

import contextlib
import http.client
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlencode, urlsplit

from bench import report

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
SERVER = [PYTHON, "-m", "portal.server"]
WRK_SCRIPT = ROOT / "bench" / "wrk.lua"

SECONDS = int(os.environ.get("BENCH_SECONDS", "10"))
CONNECTIONS = 32
WORKERS = 2
EXPORT_ROWS = 1_000_000
# Wiped and refilled on every run: never point it at a database you care about.
POSTGRES_URL = os.environ.get(
    "BENCH_DATABASE_URL", "postgres://postgres:postgres@127.0.0.1:5432/bench"
)
# The page cache is shared through Redis in production; its database is cleared before use.
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/5")
CAMPAIGN = "/en/protect-rights-in-hong-kong/"
THANKS_MARKER = "template-campaign-thanks"  # the body class of the thank-you page
HONEYPOT = "hp_website"  # campaigns.signing.bots.HONEYPOT: must stay empty
# What Google's script adds to the form in a browser (django-recaptcha's widgets read this name).
CAPTCHA = "g-recaptcha-response"


def reachable(url, default_port):
    parts = urlsplit(url)
    try:
        socket.create_connection((parts.hostname, parts.port or default_port), timeout=1).close()
    except OSError:
        return False
    return True


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def django_env(database_url, workdir, **extra):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "DATABASE_URL": database_url,
        "STATIC_ROOT": str(workdir / "static"),
        "MEDIA_ROOT": str(workdir / "media"),
        "WEB_CONCURRENCY": str(WORKERS),
        **extra,
    }
    if reachable(REDIS_URL, 6379):
        env["REDIS_URL"] = REDIS_URL
    else:
        env.pop("REDIS_URL", None)
    return env


def python(env, *args):
    run = subprocess.run([PYTHON, *args], cwd=ROOT, env=env, capture_output=True, text=True)
    if run.returncode != 0:
        sys.exit(f"python {' '.join(args)} failed:\n{run.stderr}")
    return run.stdout


def manage(env, *args):
    return python(env, "manage.py", *args)


def reset_postgres(url):
    """An empty `public` schema in the bench database, which is created if missing."""
    import psycopg

    parts = urlsplit(url)
    if parts.hostname not in ("127.0.0.1", "localhost", "::1"):
        sys.exit(f"BENCH_DATABASE_URL must be on loopback: the bench wipes it ({url})")
    name = parts.path.lstrip("/")
    with psycopg.connect(parts._replace(path="/postgres").geturl(), autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public")


def prepare(env):
    manage(env, "migrate", "--noinput")
    manage(env, "load_demo")
    manage(env, "collectstatic", "--noinput", "--clear")
    if "REDIS_URL" in env:
        manage(
            env,
            "shell",
            "--verbosity=0",
            "-c",
            "from django.core.cache import cache; cache.clear()",
        )


@contextlib.contextmanager
def web_server(env, log):
    """The web server in a session of its own, stopped with its workers however the block ends."""
    port = free_port()
    with open(log, "a") as output:
        server = subprocess.Popen(
            SERVER,
            cwd=ROOT,
            env={**env, "BIND": f"127.0.0.1:{port}"},
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        for _ in range(300):
            if server.poll() is not None:
                sys.exit(f"the web server stopped at start; see {log}")
            with contextlib.suppress(OSError):
                if get(port, "/bench/bare/")[0] == 200:
                    break
            time.sleep(0.1)
        yield port
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()


def get(port, path):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        conn.request("GET", path)
        response = conn.getresponse()
        return response.status, response.getheaders(), response.read().decode()
    finally:
        conn.close()


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
        elif tag == "option" and self.select and self.select not in self.fields:
            self.fields[self.select] = attrs.get("value", "")

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


def signature_form(port, workdir):
    """The campaign's form as wrk posts it, and the cookies the page set (if any)."""
    status, headers, html = get(port, CAMPAIGN)
    if status != 200:
        sys.exit(f"{CAMPAIGN} answered {status}")
    # A cached page's form has no CSRF token (caching/csrf.py); an uncached one may set a cookie.
    cookie = "; ".join(
        value.split(";")[0] for name, value in headers if name.lower() == "set-cookie"
    )
    parser = FormFields()
    parser.feed(html)
    fields = {**parser.fields, CAPTCHA: "answered-by-bench-settings"}
    if "BENCH_EMAIL" not in fields.values():
        sys.exit(f"No email field in the campaign's form: {sorted(fields)}")
    body = workdir / "signature.txt"
    body.write_text(urlencode(fields))
    return body, cookie


def wrk(port, path, seconds=SECONDS, **lua_env):
    command = ["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{seconds}s", "--timeout", "10s"]
    command += ["-s", str(WRK_SCRIPT), f"http://127.0.0.1:{port}{path}"]
    run = subprocess.run(command, env={**os.environ, **lua_env}, capture_output=True, text=True)
    if run.returncode != 0:
        sys.exit(f"wrk failed: {run.stderr or run.stdout}")
    output = run.stdout
    figures = json.loads(re.search(r"^BENCH_JSON (.*)$", output, re.MULTILINE).group(1))
    figures["rps"] = figures["requests"] / (figures["duration_us"] / 1e6)
    figures["p50_ms"] = figures["p50_us"] / 1000
    figures["p99_ms"] = figures["p99_us"] / 1000
    return figures


def measure(port, path, **lua_env):
    wrk(port, path, seconds=2, **lua_env)  # warm-up: templates compiled, connections open
    return wrk(port, path, **lua_env)


def count_signatures(env, run):
    """Rows stored from one wrk run: its addresses start with the run's name. Answers are
    encrypted (the database cannot look into them): each row is read and decrypted."""
    code = (
        "from campaigns.models import CampaignSubmission as S; "
        "rows = S.objects.values_list('form_data', flat=True).iterator(chunk_size=2000); "
        f"print(sum(any(str(v).startswith({run!r}) for v in d.values()) for d in rows))"
    )
    return int(manage(env, "shell", "--verbosity=0", "-c", code))


def measure_signing(port, env, workdir):
    """Signature posts; what wrk saw acknowledged against the rows stored meanwhile."""
    body, cookie = signature_form(port, workdir)
    lua = {
        "BENCH_BODY_FILE": str(body),
        "BENCH_COOKIE": cookie,
        "BENCH_ORIGIN": f"http://127.0.0.1:{port}",  # as a browser posting the form sends it
        "BENCH_THANKS_MARKER": THANKS_MARKER,
    }
    wrk(port, CAMPAIGN, seconds=2, BENCH_RUN="warmup", **lua)
    figures = wrk(port, CAMPAIGN, BENCH_RUN="measured", **lua)
    time.sleep(2)  # posts in flight as wrk stopped are finished (and stored) meanwhile
    figures["stored"] = count_signatures(env, "measured")
    figures["signed_per_s"] = figures["acknowledged"] / (figures["duration_us"] / 1e6)
    # Negative when posts still in flight as wrk stopped were stored but never answered to it.
    figures["lost"] = figures["acknowledged"] - figures["stored"]
    return figures


def run_database(label, database_url, workdir, results):
    print(f"\n== {label}: a fresh database with the demo content", flush=True)
    log = workdir / f"web-{label}.log"
    env = django_env(database_url, workdir, PAGE_CACHE_SECONDS="0")
    prepare(env)

    def record(scenario, figures):
        raw = results.get((label, "raw WSGI app"), figures)
        bare = results.get((label, "bare view"), figures)
        figures.update(
            database=label,
            scenario=scenario,
            of_raw=figures["rps"] / raw["rps"],
            of_bare=figures["rps"] / bare["rps"],
        )
        results[label, scenario] = figures
        print(report.format_row(figures), flush=True)

    # The server's own ceiling: the same server and settings, an application that is two bytes.
    with web_server({**env, "SERVE_APP": "bench.raw:application"}, log) as port:
        record("raw WSGI app", measure(port, "/"))
    with web_server(env, log) as port:
        record("bare view", measure(port, "/bench/bare/"))
        css = next(Path(env["STATIC_ROOT"], "css").glob("portal.*.css")).name
        record("static file", measure(port, f"/static/css/{css}"))
        record("page, uncached", measure(port, CAMPAIGN))
    with web_server({**env, "PAGE_CACHE_SECONDS": "60"}, log) as port:
        record("page, cached", measure(port, CAMPAIGN))
    with web_server(env, log) as port:
        record("signatures", measure_signing(port, env, workdir))


def run_export(database_url, workdir):
    print(f"\n== PostgreSQL: export of {EXPORT_ROWS:,} signatures", flush=True)
    env = django_env(database_url, workdir)
    started = time.perf_counter()
    python(env, "-m", "bench.export", "fill", str(EXPORT_ROWS))
    fill_seconds = time.perf_counter() - started
    figures = json.loads(python(env, "-m", "bench.export", "measure"))
    figures["fill_seconds"] = round(fill_seconds, 1)
    print(figures, flush=True)
    return figures


def load():
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def page_cache_exists(env):
    code = "from django.conf import settings; print(hasattr(settings, 'PAGE_CACHE_SECONDS'))"
    return manage(env, "shell", "--verbosity=0", "-c", code).strip() == "True"


def main():
    if not shutil.which("wrk"):
        sys.exit("wrk is missing (Debian: apt-get install wrk); `make bench` installs it as root.")
    # `kill` stops the bench as Ctrl-C does: through the finally blocks that stop the servers.
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(143))
    results, export, notes = {}, None, [f"- Load average before the run: {load()}."]
    notes.append(
        f"- Cache: Redis ({REDIS_URL}), cleared before each database."
        if reachable(REDIS_URL, 6379)
        else "- Cache: each process's memory (no Redis at BENCH_REDIS_URL)."
    )
    with tempfile.TemporaryDirectory(prefix="portal-bench-") as workdir:
        workdir = Path(workdir)
        run_database("SQLite", f"sqlite:///{workdir / 'bench.sqlite3'}", workdir, results)
        if reachable(POSTGRES_URL, 5432):
            reset_postgres(POSTGRES_URL)
            run_database("PostgreSQL", POSTGRES_URL, workdir, results)
            export = run_export(POSTGRES_URL, workdir)
        else:
            notes.append(f"- PostgreSQL skipped: nothing listens at {POSTGRES_URL}.")
        if not page_cache_exists(django_env(f"sqlite:///{workdir / 'bench.sqlite3'}", workdir)):
            notes.append(
                "- No PAGE_CACHE_SECONDS setting in this code: 'page, cached' measured the "
                "same uncached page again."
            )
    notes.append(f"- Load average after: {load()}.")
    report.write_results(results, export, notes, CONNECTIONS, SECONDS, WORKERS, EXPORT_ROWS)
    print(f"\nWritten to {report.RESULTS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
