#!/usr/bin/env python3
"""HTTP benchmark of the parts API with wrk, on SQLite and on PostgreSQL.

For each backend: a fresh database, `adtp db upgrade`, `adtp seed-demo`, one extra plan per
write connection, then `adtp serve` (uvicorn, uvloop + httptools, one worker) and a wrk run of
--duration seconds (after a short warm-up) for each case of CASES: the bare endpoint, readiness,
a part's read (also answered 304), its write (each connection its own plan, If-Match tracked),
the same at 4 connections where latency is judged, the task list and a part page. Each case judged
by its ratio to the bare endpoint follows a run of the bare endpoint. On PostgreSQL the latency
cases run again against `adtp serve --workers N`, N the cores, as production serves.

It prints requests/s, p50, p99 and non-2xx counts per case, checks the targets and rewrites
the "## HTTP: parts API" section of bench/README.md (other sections are left alone).

Run from the project root with the project's virtualenv:

    .venv/bin/python bench/http_parts.py                # both backends, 10 s per case
    .venv/bin/python bench/http_parts.py --backends sqlite --duration 5 --no-readme

Needs wrk (Debian: apt-get update && apt-get install -y wrk) and, for PostgreSQL, a server
at 127.0.0.1:5432 that lets user postgres in without a password (psql on PATH).
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import shlex
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from http_backends import (
    ADD_PARTNERSHIPS,
    Backend,
    drop_postgres,
    load_average,
    prepare_postgres,
    prepare_sqlite,
    start_server,
)
from http_driver import (
    API,
    PROJECT_ROOT,
    driver_headers,
    get_json,
    http,
    log,
    run,
    sign_in,
    sign_in_page,
    stop,
    stop_all,
)
from http_report import (
    ADMIN_EMAIL,
    LATENCY_CONNECTIONS,
    RATIO_TARGETS,
    READER_EMAIL,
    print_summary,
    readme_section,
    write_readme,
)
from http_wrk import WrkResult, wrk

READ_PLAN_ID = 1  # the filled demo plan
# Production runs a worker per core on PostgreSQL (README, "The process model"): the latency cases are measured
# so too, after the one-worker runs every ratio is judged by.
PRODUCTION_WORKERS = os.cpu_count() or 1
LATENCY_CASES = ("ready-c4", "read-c4", "write-c4")


def create_write_plans(base_url: str, count: int) -> list[int]:
    """POST /api/v1/plans for `count` partnerships that have no plan yet; their plan ids."""
    cycle_id = get_json(f"{base_url}{API}/plans/{READ_PLAN_ID}")["cycle"]["id"]
    planned = {plan["partnership"]["id"] for plan in get_json(f"{base_url}{API}/plans?page_size=100")["items"]}
    partnerships = [p["id"] for p in get_json(f"{base_url}{API}/partnerships?page_size=100")["items"]]
    free = [pid for pid in partnerships if pid not in planned][:count]
    if len(free) < count:
        sys.exit(f"only {len(free)} partnerships without a plan; {count} needed")
    plan_ids = []
    for partnership_id in free:
        status, _headers, payload = http(
            "POST", f"{base_url}{API}/plans", {"partnership_id": partnership_id, "cycle_id": cycle_id}
        )
        if status != 201:
            sys.exit(f"POST {API}/plans answered {status}: {payload}")
        plan_ids.append(payload["id"])
    return plan_ids


def funding_versions(base_url: str, plan_ids: list[int]) -> dict[int, int]:
    return {pid: get_json(f"{base_url}{API}/plans/{pid}/parts/funding")["version"] for pid in plan_ids}


def settled_versions(base_url: str, plan_ids: list[int], timeout: float = 30.0) -> dict[int, int]:
    """Versions once the server has finished what wrk left in flight when it stopped.

    wrk exits with up to one request per connection still being served; those PUTs still
    commit. Reading versions (or starting the next run) before they do would count them on
    the wrong side, and a run that GETs an ETag before a leftover PUT commits would get 412s.
    """
    deadline = time.monotonic() + timeout
    versions = funding_versions(base_url, plan_ids)
    unchanged = 0
    while time.monotonic() < deadline:
        time.sleep(1.0)
        again = funding_versions(base_url, plan_ids)
        unchanged = unchanged + 1 if again == versions else 0
        if unchanged == 2:
            return versions
        versions = again
    sys.exit(f"the write plans' versions were still changing {timeout:.0f} s after wrk stopped")


def measure(
    backend: Backend,
    base_url: str,
    case: str,
    path: str,
    script: str,
    opts: dict[str, Any],
    plan_ids: list[int],
    args: argparse.Namespace,
) -> WrkResult:
    """One case: a warm-up, then wrk for --duration seconds; a write's versions checked against its PUTs."""
    if args.warmup:
        wrk(base_url, path.format(id=plan_ids[0]), case=case, script=script, duration=args.warmup, **opts)
    # Let the server finish what the warm-up left in flight before measuring.
    before = settled_versions(base_url, plan_ids) if case.startswith("write") else {}
    time.sleep(1)
    log(f"{backend.label} {case}: wrk {args.duration} s ...")
    url_path = path.format(id=plan_ids[0])
    result = wrk(base_url, url_path, case=case, script=script, duration=args.duration, **opts)
    if case.startswith("write"):
        after = settled_versions(base_url, plan_ids)
        saved = sum(after[pid] - before[pid] for pid in plan_ids)
        puts = result.exact.get("puts_2xx", -1)
        # Up to one PUT per connection was still in flight when wrk stopped: it commits
        # but wrk never sees its response.
        consistent = puts <= saved <= puts + opts["connections"]
        result.checks.append(
            f"versions advanced by {saved} over the run; wrk saw {puts} successful PUTs "
            f"(+ at most {opts['connections']} in flight at the stop): "
            + ("consistent" if consistent else "INCONSISTENT (lost or extra updates)")
        )
        result.checks.append(
            f"412 responses: {result.exact.get('puts_412', '?')}, "
            f"other non-2xx: {result.exact.get('other_non_2xx', '?')}, "
            f"initial GETs: {result.exact.get('gets_2xx', '?')}"
        )
    cpu = "" if result.server_cpu_pct is None else f", server CPU {result.server_cpu_pct:.0f}%"
    log(
        f"  {result.requests_per_s:,.0f} req/s, p50 {result.p50_ms:.2f} ms, p99 {result.p99_ms:.2f} ms, "
        f"non-2xx {result.non_2xx}{cpu}"
    )
    for check in result.checks:
        log(f"  {check}")
    for line in result.output.splitlines():
        if line.startswith("ADTP_UNEXPECTED"):
            log(f"  {line}")
    return result


