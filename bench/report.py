"""bench/results.md: the figures of a `make bench` run, as ratios to the raw applications and
the bare view, with the project's targets beside them (README.md, Benchmark)."""

import os
import platform
import subprocess
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results.md"


def errors(r):
    return r["status_errors"] + r["socket_errors"]


TARGETS = {
    # scenario: (description, check(result))
    "page, cached": (
        ">= 60% of raw WSGI, p99 < 10 ms",
        lambda r: r["of_raw"] >= 0.6 and r["p99_ms"] < 10,
    ),
    "page, uncached": (">= 8% of bare", lambda r: r["of_bare"] >= 0.08),
    "signatures (PostgreSQL)": (
        ">= 300/s, p99 < 150 ms, 0 errors, 0 lost",
        lambda r: (
            r["signed_per_s"] >= 300
            and r["p99_ms"] < 150
            and errors(r) + r["refused"] == 0
            and r["lost"] <= 0
        ),
    ),
    "page, cached, slow clients": (
        "p99 < 50 ms, 0 errors",
        lambda r: r["p99_ms"] < 50 and errors(r) == 0,
    ),
    "signatures, slow clients": (
        "0 errors, 0 refused, 0 lost",
        lambda r: errors(r) + r["refused"] == 0 and r["lost"] <= 0,
    ),
}


def target(figures):
    key = figures["scenario"]
    if key == "signatures":
        key = "signatures (PostgreSQL)" if figures["database"] == "PostgreSQL" else None
    if key not in TARGETS:
        return ""
    description, check = TARGETS[key]
    return f"{'PASS' if check(figures) else 'MISS'} ({description})"


def format_row(f):
    signing = "stored" in f
    cells = [
        f["database"],
        f["scenario"],
        f"{f['rps']:,.0f}",
        f"{f['p50_ms']:.1f}",
        f"{f['p99_ms']:.1f}",
        str(f["status_errors"]),
        str(f["socket_errors"]),
        f"{f['of_raw']:.0%}",
        f"{f['of_raw_asgi']:.0%}" if f["of_raw_asgi"] is not None else "",
        f"{f['of_bare']:.0%}",
        f"{f['signed_per_s']:,.0f}" if signing else "",
        f"{f['refused']} / {f['acknowledged']} / {f['stored']}" if signing else "",
        f"{max(f['lost'], 0)}" if signing else "",
        target(f),
    ]
    return "| " + " | ".join(cells) + " |"


def write_results(results, export, notes, connections, seconds, workers, export_rows, outbox):
    lines = [
        "# Benchmark results",
        "",
        f"`make bench`, {datetime.now(UTC):%Y-%m-%d %H:%M} UTC, commit {commit()}, "
        f"{machine()}. wrk on loopback, {connections} connections, {seconds} s per scenario "
        f"after a 2 s warm-up; portal/server.py (Granian), {workers} workers. "
        "README.md, Benchmark, says what the columns mean.",
        "",
        *notes,
        "",
        "| database | scenario | req/s | p50 ms | p99 ms | non-2xx/3xx | socket errors "
        "| of raw WSGI | of raw ASGI | of bare | signed/s | refused / acknowledged / stored "
        "| lost | target |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|",
        *(format_row(figures) for figures in results.values()),
        "",
        *slow_client_notes(results),
    ]
    for label, figures in outbox.items():
        verdict = "PASS" if figures["finished"] and figures["per_second"] >= 200 else "MISS"
        lines += [
            f"Outbox ({label}): one mail worker sent {figures['emails']:,} thank-yous to an SMTP "
            f"server on loopback in {figures['seconds']} s, {figures['per_second']} a second, "
            f"on one connection: {verdict} (>= 200 a second).",
            "",
        ]
    if export:
        verdict = "PASS" if export["peak_rss_mb"] < 200 and export["status"] == 200 else "MISS"
        lines += [
            f"Export of {export_rows:,} signatures to CSV (PostgreSQL, one process, the admin "
            f"view through Django's test client): {export['seconds']} s, "
            f"{export['bytes'] / 1e6:.0f} MB written in {export['lines']:,} lines, peak RSS "
            f"{export['peak_rss_mb']} MB: {verdict} (< 200 MB). "
            f"Filling the table took {export['fill_seconds']} s.",
            "",
        ]
    RESULTS.write_text("\n".join(lines))


def slow_client_notes(results):
    """What the slow clients of each database's run saw, and form tokens that ran short."""
    lines = []
    for (database, scenario), figures in results.items():
        seen = figures.get("slow_clients")
        if seen and scenario.startswith("page"):
            lines.append(
                f"- {database}, slow clients: {seen.get('peak', 0):,} connections held at "
                f"once (1,000 sending a body and 1,000 their headers, a byte a second), "
                f"{seen.get('opened', 0):,} opened in all; answers {seen.get('statuses', {})}, "
                f"{seen.get('closed', 0):,} closed unanswered (header timeout), "
                f"{seen.get('refused', 0):,} refused."
            )
        if figures.get("tokens_short"):
            lines.append(
                f"- {database}, {scenario}: {figures['tokens_short']:,} posts had no form "
                "token left (bench/signing.py: TOKENS_PER_SECOND)."
            )
    return [*lines, ""] if lines else []


def commit():
    return subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
    ).stdout.strip()


def machine():
    model = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    return f"{os.cpu_count()} cores ({model})"
