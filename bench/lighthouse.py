"""`make lighthouse` (and `make bench`, tests/test_lighthouse.py): Lighthouse on home and a
campaign, in English and Hong Kong Chinese, against the production stack on loopback.

The stack is `make serve`'s: portal.settings.production configured by the environment (README,
"Running in production"), a fresh SQLite database with the demo content (`load_demo`, which
makes the pages' renditions), `collectstatic`, Redis if it answers at LIGHTHOUSE_REDIS_URL (its
database is cleared), mail to a loopback port and the web server (portal/server.py). Each page is
requested once before it is measured, as a reader after the first would find it (routes and
fragments cached); Lighthouse itself loads it with an empty browser cache.

Lighthouse is the npm package pinned in package.json (`npm ci`), driving Debian's Chromium with
its defaults: a phone (Moto G Power, 412 px wide at 1.75x), simulated slow 4G, and this machine's
processor slowed to a phone's (`cpu_slowdown`). Its reports go to
test-artifacts/lighthouse/ (JSON and HTML, for each of RUNS runs and, as <page>.report.*, the
median one) and a summary to bench/lighthouse.md, with every audit that did not pass.
`python -m bench.lighthouse` exits 1 if a category scores below MIN_SCORE or the campaign page
weighs more than MAX_CAMPAIGN_BYTES, naming the audits that cost the points.
"""

import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import UTC, datetime
from pathlib import Path

from bench.servers import free_port, reachable, web_server

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CHROMIUM = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
# tests/browser/conftest.py's: without --disable-background-networking Chromium calls Google.
CHROMIUM_FLAGS = "--headless --no-sandbox --disable-gpu --disable-background-networking"
ARTIFACTS = ROOT / "test-artifacts" / "lighthouse"
SUMMARY = ROOT / "bench" / "lighthouse.md"
REDIS_URL = os.environ.get("LIGHTHOUSE_REDIS_URL", "redis://127.0.0.1:6379/7")

CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
# Runs per page, of which the median by performance is kept, as Lighthouse's own docs advise
# ("Variability"): on a busy 2-core machine one run's blocking time can double.
RUNS = int(os.environ.get("LIGHTHOUSE_RUNS", "3"))
ATTEMPTS = 3
# Runs that only measure this machine's speed, before the pages are measured (`calibrate`).
CALIBRATION_RUNS = 3
MIN_SCORE = 0.98
MAX_CAMPAIGN_BYTES = 100 * 1024
CAMPAIGN = "protect-rights-in-hong-kong"
PAGES = {
    "home-en": "/en/",
    "campaign-en": f"/en/{CAMPAIGN}/",
    "home-zh-hant": "/zh-hant/",
    "campaign-zh-hant": f"/zh-hant/{CAMPAIGN}/",
}


