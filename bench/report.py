"""bench/results.md: the figures of a `make bench` run, as ratios to the bare view, with the
project's targets beside them (README.md, Benchmark)."""

import os
import platform
import subprocess
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results.md"

TARGETS = {
    # scenario: (description, check(result, bare))
    "page, cached": (
        ">= 80% of bare, p99 < 25 ms",
        lambda r, bare: r["rps"] >= 0.8 * bare["rps"] and r["p99_ms"] < 25,
    ),
    "page, uncached": (">= 8% of bare", lambda r, bare: r["rps"] >= 0.08 * bare["rps"]),
    "signatures (PostgreSQL)": (
        ">= 300/s, p99 < 150 ms, 0 errors, 0 lost",
        lambda r, bare: (
            r["signed_per_s"] >= 300
            and r["p99_ms"] < 150
            and r["status_errors"] + r["socket_errors"] + r["refused"] == 0
            and r["lost"] <= 0
        ),
    ),
}


def target(figures):
    key = figures["scenario"]
    if key == "signatures":
        key = "signatures (PostgreSQL)" if figures["database"] == "PostgreSQL" else None
    if key not in TARGETS:
        return ""
    description, check = TARGETS[key]
    bare = {"rps": figures["rps"] / figures["of_bare"]}
    return f"{'PASS' if check(figures, bare) else 'MISS'} ({description})"


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
        f"{f['of_bare']:.0%}",
        f"{f['signed_per_s']:,.0f}" if signing else "",
        f"{f['refused']} / {f['acknowledged']} / {f['stored']}" if signing else "",
        f"{max(f['lost'], 0)}" if signing else "",
        target(f),
    ]
    return "| " + " | ".join(cells) + " |"


def write_results(results, export, notes, connections, seconds, workers, export_rows):
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
        "| of raw | of bare | signed/s | refused / acknowledged / stored | lost | target |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|",
        *(format_row(figures) for figures in results.values()),
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