def bench_backend(backend: Backend, args: argparse.Namespace, tools: dict[str, str], workdir: Path) -> dict[str, Any]:
    log(f"{backend.label}: {backend.url}")
    load_before = load_average()
    if load_before > 0.5:
        log(f"warning: the machine is busy (load average {load_before:.2f}); the figures will be lower and noisier")
    env = {k: v for k, v in os.environ.items() if not k.startswith("ADTP_")}
    env["DATABASE_URL"] = backend.url
    env["ADTP_ENVIRONMENT"] = "development"
    demo_password = secrets.token_urlsafe(16)  # the demo accounts' password, this run only
    env["ADTP_DEMO_PASSWORD"] = demo_password
    run([tools["adtp"], "db", "upgrade"], env=env)
    log(run([tools["adtp"], "seed-demo"], env=env).strip())
    added = run([tools["python"], "-c", ADD_PARTNERSHIPS, str(args.write_connections)], env=env).strip()
    log(f"added {added} partnerships so each write connection has a plan of its own")

    proc, base_url, server_log = start_server(tools["adtp"], env, workdir)
    logs: list[Path] = []  # of servers stopped before the last
    try:
        # Reads as the filled plan's own planner, writes (to 20 partnerships' plans) as an admin.
        admin = sign_in(base_url, ADMIN_EMAIL, demo_password)
        reader = sign_in(base_url, READER_EMAIL, demo_password) if admin else None
        if admin:
            driver_headers["Authorization"] = f"Bearer {admin}"
        log("signed in: reads as " + READER_EMAIL + ", writes as " + ADMIN_EMAIL if admin else "no sign-in route")
        read_part = get_json(f"{base_url}{API}/plans/{READ_PLAN_ID}/parts/funding")
        if read_part["version"] < 2:
            sys.exit(f"plan {READ_PLAN_ID} is not the filled demo plan (funding at version {read_part['version']})")
        document_file = workdir / f"funding-{backend.name}.json"
        document_file.write_text(json.dumps(read_part["document"], ensure_ascii=False, separators=(",", ":")))
        plan_ids = create_write_plans(base_url, args.write_connections)
        log(f"write plans: {plan_ids}; funding document {document_file.stat().st_size} bytes")

        bare = {"threads": args.threads, "connections": args.connections, "server_pid": proc.pid}
        common = {**bare, "token": reader}
        write_opts = {
            "token": admin,
            "threads": args.write_connections,
            "connections": args.write_connections,
            "script_args": [str(document_file), ",".join(map(str, plan_ids))],
            "server_pid": proc.pid,
        }
        read_path = f"{API}/plans/{READ_PLAN_ID}/parts/funding"
        cookie = sign_in_page(base_url, READER_EMAIL, demo_password)
        pages = {**bare, "headers": {"Cookie": cookie}}
        four = {"threads": 1, "connections": LATENCY_CONNECTIONS, "server_pid": proc.pid}
        write_four = {
            **write_opts,
            "threads": LATENCY_CONNECTIONS,
            "connections": LATENCY_CONNECTIONS,
            "script_args": [str(document_file), ",".join(map(str, plan_ids[:LATENCY_CONNECTIONS]))],
        }
        current_tag = f'"funding-{read_part["version"]}"'
        cases: list[tuple[str, str, str, dict[str, Any]]] = [
            ("health", f"{API}/health", "summary.lua", bare),
            ("ready", f"{API}/health/database", "summary.lua", bare),
            ("read", read_path, "summary.lua", common),
            ("read-304", read_path, "summary.lua", {**common, "headers": {"If-None-Match": current_tag}}),
            ("write", f"{API}/plans/{{id}}/parts/funding", "put_funding.lua", write_opts),
            ("ready-c4", f"{API}/health/database", "summary.lua", four),
            ("read-c4", read_path, "summary.lua", {**four, "token": reader}),
            ("write-c4", f"{API}/plans/{{id}}/parts/funding", "put_funding.lua", write_four),
            ("task-list", f"/plans/{READ_PLAN_ID}", "summary.lua", pages),
            ("part-page", f"/plans/{READ_PLAN_ID}/strategic-summary", "summary.lua", pages),
        ]
        if [name for name, *_ in cases] != list(CASES):  # --cases is checked against CASES before any run
            sys.exit(f"CASES {CASES} no longer names the cases run, in order")
        # The bare endpoint always: every ratio is to it.
        cases = [entry for entry in cases if entry[0] == "health" or not args.cases or entry[0] in args.cases]
        results: dict[str, WrkResult] = {}
        health = cases[0]  # always run, first
        for case, path, script, opts in cases:
            beside = None
            if case in RATIO_TARGETS:
                # The bare endpoint again just before: a ratio compares two moments alike. On a shared machine the
                # bare endpoint itself moved by a fifth between minutes of one run.
                beside = measure(backend, base_url, *health, plan_ids, args)
            results[case] = measure(backend, base_url, case, path, script, opts, plan_ids, args)
            results[case].bare_beside = None if beside is None else beside.requests_per_s
        if backend.name == "postgres" and PRODUCTION_WORKERS > 1:
            # The latency cases again, served as production serves (README: `adtp serve --workers N`, N the cores).
            stop(proc)
            logs.append(server_log)
            proc, base_url, server_log = start_server(tools["adtp"], env, workdir, workers=PRODUCTION_WORKERS)
            for case, path, script, opts in cases:
                if case in LATENCY_CASES:
                    served = {**opts, "server_pid": None}  # its workers' CPU is not the parent's
                    name = f"{case}-w{PRODUCTION_WORKERS}"
                    results[name] = measure(backend, base_url, name, path, script, served, plan_ids, args)
    finally:
        stop(proc)
        driver_headers.clear()
    for each_log in [*logs, server_log]:
        server_output = each_log.read_text()
        if "Traceback" in server_output or "ERROR" in server_output:
            log(f"{backend.label}: the server logged errors:\n{server_output[-3000:]}")
    return {
        "backend": backend,
        "results": results,
        "document_bytes": document_file.stat().st_size,
        "load_before": load_before,
    }


