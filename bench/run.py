"""`make bench`: the portal under wrk on loopback, written to bench/results.md.

For each database (SQLite, then PostgreSQL if one is reachable at BENCH_DATABASE_URL): a fresh
database with the demo content, the web server (portal/server.py) with 2 workers, and wrk with
32 connections for BENCH_SECONDS (10) per scenario, after a 2-second warm-up. Then, on
PostgreSQL, a CSV export of 1,000,000 signatures in a process of its own. Servers are stopped
whatever happens (Ctrl-C included). Only loopback is used.
"""

import contextlib
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

from bench import report, servers, signing
from bench.servers import reachable

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
WRK_SCRIPT = ROOT / "bench" / "wrk.lua"

SECONDS = int(os.environ.get("BENCH_SECONDS", "10"))
CONNECTIONS = 32
WORKERS = 2
EXPORT_ROWS = 1_000_000
# Thank-yous one mail worker sends to an SMTP server on loopback (bench/outbox.py).
OUTBOX_EMAILS = 3000
# Wiped and refilled on every run: never point it at a database you care about.
POSTGRES_URL = os.environ.get(
    "BENCH_DATABASE_URL", "postgres://postgres:postgres@127.0.0.1:5432/bench"
)
# The page cache is shared through Redis in production; its database is cleared before use.
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/5")
CAMPAIGN = "/en/protect-rights-in-hong-kong/"
SLOW_CLIENTS = 1000  # of each kind: slow bodies, slow headers
SLOW_SECONDS = 30  # at least; longer if the scenarios measured meanwhile need it


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
    # Before the demo, which renders every page once (its images' renditions): the pages name
    # the static files' hashed names.
    manage(env, "collectstatic", "--noinput", "--clear")
    # Cleared before the demo too: Redis is shared by both databases, whose pages have the same
    # ids, so SQLite's cached fragments answered PostgreSQL's demo views, which then made no
    # renditions of the images inside them; the first measured views made them instead, each
    # one encoding the same files (p99 over 5 s, or every request timed out on a busy machine).
    clear_cache(env)
    manage(env, "load_demo", "--renditions")
    clear_cache(env)


def clear_cache(env):
    if "REDIS_URL" in env:
        manage(
            env,
            "shell",
            "--verbosity=0",
            "-c",
            "from django.core.cache import cache; cache.clear()",
        )


def web_server(env, log):
    """bench/servers.py's, ready once the bare view answers."""
    return servers.web_server(env, log, ready=bare_view_answers)


def bare_view_answers(port):
    with contextlib.suppress(OSError):
        return signing.get(port, "/bench/bare/")[0] == 200
    return False


WRK_THREADS = 2


def wrk(port, path, seconds=SECONDS, **lua_env):
    command = ["wrk", f"-t{WRK_THREADS}", f"-c{CONNECTIONS}", f"-d{seconds}s", "--timeout", "10s"]
    command += ["-s", str(WRK_SCRIPT), f"http://127.0.0.1:{port}{path}"]
    env = {**os.environ, "BENCH_THREADS": str(WRK_THREADS), **lua_env}
    run = subprocess.run(command, env=env, capture_output=True, text=True)
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


def min_fill_seconds(env):
    code = "from django.conf import settings; print(settings.SIGNING_MIN_FILL_SECONDS)"
    return float(manage(env, "shell", "--verbosity=0", "-c", code))


def signing_run(port, env, workdir, run, seconds):
    """wrk.lua's environment for one run of signatures (bench/signing.py)."""
    lua, tokens = signing.prepare(port, CAMPAIGN, workdir, run, seconds, min_fill_seconds(env))
    print(f"   {run}: {tokens} form tokens" if tokens else f"   {run}: no form tokens", flush=True)
    return lua


def measure_signing(port, env, workdir, run="measured", lua=None):
    """Signature posts; what wrk saw acknowledged against the rows stored meanwhile."""
    if lua is None:
        wrk(port, CAMPAIGN, seconds=2, **signing_run(port, env, workdir, f"warmup{run}", 2))
        lua = signing_run(port, env, workdir, run, SECONDS)
    figures = wrk(port, CAMPAIGN, **lua)
    time.sleep(2)  # posts in flight as wrk stopped are finished (and stored) meanwhile
    figures["stored"] = count_signatures(env, run)
    figures["signed_per_s"] = figures["acknowledged"] / (figures["duration_us"] / 1e6)
    # Negative when posts still in flight as wrk stopped were stored but never answered to it.
    figures["lost"] = figures["acknowledged"] - figures["stored"]
    return figures


