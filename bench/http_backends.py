"""The HTTP benchmarks' backends: a fresh SQLite file or PostgreSQL database, and `adtp serve` on a free port."""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from http_driver import API, PROJECT_ROOT, free_port, http, run, servers

SERVER_START_TIMEOUT_S = 60  # two workers on a busy machine take a while

# Run with the project's Python and DATABASE_URL: add partnerships (no PCTs, first region)
# until at least argv[1] partnerships have no plan, so each write connection gets its own plan.
ADD_PARTNERSHIPS = """
import sys
from sqlmodel import Session, select
from service.platform.db import create_db_engine, writing
from service.tables.plans import Partnership, Plan, Region
from service.platform.settings import get_settings

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


def start_server(
    adtp: str, env: dict[str, str], workdir: Path, *, workers: int = 1, access_log: bool = False
) -> tuple[subprocess.Popen[bytes], str, Path]:
    """`adtp serve` on a free port, in its own process group; the process, its URL once /health answers, its log."""
    port = free_port()
    server_log = workdir / f"server-{port}.log"
    command = [adtp, "serve", "--host", "127.0.0.1", "--port", str(port)]
    command += ["--workers", str(workers)] if workers > 1 else []
    command += [] if access_log else ["--no-access-log"]
    with server_log.open("wb") as out:
        proc = subprocess.Popen(
            command,
            env=env,
            cwd=PROJECT_ROOT,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group, so stopping it stops all of it
        )
    servers.append(proc)
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


def load_average() -> float:
    """The 1-minute load average: other work on the machine skews every figure."""
    return float(Path("/proc/loadavg").read_text().split()[0])