def production_env(workdir):
    """What `make serve` needs (portal/check_environment.py names it), on loopback, with known
    keys (these throwaway databases only)."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.production",
        "SECRET_KEY": "lighthouse-only-not-secret-0123456789abcdefghijklmnopqrstuvwxyz",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DATABASE_URL": f"sqlite:///{workdir / 'lighthouse.sqlite3'}",
        "PORTAL_ENCRYPTION_KEYS": "bGlnaHRob3VzZS1vbmx5LWVuY3J5cHRpb24ta2V5LTE=",
        "PORTAL_HASH_KEY": "lighthouse-only-hash-key-not-secret-0123456789",
        "RECAPTCHA_ENABLED": "false",
        # Plain HTTP on loopback, as README's try on a laptop.
        "SECURE_SSL_REDIRECT": "false",
        "STATIC_ROOT": str(workdir / "static"),
        "MEDIA_ROOT": str(workdir / "media"),
        # Nothing listens there: no page is signed, and a thank-you would wait in the outbox.
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(free_port()),
        "EMAIL_USE_TLS": "false",
        "WEB_CONCURRENCY": "1",
    }
    if reachable(REDIS_URL, 6379):
        env["REDIS_URL"] = REDIS_URL
    else:
        env.pop("REDIS_URL", None)
    return env


def manage(env, *args):
    run = subprocess.run(
        [PYTHON, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True
    )
    if run.returncode != 0:
        raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{run.stderr}")
    return run.stdout


def prepare(env):
    subprocess.run([PYTHON, "-m", "portal.check_environment"], cwd=ROOT, env=env, check=True)
    manage(env, "migrate", "--noinput")
    # Before the demo: it renders every page, which names the static files' hashed names.
    manage(env, "collectstatic", "--noinput", "--clear", "--verbosity", "0")
    # Cleared before the demo too: fragments cached by an earlier run (make bench's, whose
    # pages have the same ids) would answer the demo's views, and no renditions would be made.
    clear_cache(env)
    started = time.perf_counter()
    manage(env, "load_demo", "--renditions")
    demo_seconds = time.perf_counter() - started
    clear_cache(env)
    return demo_seconds


def clear_cache(env):
    if "REDIS_URL" in env:
        code = "from django.core.cache import cache; cache.clear()"
        manage(env, "shell", "--verbosity=0", "-c", code)


def get(url):
    with urllib.request.urlopen(url, timeout=60) as response:  # noqa: S310 (loopback)
        return response.status, response.read()


def cpu_slowdown(benchmark_index):
    """How much to slow this machine's processor so that it runs as Lighthouse's phone does.

    Lighthouse's default, 4x, assumes a host as fast as the desktop it was tuned on (a benchmark
    index of about 1500); on a slower host, a shared 2-core CI machine, 4x emulates a phone
    slower than Lighthouse's own, and its blocking time doubles ("The tested device appears to
    have a slower CPU than Lighthouse expects"). Lighthouse's CPU throttling calculator (linked
    from its docs/throttling.md) gives the multiplier for a host's index; it is used below 4
    only, so that a fast host is held to Lighthouse's own default, never to a stricter phone
    than everyone else's.
    """
    if benchmark_index >= 1300:
        multiplier = 3 + (benchmark_index - 1300) / 233
    elif benchmark_index >= 800:
        multiplier = 2 + (benchmark_index - 800) / 500
    else:
        multiplier = 1 + max(benchmark_index - 150, 0) / 650
    return round(min(multiplier, 4.0), 2)


def calibrate(url, output_stem):
    """This machine's benchmark index (the median of CALIBRATION_RUNS runs: it varies by half
    from one run to the next on a shared machine) and the CPU slowdown it calls for."""
    reports = [
        lighthouse(url, f"{output_stem}-{n + 1}", categories=("performance",))
        for n in range(CALIBRATION_RUNS)
    ]
    indexes = sorted(report["environment"]["benchmarkIndex"] for report in reports)
    index = indexes[len(indexes) // 2]
    return index, cpu_slowdown(index)


def lighthouse(url, output_stem, *, categories=CATEGORIES, slowdown=None):
    """One Lighthouse run; its report as a dict (the JSON and HTML are kept on disk)."""
    command = [
        str(LIGHTHOUSE),
        url,
        "--quiet",
        "--output=json",
        "--output=html",
        f"--output-path={output_stem}",
        f"--chrome-flags={CHROMIUM_FLAGS}",
        f"--only-categories={','.join(categories)}",
    ]
    if slowdown is not None:
        command.append(f"--throttling.cpuSlowdownMultiplier={slowdown}")
    env = {**os.environ, "CHROME_PATH": CHROMIUM}
    # On a busy machine Chromium's trace now and then misses the navigation's start; Lighthouse
    # then stops with "Something went wrong ... Please run Lighthouse again. (NO_NAVSTART)".
    for _attempt in range(ATTEMPTS):
        run = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
        if run.returncode == 0:
            break
    else:
        raise RuntimeError(f"lighthouse {url} failed {ATTEMPTS} times:\n{run.stderr[-4000:]}")
    # With two outputs Lighthouse names them <stem>.report.json and <stem>.report.html.
    return json.loads(Path(f"{output_stem}.report.json").read_text())


def summary(name, report):
    """Scores, bytes and the audits that did not pass, from one report."""
    categories = report["categories"]
    audits = report["audits"]
    failing = []
    for category in CATEGORIES:
        for ref in categories[category]["auditRefs"]:
            audit = audits[ref["id"]]
            # Lighthouse's own rule: an audit passes at 0.9; a null score is informative.
            if audit["score"] is None or audit["score"] >= 0.9:
                continue
            if audit["scoreDisplayMode"] in ("notApplicable", "informative", "manual"):
                continue
            failing.append(
                {
                    "category": category,
                    "id": ref["id"],
                    "weight": ref["weight"],
                    "score": audit["score"],
                    "title": audit["title"],
                    "value": audit.get("displayValue", ""),
                }
            )
    return {
        "name": name,
        "url": report["finalDisplayedUrl"],
        "scores": {category: categories[category]["score"] for category in CATEGORIES},
        "bytes": audits["total-byte-weight"]["numericValue"],
        "benchmark_index": report["environment"]["benchmarkIndex"],
        "cpu_slowdown": report["configSettings"]["throttling"]["cpuSlowdownMultiplier"],
        "requests": [
            (item["url"], item["transferSize"])
            for item in audits["network-requests"]["details"]["items"]
        ],
        "metrics": {
            key: audits[key].get("displayValue", "")
            for key in (
                "first-contentful-paint",
                "largest-contentful-paint",
                "total-blocking-time",
                "cumulative-layout-shift",
                "speed-index",
            )
        },
        "failing": failing,
    }


def problems(results):
    """What fails the check, one line each; empty when it passes."""
    lines = []
    for result in results:
        for category, score in result["scores"].items():
            if score is None or score < MIN_SCORE:
                audits = [a for a in result["failing"] if a["category"] == category]
                named = "; ".join(f"{a['id']} ({a['value'] or a['score']})" for a in audits)
                lines.append(f"{result['name']}: {category} {score} < {MIN_SCORE}: {named}")
        if result["name"].startswith("campaign") and result["bytes"] > MAX_CAMPAIGN_BYTES:
            lines.append(
                f"{result['name']}: {result['bytes'] / 1024:.1f} KB transferred "
                f"> {MAX_CAMPAIGN_BYTES // 1024} KB"
            )
    return lines


def markdown(results, notes):
    version = json.loads((ROOT / "node_modules" / "lighthouse" / "package.json").read_text())
    lines = [
        "# Lighthouse",
        "",
        f"`make lighthouse` ({datetime.now(UTC):%Y-%m-%d %H:%M} UTC): Lighthouse "
        f"{version['version']}, Debian's Chromium, mobile (simulated slow 4G, the processor "
        "slowed to a phone's for this machine's speed), against the "
        "production stack on loopback with the demo content (bench/lighthouse.py). Targets: "
        f"every category >= {MIN_SCORE}, the campaign page <= {MAX_CAMPAIGN_BYTES // 1024} KB "
        "transferred. Reports: test-artifacts/lighthouse/.",
        "",
        "| page | " + " | ".join(CATEGORIES) + " | KB | FCP | LCP | TBT | CLS | CPU |",
        "|---|" + "---|" * (len(CATEGORIES) + 6),
    ]
    for r in results:
        scores = " | ".join(f"{r['scores'][c]:.2f}" for c in CATEGORIES)
        m = r["metrics"]
        lines.append(
            f"| {r['name']} | {scores} | {r['bytes'] / 1024:.1f} | "
            f"{m['first-contentful-paint']} | {m['largest-contentful-paint']} | "
            f"{m['total-blocking-time']} | {m['cumulative-layout-shift']} | "
            f"{r['cpu_slowdown']:g}x (index {r['benchmark_index']:.0f}) |"
        )
    lines += ["", "## Audits that did not pass", ""]
    failing = [(r["name"], a) for r in results for a in r["failing"]]
    lines += [
        f"- {name}: {a['category']} `{a['id']}` {a['title']} ({a['value'] or a['score']})"
        for name, a in failing
    ] or ["None."]
    lines += ["", "## What the campaign page loads (en)", ""]
    campaign = next(r for r in results if r["name"] == "campaign-en")
    lines += [f"- {size / 1024:.1f} KB {url}" for url, size in campaign["requests"]]
    lines += ["", *notes, ""]
    return "\n".join(lines)


def run(artifacts=ARTIFACTS):
    """The stack up, every page warmed and measured: (results, notes)."""
    if not LIGHTHOUSE.exists():
        raise RuntimeError("Lighthouse is not installed: `make node_modules` (npm ci).")
    artifacts.mkdir(parents=True, exist_ok=True)
    notes = []
    with tempfile.TemporaryDirectory(prefix="portal-lighthouse-") as workdir:
        workdir = Path(workdir)
        env = production_env(workdir)
        notes.append(
            f"- Cache: Redis ({REDIS_URL}), cleared first."
            if "REDIS_URL" in env
            else "- Cache: the web process's memory (no Redis at LIGHTHOUSE_REDIS_URL)."
        )
        demo_seconds = prepare(env)
        notes.append(f"- `load_demo` took {demo_seconds:.1f} s, the pages' renditions included.")
        results = []
        with web_server(env, artifacts / "web.log") as port:
            slowdown = None
            for name, path in PAGES.items():
                url = f"http://127.0.0.1:{port}{path}"
                started = time.perf_counter()
                status, _body = get(url)
                notes.append(
                    f"- {name}: first request {status} in "
                    f"{(time.perf_counter() - started) * 1000:.0f} ms."
                )
                # After the first page's first request, which is timed cold above; the index
                # does not depend on the page.
                if slowdown is None:
                    index, slowdown = calibrate(url, artifacts / "calibration")
                    notes.append(
                        f"- This machine's benchmark index: {index:.0f} (median of "
                        f"{CALIBRATION_RUNS} runs); the processor slowed {slowdown:g}x "
                        "(Lighthouse's default: 4x)."
                    )
                runs = []
                for n in range(RUNS):
                    report = lighthouse(url, artifacts / f"{name}-run{n + 1}", slowdown=slowdown)
                    runs.append((report["categories"]["performance"]["score"] or 0, n, report))
                score, n, report = sorted(runs, key=lambda run: run[:2])[len(runs) // 2]
                for suffix in ("json", "html"):
                    shutil.copy(
                        artifacts / f"{name}-run{n + 1}.report.{suffix}",
                        artifacts / f"{name}.report.{suffix}",
                    )
                notes.append(
                    f"- {name}: performance in {RUNS} runs "
                    f"{', '.join(f'{run[0]:.2f}' for run in runs)}; the median kept."
                )
                results.append(summary(name, report))
    return results, notes


def main():
    # `kill` stops the run as Ctrl-C does: through the block that stops the server.
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(143))
    if not shutil.which("node"):
        sys.exit("node is missing (Debian: apt-get install nodejs npm).")
    results, notes = run()
    SUMMARY.write_text(markdown(results, notes))
    print(SUMMARY.read_text())
    if failed := problems(results):
        print("\n".join(["Lighthouse check failed:", *failed]), file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