@contextlib.contextmanager
def slow_clients(port, seconds):
    """bench/slow_clients.py's connections to the server for `seconds`; yields a dict that holds
    what it saw once it has stopped (by itself)."""
    seen = {}
    helper = subprocess.Popen(
        [PYTHON, "-m", "bench.slow_clients", str(port), CAMPAIGN, str(seconds), str(SLOW_CLIENTS)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        time.sleep(5)  # all of them open and sending
        yield seen
        output, _ = helper.communicate(timeout=seconds + 30)
        seen.update(json.loads(output))
    finally:
        if helper.poll() is None:
            helper.kill()
            helper.wait()


def measure_under_slow_clients(env, workdir, log, record):
    """The cached page and signatures while 1,000 slow bodies and 1,000 slow headers hold
    their connections."""
    server_env = {**env, "PAGE_CACHE_SECONDS": "60", **signing.SERVER_ENV}
    with web_server(server_env, log) as port:
        wrk(port, CAMPAIGN, seconds=2)  # warm: the page stored
        lua = signing_run(port, env, workdir, "slowclients", SECONDS)  # tokens aged before
        hold = max(SLOW_SECONDS, 2 * SECONDS + 10)
        with slow_clients(port, hold) as seen:
            page = wrk(port, CAMPAIGN)
            signed = measure_signing(port, env, workdir, "slowclients", lua)
        for figures in (page, signed):
            figures["slow_clients"] = seen
        record("page, cached, slow clients", page)
        record("signatures, slow clients", signed)


def run_database(label, database_url, workdir, results, outbox):
    print(f"\n== {label}: a fresh database with the demo content", flush=True)
    log = workdir / f"web-{label}.log"
    env = django_env(database_url, workdir, PAGE_CACHE_SECONDS="0")
    prepare(env)

    def record(scenario, figures):
        raw = results.get((label, "raw WSGI app"), figures)
        # None until measured (the raw WSGI app comes first).
        raw_asgi = results.get((label, "raw ASGI app"), figures if "ASGI" in scenario else None)
        bare = results.get((label, "bare view"), figures)
        figures.update(
            database=label,
            scenario=scenario,
            of_raw=figures["rps"] / raw["rps"],
            of_raw_asgi=figures["rps"] / raw_asgi["rps"] if raw_asgi else None,
            of_bare=figures["rps"] / bare["rps"],
        )
        results[label, scenario] = figures
        print(report.format_row(figures), flush=True)

    # The server's own ceilings: the same server and settings, an application that is two
    # bytes, through Granian's WSGI interface and through the ASGI one the front uses.
    raw = {"SERVE_APP": "bench.raw:application", "SERVE_INTERFACE": "wsgi"}
    with web_server({**env, **raw}, log) as port:
        record("raw WSGI app", measure(port, "/"))
    raw = {"SERVE_APP": "bench.raw:asgi_application", "SERVE_INTERFACE": "asgi"}
    with web_server({**env, **raw}, log) as port:
        record("raw ASGI app", measure(port, "/"))
    with web_server(env, log) as port:
        record("bare view", measure(port, "/bench/bare/"))
        css = next(Path(env["STATIC_ROOT"], "css").glob("portal.*.css")).name
        record("static file", measure(port, f"/static/css/{css}"))
        record("page, uncached", measure(port, CAMPAIGN))
    with web_server({**env, "PAGE_CACHE_SECONDS": "60"}, log) as port:
        record("page, cached", measure(port, CAMPAIGN))
    with web_server({**env, **signing.SERVER_ENV}, log) as port:
        record("signatures", measure_signing(port, env, workdir))
    measure_under_slow_clients(env, workdir, log, record)
    outbox[label] = json.loads(python(env, "-m", "bench.outbox", str(OUTBOX_EMAILS)))
    print(f"outbox: {outbox[label]}", flush=True)


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


def signatures_only(runs=3):
    """`BENCH_ONLY=signatures`: the signatures scenario alone, on PostgreSQL, `runs` times on one
    fresh database; prints each run's signatures a second and writes nothing. For comparing two
    commits on a quiet machine (bench/results.md, before and after encryption)."""
    with tempfile.TemporaryDirectory(prefix="portal-bench-") as workdir:
        workdir = Path(workdir)
        reset_postgres(POSTGRES_URL)
        env = django_env(POSTGRES_URL, workdir, PAGE_CACHE_SECONDS="0")
        prepare(env)
        with web_server({**env, **signing.SERVER_ENV}, workdir / "web.log") as port:
            for n in range(runs):
                figures = measure_signing(port, env, workdir, run=f"only{n}")
                print(
                    json.dumps(
                        {
                            "signed_per_s": round(figures["signed_per_s"], 1),
                            "p99_ms": figures["p99_ms"],
                            "lost": figures["lost"],
                            "errors": figures["status_errors"] + figures["socket_errors"],
                        }
                    ),
                    flush=True,
                )


def main():
    if os.environ.get("BENCH_ONLY") == "signatures":
        return signatures_only()
    if not shutil.which("wrk"):
        sys.exit("wrk is missing (Debian: apt-get install wrk); `make bench` installs it as root.")
    # `kill` stops the bench as Ctrl-C does: through the finally blocks that stop the servers.
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(143))
    results, export, notes = {}, None, [f"- Load average before the run: {load()}."]
    outbox = {}
    notes.append(
        f"- Cache: Redis ({REDIS_URL}), cleared before each database."
        if reachable(REDIS_URL, 6379)
        else "- Cache: each process's memory (no Redis at BENCH_REDIS_URL)."
    )
    with tempfile.TemporaryDirectory(prefix="portal-bench-") as workdir:
        workdir = Path(workdir)
        run_database("SQLite", f"sqlite:///{workdir / 'bench.sqlite3'}", workdir, results, outbox)
        if reachable(POSTGRES_URL, 5432):
            reset_postgres(POSTGRES_URL)
            run_database("PostgreSQL", POSTGRES_URL, workdir, results, outbox)
            export = run_export(POSTGRES_URL, workdir)
        else:
            notes.append(f"- PostgreSQL skipped: nothing listens at {POSTGRES_URL}.")
        if not page_cache_exists(django_env(f"sqlite:///{workdir / 'bench.sqlite3'}", workdir)):
            notes.append(
                "- No PAGE_CACHE_SECONDS setting in this code: 'page, cached' measured the "
                "same uncached page again."
            )
    notes.append(f"- Load average after: {load()}.")
    report.write_results(
        results, export, notes, CONNECTIONS, SECONDS, WORKERS, EXPORT_ROWS, outbox
    )
    print(f"\nWritten to {report.RESULTS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