CASES = (
    "health",
    "ready",
    "read",
    "read-304",
    "write",
    "ready-c4",
    "read-c4",
    "write-c4",
    "task-list",
    "part-page",
)


# --- main ----------------------------------------------------------------------------------


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--backends", default="sqlite,postgres", help="comma-separated: sqlite, postgres")
    parser.add_argument("--duration", type=int, default=10, help="seconds per measured wrk run")
    parser.add_argument("--warmup", type=int, default=2, help="seconds of warm-up before each run (0: none)")
    parser.add_argument("--threads", type=int, default=2, help="wrk threads for health and read")
    parser.add_argument("--connections", type=int, default=20, help="wrk connections for health and read")
    parser.add_argument("--write-connections", type=int, default=20, help="connections (= threads, = plans) for write")
    parser.add_argument("--pg-host", default="127.0.0.1")
    parser.add_argument("--pg-port", type=int, default=5432)
    parser.add_argument("--pg-user", default="postgres")
    parser.add_argument("--pg-database", default="adtp_bench", help="dropped and created afresh")
    parser.add_argument("--adtp", help="the adtp command to benchmark (default: .venv/bin/adtp)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory and the database")
    parser.add_argument("--no-readme", action="store_true", help="do not touch bench/README.md")
    parser.add_argument(
        "--cases",
        type=lambda text: [case.strip() for case in text.split(",") if case.strip()],
        default=[],
        help="comma-separated cases to run besides health, such as write,write-c4 (implies --no-readme)",
    )
    args = parser.parse_args()

    if shutil.which("wrk") is None:
        print("wrk not found. Install it with:  apt-get update && apt-get install -y wrk", file=sys.stderr)
        return 2
    venv_bin = PROJECT_ROOT / ".venv" / "bin"
    adtp = args.adtp or (str(venv_bin / "adtp") if (venv_bin / "adtp").exists() else shutil.which("adtp"))
    python = str(venv_bin / "python") if (venv_bin / "python").exists() else sys.executable
    if adtp is None:
        print("adtp not found: pip install -e . into .venv first", file=sys.stderr)
        return 2
    tools = {"adtp": adtp, "python": python}
    backends = [name.strip() for name in args.backends.split(",") if name.strip()]
    unknown = set(backends) - {"sqlite", "postgres"}
    if unknown or not backends:
        parser.error(f"--backends: unknown {sorted(unknown)}")
    if unknown_cases := set(args.cases) - set(CASES):
        parser.error(f"--cases: unknown {sorted(unknown_cases)}; the cases are {', '.join(CASES)}")

    workdir = Path(tempfile.mkdtemp(prefix="adtp-bench-"))
    runs = []
    try:
        for name in backends:
            backend = prepare_sqlite(workdir, python) if name == "sqlite" else prepare_postgres(args)
            try:
                runs.append(bench_backend(backend, args, tools, workdir))
            finally:
                if name == "postgres" and not args.keep:
                    drop_postgres(args)
    finally:
        stop_all()
        if args.keep:
            log(f"kept {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)

    print_summary(runs)
    if not args.no_readme and not args.cases:  # the README's table is of every case
        command = ".venv/bin/python bench/http_parts.py" + "".join(f" {shlex.quote(a)}" for a in sys.argv[1:])
        write_readme(readme_section(runs, args, command))
    return 0


if __name__ == "__main__":
    sys.exit(main())
