#!/usr/bin/env python3
"""HTTP benchmark of the parts API with wrk, on SQLite and on PostgreSQL.

For each backend: a fresh database, `adtp db upgrade`, `adtp seed-demo`, one extra plan per
write connection, then `adtp serve` (uvicorn, uvloop + httptools, one worker) and three wrk
runs of --duration seconds each (after a short warm-up):

  health  GET /api/v1/health                      the bare endpoint, no database
  read    GET /api/v1/plans/1/parts/funding       the filled demo plan's funding part
  write   PUT /api/v1/plans/{id}/parts/funding    each connection its own plan, If-Match tracked

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
import atexit
import datetime
import json
import os
import platform
import re
import secrets
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

BENCH_DIR = Path(__file__).resolve().parent
PROJECT_ROOT = BENCH_DIR.parent
WRK_DIR = BENCH_DIR / "wrk"
README = BENCH_DIR / "README.md"
SECTION_HEADING = "## HTTP: parts API"
API = "/api/v1"
READ_PLAN_ID = 1  # the filled demo plan
READER_EMAIL = "planner@demo.example"  # the filled plan's partnership's planner (adtp seed-demo)
ADMIN_EMAIL = "admin@demo.example"

# Targets (see the task): part read throughput relative to the bare endpoint, latencies in ms.
TARGET_READ_RATIO = 0.3
TARGET_READ_P99_MS = 25.0
TARGET_WRITE_P99_MS = 50.0

# Every step is bounded in time.
STEP_TIMEOUT_S = 120
SERVER_START_TIMEOUT_S = 30
SERVER_STOP_TIMEOUT_S = 10
HTTP_TIMEOUT_S = 10


def log(message: str) -> None:
    print(f"[bench] {message}", flush=True)


# --- processes -----------------------------------------------------------------------------

_servers: list[subprocess.Popen[bytes]] = []


def _stop(proc: subprocess.Popen[bytes]) -> None:
    """Stop a server we started (its own process group, by id), politely then firmly."""
    if proc.poll() is not None:
        return
    for sig, wait in ((signal.SIGTERM, SERVER_STOP_TIMEOUT_S), (signal.SIGKILL, 5)):
        try:
            os.killpg(proc.pid, sig)
        except ProcessLookupError:
            return
        try:
            proc.wait(timeout=wait)
            return
        except subprocess.TimeoutExpired:
            continue


def _stop_all() -> None:
    while _servers:
        _stop(_servers.pop())


def _on_signal(signum: int, _frame: Any) -> None:
    raise SystemExit(128 + signum)


atexit.register(_stop_all)
signal.signal(signal.SIGTERM, _on_signal)
signal.signal(signal.SIGHUP, _on_signal)


def run(cmd: list[str], *, env: dict[str, str] | None = None, timeout: float = STEP_TIMEOUT_S) -> str:
    """Run a command to completion (bounded), failing loudly with its output."""
    try:
        done = subprocess.run(
            cmd, env=env, cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=timeout, check=False
        )
    except subprocess.TimeoutExpired:
        sys.exit(f"timed out after {timeout:.0f} s: {shlex.join(cmd)}")
    if done.returncode != 0:
        sys.exit(f"failed ({done.returncode}): {shlex.join(cmd)}\n{done.stdout}{done.stderr}")
    return done.stdout


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


# --- HTTP ----------------------------------------------------------------------------------


# Authorization for the driver's own requests (set up, checks), once signed in as an administrator.
_driver_headers: dict[str, str] = {}


def http(
    method: str, url: str, body: Any = None, *, form: dict[str, str] | None = None
) -> tuple[int, dict[str, str], Any]:
    request = urllib.request.Request(url, method=method, headers=dict(_driver_headers))
    if form is not None:
        request.data = urllib.parse.urlencode(form).encode()
        request.add_header("Content-Type", "application/x-www-form-urlencoded")
    elif body is not None:
        request.data = json.dumps(body).encode()
        request.add_header("Content-Type", "application/json")
    try:
        with urllib.request.urlopen(request, timeout=HTTP_TIMEOUT_S) as response:
            raw = response.read()
            return response.status, dict(response.headers), json.loads(raw) if raw else None
    except urllib.error.HTTPError as error:
        raw = error.read()
        return error.code, dict(error.headers), json.loads(raw) if raw else None


def sign_in(base_url: str, email: str, password: str) -> str | None:
    """A bearer token from the password flow; None when the service has no sign-in (no accounts)."""
    status, _headers, payload = http("POST", f"{base_url}{API}/token", form={"username": email, "password": password})
    if status == 404:
        return None
    if status != 200:
        sys.exit(f"signing in as {email} answered {status}: {payload}")
    token: str = payload["access_token"]
    return token


def get_json(url: str) -> Any:
    status, _headers, payload = http("GET", url)
    if status != 200:
        sys.exit(f"GET {url} answered {status}: {payload}")
    return payload


# --- wrk -----------------------------------------------------------------------------------

_UNITS_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0, "h": 3_600_000.0}


def _ms(text: str) -> float:
    match = re.fullmatch(r"([\d.]+)(us|ms|s|m|h)", text.strip())
    if not match:
        raise ValueError(f"not a wrk duration: {text!r}")
    return float(match.group(1)) * _UNITS_MS[match.group(2)]


@dataclass
class WrkResult:
    case: str
    command: str
    output: str
    requests_per_s: float
    p50_ms: float
    p99_ms: float
    non_2xx: int
    socket_errors: str
    exact: dict[str, Any] = field(default_factory=dict)
    server_cpu_pct: float = 0.0
    checks: list[str] = field(default_factory=list)


def parse_wrk(case: str, command: str, output: str) -> WrkResult:
    """Figures from wrk's text report (--latency), plus the exact line our Lua prints."""

    def find(pattern: str) -> str:
        match = re.search(pattern, output, re.MULTILINE)
        if not match:
            sys.exit(f"could not find {pattern!r} in wrk output:\n{output}")
        return match.group(1)

    non_2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    sockets = re.search(r"Socket errors:\s+(.*)$", output, re.MULTILINE)
    exact_line = re.search(r"^ADTP_WRK (\{.*\})$", output, re.MULTILINE)
    return WrkResult(
        case=case,
        command=command,
        output=output,
        requests_per_s=float(find(r"Requests/sec:\s+([\d.]+)")),
        p50_ms=_ms(find(r"^\s+50%\s+(\S+)")),
        p99_ms=_ms(find(r"^\s+99%\s+(\S+)")),
        non_2xx=int(non_2xx.group(1)) if non_2xx else 0,
        socket_errors=sockets.group(1).strip() if sockets else "none",
        exact=json.loads(exact_line.group(1)) if exact_line else {},
    )


