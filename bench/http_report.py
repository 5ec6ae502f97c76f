"""The HTTP benchmark's report: targets met or missed, the console summary, and its bench/README.md section."""

from __future__ import annotations

import argparse
import datetime
import os
import platform
import re
import subprocess
from pathlib import Path
from typing import Any

from http_driver import API, PROJECT_ROOT, log
from http_wrk import WrkResult

README = Path(__file__).resolve().parent / "README.md"
SECTION_HEADING = "## HTTP: parts API"
READER_EMAIL = "planner@demo.example"  # the filled plan's partnership's planner (adtp seed-demo)
ADMIN_EMAIL = "admin@demo.example"

# Latency is judged at this many connections: at 20, Little's law rules the p99 (issue 15).
LATENCY_CONNECTIONS = 4
# Issue 15's targets: throughput relative to the bare endpoint in the same run, latency at 4 connections.
RATIO_TARGETS = {"read": 0.3, "read-304": 0.5, "write": 0.15, "task-list": 0.15, "part-page": 0.15}
P99_TARGETS_MS = {"read-c4": 10.0, "write-c4": 30.0}
# The floor of a read's latency at those connections: readiness, one `SELECT 1`, asks the database as any read must.
# Where its own p99 is above the read's limit, no read that asks the database can meet that limit on this machine.
P99_FLOORS = {"read-c4": "ready-c4"}


# --- report --------------------------------------------------------------------------------


def bare_for(results: dict[str, WrkResult], case: str) -> float:
    """The bare endpoint's requests/s a case is compared with: measured just before it, else at the run's start."""
    return results[case].bare_beside or results["health"].requests_per_s


def targets(results: dict[str, WrkResult]) -> list[tuple[str, str, bool]]:
    """Each target of issue 15 whose case was run: its name, the figure, and whether it is met."""
    found = []
    for case, target in RATIO_TARGETS.items():
        if case not in results:
            continue
        ratio = results[case].requests_per_s / bare_for(results, case)
        found.append((f"{case} ≥ {target}× bare throughput", f"{ratio:.2f}×", ratio >= target))
    for case, limit in P99_TARGETS_MS.items():
        if case not in results:
            continue
        p99 = results[case].p99_ms
        figure = f"{p99:.2f} ms"
        floor = P99_FLOORS.get(case)
        if p99 > limit and floor is not None and floor in results:
            floor_p99 = results[floor].p99_ms
            verdict = "above the limit: ruled out on this machine" if floor_p99 > limit else "within the limit"
            figure += f" (the floor, {floor}: {floor_p99:.2f} ms, {verdict})"
        found.append((f"{case} p99 ≤ {limit:.0f} ms", figure, p99 <= limit))
        for served in sorted(name for name in results if name.startswith(f"{case}-w")):
            workers = served.removeprefix(f"{case}-w")
            p99 = results[served].p99_ms
            found.append((f"{case} p99 ≤ {limit:.0f} ms, `--workers {workers}`", f"{p99:.2f} ms", p99 <= limit))
    for case in ("write", "write-c4"):
        if case not in results:
            continue
        found.append((f"{case}: no non-2xx (no 412)", str(results[case].non_2xx), results[case].non_2xx == 0))
    return found


def cpu_share(result: WrkResult) -> str:
    """The server's CPU over the run, or a dash where it was not measured."""
    return "—" if result.server_cpu_pct is None else f"{result.server_cpu_pct:.0f}%"


def print_summary(runs: list[dict[str, Any]]) -> None:
    print()
    print(f"{'backend':<11} {'case':<10} {'req/s':>9} {'p50 ms':>8} {'p99 ms':>8} {'non-2xx':>8} {'srv CPU':>8}")
    for entry in runs:
        for case, r in entry["results"].items():
            print(
                f"{entry['backend'].label:<11} {case:<10} {r.requests_per_s:>9.1f} {r.p50_ms:>8.2f} "
                f"{r.p99_ms:>8.2f} {r.non_2xx:>8} {cpu_share(r):>8}"
            )
        for case in ("ready", "read", "read-304"):
            if case not in entry["results"]:
                continue
            ratio = entry["results"][case].requests_per_s / bare_for(entry["results"], case)
            print(f"{entry['backend'].label:<11} ratio {case}/bare = {ratio:.3f}")
    print()
    for entry in runs:
        for name, value, met in targets(entry["results"]):
            print(f"{entry['backend'].label:<11} {'met   ' if met else 'MISSED'} {name}: {value}")
    print()