def wrk(
    base_url: str,
    path: str,
    *,
    case: str,
    script: str,
    threads: int,
    connections: int,
    duration: int,
    script_args: list[str] | None = None,
    server_pid: int | None = None,
    token: str | None = None,
) -> WrkResult:
    auth = ["-H", f"Authorization: Bearer {token}"] if token else []
    cmd = [
        "wrk",
        *auth,
        f"-t{threads}",
        f"-c{connections}",
        f"-d{duration}s",
        "--timeout",
        "10s",
        "--latency",
        "-s",
        str(WRK_DIR / script),
        base_url + path,
    ]
    if script_args:
        cmd += ["--", *script_args]
    cpu_before = cpu_seconds(server_pid) if server_pid else 0.0
    started = time.monotonic()
    output = run(cmd, timeout=duration + 60)
    elapsed = time.monotonic() - started
    shown = shlex.join(cmd).replace(str(PROJECT_ROOT) + "/", "")
    result = parse_wrk(case, shown.replace(token, "<token>") if token else shown, output)
    if server_pid:
        result.server_cpu_pct = 100.0 * (cpu_seconds(server_pid) - cpu_before) / elapsed
    return result


# --- backends ------------------------------------------------------------------------------

# Run with the project's Python and DATABASE_URL: add partnerships (no PCTs, first region)
# until at least argv[1] partnerships have no plan, so each write connection gets its own plan.
ADD_PARTNERSHIPS = """
import sys
from sqlmodel import Session, select
from service.db import create_db_engine, writing
from service.models import Partnership, Plan, Region
from service.settings import get_settings

wanted = int(sys.argv[1])
engine = create_db_engine(get_settings().database_url)
with Session(writing(engine)) as session:
    planned = set(session.exec(select(Plan.partnership_id)).all())
    free = [p for p in session.exec(select(Partnership)).all() if p.id not in planned]
    region_id = session.exec(select(Region.id).order_by(Region.id)).first()
    for n in range(1, wanted - len(free) + 1):
        session.add(Partnership(code=f"BENCH-{n:02d}", name=f"Benchmark partnership {n}", region_id=region_id))
    session.commit()
    print(max(0, wanted - len(free)))
engine.dispose()
"""


@dataclass
class Backend:
    name: str
    label: str
    url: str
    version: str


def prepare_sqlite(workdir: Path, python: str) -> Backend:
    path = workdir / "bench.sqlite3"
    version = run([python, "-c", "import sqlite3; print(sqlite3.sqlite_version)"]).strip()
    return Backend("sqlite", "SQLite", f"sqlite:///{path}", f"SQLite {version} (file, WAL)")


def prepare_postgres(args: argparse.Namespace) -> Backend:
    for tool in ("psql", "pg_isready"):
        if shutil.which(tool) is None:
            sys.exit(f"{tool} not found: install postgresql-client, or run with --backends sqlite")
    conn = ["-h", args.pg_host, "-p", str(args.pg_port), "-U", args.pg_user]
    run(["pg_isready", *conn, "-t", "10"], timeout=20)
    db = args.pg_database
    if not re.fullmatch(r"[a-z_][a-z0-9_]*", db):
        sys.exit(f"--pg-database {db!r}: use lower-case letters, digits and _")
    psql = ["psql", *conn, "-d", "postgres", "-v", "ON_ERROR_STOP=1", "-qAt"]
    run([*psql, "-c", f"DROP DATABASE IF EXISTS {db} WITH (FORCE)", "-c", f"CREATE DATABASE {db}"])
    version = run([*psql, "-c", "SHOW server_version"]).strip().split()[0]
    url = f"postgresql://{args.pg_user}@{args.pg_host}:{args.pg_port}/{db}"
    return Backend("postgres", "PostgreSQL", url, f"PostgreSQL {version} (127.0.0.1, psycopg 3)")


def drop_postgres(args: argparse.Namespace) -> None:
    conn = ["-h", args.pg_host, "-p", str(args.pg_port), "-U", args.pg_user]
    run(["psql", *conn, "-d", "postgres", "-qAt", "-c", f"DROP DATABASE IF EXISTS {args.pg_database} WITH (FORCE)"])


def start_server(adtp: str, env: dict[str, str], workdir: Path) -> tuple[subprocess.Popen[bytes], str, Path]:
    port = free_port()
    server_log = workdir / f"server-{port}.log"
    with server_log.open("wb") as out:
        proc = subprocess.Popen(
            [adtp, "serve", "--host", "127.0.0.1", "--port", str(port), "--no-access-log"],
            env=env,
            cwd=PROJECT_ROOT,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group, so stopping it stops all of it
        )
    _servers.append(proc)
    base_url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + SERVER_START_TIMEOUT_S
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            sys.exit(f"the server exited ({proc.returncode}):\n{server_log.read_text()[-3000:]}")
        try:
            if http("GET", base_url + API + "/health")[0] == 200:
                return proc, base_url, server_log
        except OSError:
            pass
        time.sleep(0.2)
    sys.exit(f"the server did not answer {API}/health within {SERVER_START_TIMEOUT_S} s:\n{server_log.read_text()}")


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


def load_average() -> float:
    """The 1-minute load average: other work on the machine skews every figure."""
    return float(Path("/proc/loadavg").read_text().split()[0])


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
    try:
        # Reads as the filled plan's own planner, writes (to 20 partnerships' plans) as an admin.
        admin = sign_in(base_url, ADMIN_EMAIL, demo_password)
        reader = sign_in(base_url, READER_EMAIL, demo_password) if admin else None
        if admin:
            _driver_headers["Authorization"] = f"Bearer {admin}"
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
        cases: list[tuple[str, str, str, dict[str, Any]]] = [
            ("health", f"{API}/health", "summary.lua", bare),
            ("read", f"{API}/plans/{READ_PLAN_ID}/parts/funding", "summary.lua", common),
            ("write", f"{API}/plans/{{id}}/parts/funding", "put_funding.lua", write_opts),
        ]
        results: dict[str, WrkResult] = {}
        for case, path, script, opts in cases:
            if args.warmup:
                wrk(base_url, path.format(id=plan_ids[0]), case=case, script=script, duration=args.warmup, **opts)
            # Let the server finish what the warm-up left in flight before measuring.
            before = settled_versions(base_url, plan_ids) if case == "write" else {}
            time.sleep(1)
            log(f"{backend.label} {case}: wrk {args.duration} s ...")
            url_path = path.format(id=plan_ids[0])
            result = wrk(base_url, url_path, case=case, script=script, duration=args.duration, **opts)
            if case == "write":
                after = settled_versions(base_url, plan_ids)
                saved = sum(after[pid] - before[pid] for pid in plan_ids)
                puts = result.exact.get("puts_2xx", -1)
                # Up to one PUT per connection was still in flight when wrk stopped: it commits
                # but wrk never sees its response.
                consistent = puts <= saved <= puts + args.write_connections
                result.checks.append(
                    f"versions advanced by {saved} over the run; wrk saw {puts} successful PUTs "
                    f"(+ at most {args.write_connections} in flight at the stop): "
                    + ("consistent" if consistent else "INCONSISTENT (lost or extra updates)")
                )
                result.checks.append(
                    f"412 responses: {result.exact.get('puts_412', '?')}, "
                    f"other non-2xx: {result.exact.get('other_non_2xx', '?')}, "
                    f"initial GETs: {result.exact.get('gets_2xx', '?')}"
                )
            results[case] = result
            log(
                f"  {result.requests_per_s:,.0f} req/s, p50 {result.p50_ms:.2f} ms, p99 {result.p99_ms:.2f} ms, "
                f"non-2xx {result.non_2xx}, server CPU {result.server_cpu_pct:.0f}%"
            )
            for check in result.checks:
                log(f"  {check}")
            for line in result.output.splitlines():
                if line.startswith("ADTP_UNEXPECTED"):
                    log(f"  {line}")
    finally:
        _stop(proc)
        _driver_headers.clear()
    server_output = server_log.read_text()
    if "Traceback" in server_output or "ERROR" in server_output:
        log(f"{backend.label}: the server logged errors:\n{server_output[-3000:]}")
    return {
        "backend": backend,
        "results": results,
        "document_bytes": document_file.stat().st_size,
        "load_before": load_before,
    }