def machine() -> dict[str, str]:
    cpu = "unknown"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    wrk_version = subprocess.run(["wrk", "--version"], capture_output=True, text=True, timeout=10, check=False)
    return {
        "nproc": str(os.cpu_count()),
        "cpu": cpu,
        "kernel": platform.release(),
        "python": platform.python_version(),
        "wrk": (wrk_version.stdout or wrk_version.stderr).split("[")[0].strip(),
    }


def code_revision() -> str:
    """The commit benchmarked, and whether the working tree had changes (read-only git)."""
    try:
        head = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=10
        ).stdout.strip()
        # Not this README, which a run rewrites: only changes to what was measured count.
        changed = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=no", "--", ".", ":(exclude)bench/README.md"],
            cwd=PROJECT_ROOT,
            capture_output=True,
            text=True,
            timeout=10,
        ).stdout.splitlines()
    except (OSError, subprocess.TimeoutExpired):
        return "unknown"
    if not head:
        return "unknown"
    return f"`{head}`" + (f" with uncommitted changes to {len(changed)} files" if changed else "")


def readme_section(runs: list[dict[str, Any]], args: argparse.Namespace, command: str) -> str:
    m = machine()
    today = datetime.datetime.now(datetime.UTC).date().isoformat()
    doc_bytes = runs[0]["document_bytes"]
    lines = [
        SECTION_HEADING,
        "",
        "What is measured: throughput and latency of the parts API over HTTP, served the way "
        "`adtp serve` serves it (uvicorn, uvloop + httptools, 1 worker, no access log), "
        "with [wrk](https://github.com/wg/wrk) as the client on the same machine.",
        "",
        f"- **health**: `GET {API}/health`, the bare endpoint (no database, no sign-in): the ceiling of the stack.",
        f"- **ready**: `GET {API}/health/database`, readiness: one `SELECT 1` through the same session and "
        "pool as every route, no sign-in. The floor of any request that must ask the database something.",
        f"- **read**: `GET {API}/plans/1/parts/funding`, the filled demo plan's funding part, with the bearer "
        f"token of that plan's planner ({READER_EMAIL}): everything the route does (the token, its account, the "
        "plan's scope, the part's version, kept findings' key and served text in one statement, the access "
        "policy, the envelope with its ETag).",
        "- **read-304**: the same with `If-None-Match` naming the current ETag: answered 304 from the version "
        "(the same one statement: a 304 must know the current version, and that the token is still good), "
        "before routing (`api/planning/conditional_reads.py`). It can beat `health`, which takes three trips "
        "through the thread pool where the 304 takes none.",
        f"- **read-c4**, **write-c4**: read and write with {LATENCY_CONNECTIONS} connections, where latency is "
        "judged (at 20, Little's law rules the p99); **ready-c4**, readiness at as many, the floor of a read's "
        "latency there. On PostgreSQL the three again against `adtp serve --workers N`, N the cores, as production "
        'serves (README, "The process model"): **ready-c4-wN**, **read-c4-wN**, **write-c4-wN**.',
        f"- **task-list**, **part-page**: `GET /plans/1` and `GET /plans/1/strategic-summary` as {READER_EMAIL} "
        "signed in on the sign-in page (a session cookie), each a whole GOV.UK page rendered.",
        f"- **write**: `PUT {API}/plans/{{id}}/parts/funding` of the demo plan's funding document "
        f"({doc_bytes:,} bytes of JSON) with `If-Match`; every wrk connection writes its own plan "
        f"({args.write_connections} plans created with `POST {API}/plans`; writes as {ADMIN_EMAIL}, the one "
        "account that may edit them all), first GETs the part for its ETag, "
        "then takes the next ETag from each response. Run with one connection per wrk thread "
        f"(`-t{args.write_connections} -c{args.write_connections}`) so each Lua state is one connection's. "
        "Non-2xx must be 0 (a 412 would mean the ETag tracking is wrong); the driver also checks "
        "that the parts' versions advanced by exactly the number of successful PUTs.",
        "",
        f"health and read: `wrk -t{args.threads} -c{args.connections} -d{args.duration}s --latency`; "
        f"write: `-t{args.write_connections} -c{args.write_connections}`; each after a {args.warmup} s warm-up. "
        "Each case judged by its ratio to the bare endpoint comes just after a run of the bare endpoint (Bare "
        "beside), and its ratio is to that run: on a shared machine the bare endpoint itself moved by a fifth "
        "between minutes of one run. "
        "Each backend starts from a fresh database (`adtp db upgrade`, `adtp seed-demo`).",
        "",
        "Produced by (from the project root):",
        "",
        "```sh",
        command,
        "```",
        "",
        f"Machine: {m['nproc']} CPUs (`nproc`), {m['cpu']} (`/proc/cpuinfo`), Linux {m['kernel']}, "
        f"Python {m['python']}, {m['wrk']}. Client and server share the machine, so wrk takes "
        "one of the two cores the server could otherwise use. Measured " + today + "; 1-minute load average "
        "before each backend's runs (server not yet started): "
        + ", ".join(f"{e['backend'].label} {e['load_before']:.2f}" for e in runs)
        + " (anything well above 0 means other work shared the CPUs).",
        "",
        "Backends: " + "; ".join(entry["backend"].version for entry in runs) + f". Code: {code_revision()}.",
        "",
        "| Backend | Case | Requests/s | Bare beside | p50 (ms) | p99 (ms) | Non-2xx | Server CPU |",
        "|---|---|--:|--:|--:|--:|--:|--:|",
    ]
    for entry in runs:
        for case, r in entry["results"].items():
            lines.append(
                f"| {entry['backend'].label} | {case} | {r.requests_per_s:,.0f} | "
                f"{'' if r.bare_beside is None else f'{r.bare_beside:,.0f}'} | {r.p50_ms:.2f} | "
                f"{r.p99_ms:.2f} | {r.non_2xx} | {cpu_share(r)} |"
            )
    lines += [
        "",
        "The floor of a request that asks the database once (ready ÷ health): "
        + ", ".join(
            f"{e['backend'].label} {e['results']['ready'].requests_per_s / e['results']['health'].requests_per_s:.2f}×"
            for e in runs
        )
        + ".",
    ]
    lines += ["", "Write-run checks:", ""]
    lines += [
        f"- {e['backend'].label}, {case}: {check}"
        for e in runs
        for case, result in e["results"].items()
        if case.startswith("write")
        for check in result.checks
    ]
    lines += ["", "Targets:", "", "| Target | " + " | ".join(e["backend"].label for e in runs) + " |"]
    lines.append("|---|" + "---|" * len(runs))
    per_backend = [{name: (value, met) for name, value, met in targets(e["results"])} for e in runs]
    names = list(dict.fromkeys(name for judged in per_backend for name in judged))
    for name in names:
        cells = [
            f"{judged[name][0]} {'met' if judged[name][1] else '**missed**'}" if name in judged else "not measured"
            for judged in per_backend
        ]
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    lines.append("")
    return "\n".join(lines)


def write_readme(section: str) -> None:
    """Replace our section of bench/README.md (creating the file if need be), keeping the rest."""
    text = README.read_text() if README.exists() else "# Benchmarks\n"
    if not text.lstrip().startswith("# Benchmarks"):
        text = "# Benchmarks\n\n" + text
    pattern = re.compile(rf"^{re.escape(SECTION_HEADING)}\n.*?(?=^## |\Z)", re.MULTILINE | re.DOTALL)
    if pattern.search(text):
        text = pattern.sub(lambda _m: section + "\n", text, count=1)
    else:
        # First time: right after the top heading's introduction, before any other section.
        first = re.search(r"^## ", text, re.MULTILINE)
        at = first.start() if first else len(text)
        head = text[:at].rstrip("\n") + "\n\n"
        tail = text[at:]
        text = head + section + ("\n" + tail if tail else "")
    README.write_text(text.rstrip("\n") + "\n")
    log(f"wrote the '{SECTION_HEADING}' section of {README.relative_to(PROJECT_ROOT)}")