# --- report --------------------------------------------------------------------------------


def targets(results: dict[str, WrkResult]) -> list[tuple[str, str, bool]]:
    ratio = results["read"].requests_per_s / results["health"].requests_per_s
    return [
        (f"part read ≥ {TARGET_READ_RATIO}× bare throughput", f"{ratio:.2f}×", ratio >= TARGET_READ_RATIO),
        (
            f"part read p99 < {TARGET_READ_P99_MS:.0f} ms",
            f"{results['read'].p99_ms:.2f} ms",
            results["read"].p99_ms < TARGET_READ_P99_MS,
        ),
        (
            f"write p99 < {TARGET_WRITE_P99_MS:.0f} ms",
            f"{results['write'].p99_ms:.2f} ms",
            results["write"].p99_ms < TARGET_WRITE_P99_MS,
        ),
        ("write: no non-2xx (no 412)", str(results["write"].non_2xx), results["write"].non_2xx == 0),
    ]


def print_summary(runs: list[dict[str, Any]]) -> None:
    print()
    print(f"{'backend':<11} {'case':<7} {'req/s':>9} {'p50 ms':>8} {'p99 ms':>8} {'non-2xx':>8} {'srv CPU':>8}")
    for entry in runs:
        for case, r in entry["results"].items():
            print(
                f"{entry['backend'].label:<11} {case:<7} {r.requests_per_s:>9.1f} {r.p50_ms:>8.2f} "
                f"{r.p99_ms:>8.2f} {r.non_2xx:>8} {r.server_cpu_pct:>7.0f}%"
            )
        ratio = entry["results"]["read"].requests_per_s / entry["results"]["health"].requests_per_s
        print(f"{entry['backend'].label:<11} ratio part-read/bare = {ratio:.3f}")
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
        changed = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=no"],
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
        f"- **read**: `GET {API}/plans/1/parts/funding`, the filled demo plan's funding part, with the bearer "
        f"token of that plan's planner ({READER_EMAIL}): everything the route does (token lookup, access "
        "policy, the part's SELECT, re-parse through `plan_schema`, the rules' findings, JSON envelope with ETag).",
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
        "| Backend | Case | Requests/s | p50 (ms) | p99 (ms) | Non-2xx | Server CPU |",
        "|---|---|--:|--:|--:|--:|--:|",
    ]
    for entry in runs:
        for case, r in entry["results"].items():
            lines.append(
                f"| {entry['backend'].label} | {case} | {r.requests_per_s:,.0f} | {r.p50_ms:.2f} | "
                f"{r.p99_ms:.2f} | {r.non_2xx} | {r.server_cpu_pct:.0f}% |"
            )
    lines += ["", "Write-run checks:", ""]
    lines += [f"- {e['backend'].label}: {check}" for e in runs for check in e["results"]["write"].checks]
    lines += ["", "Targets:", "", "| Target | " + " | ".join(e["backend"].label for e in runs) + " |"]
    lines.append("|---|" + "---|" * len(runs))
    per_backend = [targets(e["results"]) for e in runs]
    for index, (name, _value, _met) in enumerate(per_backend[0]):
        cells = [f"{t[index][1]} {'met' if t[index][2] else '**missed**'}" for t in per_backend]
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
        _stop_all()
        if args.keep:
            log(f"kept {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)

    print_summary(runs)
    if not args.no_readme:
        command = ".venv/bin/python bench/http_parts.py" + "".join(f" {shlex.quote(a)}" for a in sys.argv[1:])
        write_readme(readme_section(runs, args, command))
    return 0


if __name__ == "__main__":
    sys.exit(main())
