#!/usr/bin/env python3
"""What a database statement costs a served request, on this machine and this stack: the floor under issue 15.

A page or a write of the service makes a number of statements. This benchmark serves a minimal application built
from the service's own pieces (its engine settings and session factory, its admission of no more requests at once
than the pool has connections for; uvicorn with uvloop and httptools, one worker, no access log, as `adtp serve`)
whose routes do nothing but statements, and measures each with wrk at 20 connections as bench/http_parts.py
measures the service:

  GET  /api/v1/health      nothing, at the service's path for its bare endpoint, without the service's middleware
  GET  /floor/read/{k}     a sync route (one trip through the thread pool) opening a reading session
                           (db.reading: each statement commits on its own), k × SELECT 1
  GET  /floor/serial/{k}   the read route, one request at a time through a lock: what handing the GIL between the pool's
                           threads adds
  GET  /floor/loop/{k}     the same sync session called from a coroutine, on the event loop (no thread), as the
                           service's read dependencies run (deps.database_work)
  GET  /floor/page/{k}     as a page of the service makes them: one statement on the event loop (the caller's, as
                           deps.database_work runs it), then k in a pool thread on the same session and connection
  GET  /floor/async/{k}    PostgreSQL only: k × SELECT 1 through SQLAlchemy's asyncio engine and psycopg's
                           asynchronous connection, on the event loop (no thread)
  POST /floor/write/{k}    a writing session: one UPDATE of a scratch row, k − 1 × SELECT 1, COMMIT
  POST /floor/save/{k}     as a write of the service makes them: one statement in a pool thread (the caller's), the
                           UPDATE and k − 2 more in a second trip, the COMMIT in a third

The slope of served time a request against k is what one statement costs under load. A request cannot cost less
than the bare route plus what its statements cost, whatever else it does.

    .venv/bin/python bench/request_floor.py                           # both backends, 10 s a case
    .venv/bin/python bench/request_floor.py --backends postgres --duration 5 --cases read,async

It prints a table and the fitted costs; bench/README.md quotes them (this script does not rewrite it). Needs wrk and,
for PostgreSQL, psql and a server at 127.0.0.1:5432 that lets user postgres in without a password.
"""

from __future__ import annotations

import argparse
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import uvicorn
from fastapi import FastAPI
from http_driver import PROJECT_ROOT, free_port, log, servers, stop
from http_wrk import wrk
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine
from sqlmodel import Session
from starlette.concurrency import run_in_threadpool

from service.platform.admission import Admission
from service.platform.db import MAX_OVERFLOW, POOL_SIZE, create_db_engine, is_sqlite, normalise_url, session_factory

STATEMENTS = {
    "read": (0, 1, 2, 4, 8),
    "loop": (0, 1, 2, 4, 8),
    "page": (0, 1, 2, 4, 8),
    "serial": (0, 1, 2, 4, 8),
    "async": (0, 1, 2, 4, 8),
    "write": (1, 2, 4, 8),
    "save": (2, 4, 8),
}
BARE = "/api/v1/health"  # the service's bare endpoint's path, which admission lets through
SCRATCH_ROWS = 1000  # writers pick a row at random: two rarely wait for the same one
CONNECTIONS = 20
THREADS = 2


@dataclass(frozen=True)
class Row:
    case: str
    statements: int
    requests_per_s: float
    server_cpu_pct: float

    @property
    def ms(self) -> float:
        """Served time a request at CONNECTIONS connections (the server's CPU says whether it was busy or waiting)."""
        return 1000.0 / self.requests_per_s


def build_app(database_url: str) -> FastAPI:
    """The floor application: the service's engine and sessions, and routes that only make statements."""
    engine = create_db_engine(database_url)
    open_session = session_factory(engine)
    with engine.begin() as connection:
        connection.execute(text("DROP TABLE IF EXISTS floor_scratch"))
        connection.execute(text("CREATE TABLE floor_scratch (id INTEGER PRIMARY KEY, n INTEGER NOT NULL)"))
        connection.execute(
            text("INSERT INTO floor_scratch (id, n) VALUES (:id, 0)"), [{"id": i} for i in range(SCRATCH_ROWS)]
        )
    ask, bump = text("SELECT 1"), text("UPDATE floor_scratch SET n = n + 1 WHERE id = :id")

    def _asked(session: Session, k: int) -> None:
        for _ in range(k):
            session.connection().execute(ask).scalar_one()

    def _bumped(session: Session, k: int) -> None:
        session.connection().execute(bump, {"id": random.randrange(SCRATCH_ROWS)})
        _asked(session, k - 1)

    one_at_a_time = threading.Lock()
    app = FastAPI(openapi_url=None, docs_url=None, redoc_url=None)
    # As the service: no more requests at once than the pool has connections for (a page's statement on the loop
    # would otherwise wait for a connection that only the loop can give back); the bare route, at the service's
    # health path, is let through as the service lets its own through.
    app.add_middleware(Admission, limit=POOL_SIZE)

    @app.get(BARE)
    def bare() -> dict[str, str]:
        return {"status": "ok"}

    @app.get("/floor/read/{k}")
    def read(k: int) -> dict[str, int]:
        with open_session(writes=False) as session:
            _asked(session, k)
        return {"statements": k}

    @app.get("/floor/serial/{k}")
    def serial(k: int) -> dict[str, int]:
        with one_at_a_time:
            return read(k)

    @app.get("/floor/loop/{k}")
    async def on_loop(k: int) -> dict[str, int]:
        # As the service's read dependencies run (deps.database_work): blocking the loop for each round trip.
        return read(k)

    @app.get("/floor/page/{k}")
    async def page(k: int) -> dict[str, int]:
        # As a page of the service: the caller's statement on the loop (deps.database_work), then the route's k in a
        # pool thread, on the same session and connection.
        with open_session(writes=False) as session:
            session.connection().execute(ask).scalar_one()
            await run_in_threadpool(_asked, session, k)
        return {"statements": k}

    @app.post("/floor/save/{k}")
    async def save(k: int) -> dict[str, int]:
        # As a write of the service: the caller's statement in a pool thread (it may wait for SQLite's write lock),
        # the route's UPDATE and the rest in another, the commit in a third (deps.request_session).
        with open_session(writes=True) as session:
            await run_in_threadpool(_asked, session, 1)
            await run_in_threadpool(_bumped, session, k - 1)
            await run_in_threadpool(session.commit)
        return {"statements": k}

    @app.post("/floor/write/{k}")
    def write(k: int) -> dict[str, int]:
        with open_session(writes=True) as session:
            _bumped(session, k)
            session.commit()
        return {"statements": k}

    if not is_sqlite(database_url):
        # The same pool size, autocommit as db.reading, but psycopg's asynchronous connection on the event loop.
        async_engine = create_async_engine(
            normalise_url(database_url), pool_size=POOL_SIZE, max_overflow=MAX_OVERFLOW, isolation_level="AUTOCOMMIT"
        )

        @app.get("/floor/async/{k}")
        async def read_async(k: int) -> dict[str, int]:
            async with async_engine.connect() as connection:
                for _ in range(k):
                    (await connection.execute(ask)).scalar_one()
            return {"statements": k}

    return app


def serve(database_url: str, port: int) -> None:
    app = build_app(database_url)
    uvicorn.run(
        app, host="127.0.0.1", port=port, loop="uvloop", http="httptools", access_log=False, log_level="warning"
    )


def start(database_url: str) -> tuple[subprocess.Popen[bytes], str]:
    """The floor application served in a process of its own, and its base URL once it answers."""
    port = free_port()
    command = [sys.executable, __file__, "--serve", database_url, "--port", str(port)]
    proc = subprocess.Popen(command, cwd=PROJECT_ROOT, start_new_session=True)
    servers.append(proc)
    for _ in range(300):
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}{BARE}", timeout=1):
                return proc, f"http://127.0.0.1:{port}"
        except OSError:
            if proc.poll() is not None:
                sys.exit(f"the floor server exited ({proc.returncode})")
            time.sleep(0.1)
    sys.exit("the floor server did not start")


def measure(pid: int, base_url: str, label: str, cases: list[str], duration: int) -> list[Row]:
    """Every case asked for at every number of statements, the bare route first."""
    runs = [("bare", 0, BARE, "summary.lua")]
    for case in cases:
        method_script = "post_empty.lua" if case in ("write", "save") else "summary.lua"
        runs += [(case, k, f"/floor/{case}/{k}", method_script) for k in STATEMENTS[case]]
    rows = []
    for case, k, path, script in runs:
        options: dict[str, Any] = {"threads": THREADS, "connections": CONNECTIONS, "server_pid": pid}
        wrk(base_url, path, case=case, script=script, duration=2, **options)  # warm-up
        result = wrk(base_url, path, case=case, script=script, duration=duration, **options)
        if result.non_2xx or result.socket_errors != "none":
            sys.exit(f"{label} {path}: non-2xx {result.non_2xx}, socket errors {result.socket_errors}")
        row = Row(case, k, result.requests_per_s, result.server_cpu_pct or 0.0)
        rows.append(row)
        log(f"{label} {case} k={k}: {row.requests_per_s:,.0f} req/s, {row.ms:.3f} ms, CPU {row.server_cpu_pct:.0f}%")
    return rows


def fitted(rows: list[Row], case: str) -> tuple[float, float] | None:
    """Least squares over k ≥ 1: (ms a statement, ms of a request of one statement less than the first)."""
    points = [(row.statements, row.ms) for row in rows if row.case == case and row.statements >= 1]
    if len(points) < 2:
        return None
    fit = statistics.linear_regression([k for k, _ in points], [ms for _, ms in points])
    return fit.slope, fit.intercept


def postgres(url: str, *statements: str) -> None:
    """Statements about the floor's database, run in the server's `postgres` database."""
    server = url.rsplit("/", 1)[0]
    for statement in statements:
        subprocess.run(["psql", f"{server}/postgres", "-qc", statement], check=True, capture_output=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--backends", default="sqlite,postgres")
    parser.add_argument("--cases", default="read,loop,page,serial,async,write,save")
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--pg-url", default="postgresql://postgres@127.0.0.1:5432/adtp_floor")
    parser.add_argument("--serve", help=argparse.SUPPRESS)
    parser.add_argument("--port", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        serve(args.serve, args.port)
        return 0
    backends = args.backends.split(",")
    if not set(backends) <= {"sqlite", "postgres"}:
        parser.error(f"--backends {args.backends!r}: name sqlite, postgres or both, comma-separated")
    report: list[tuple[str, float, list[Row]]] = []
    with tempfile.TemporaryDirectory() as workdir:
        for backend in backends:
            if backend == "sqlite":
                label, url = "SQLite", f"sqlite:///{workdir}/floor.sqlite3"
            else:
                label, url = "PostgreSQL", args.pg_url
                database = url.rsplit("/", 1)[1]
                postgres(url, f"DROP DATABASE IF EXISTS {database} WITH (FORCE)", f"CREATE DATABASE {database}")
            cases = [c for c in args.cases.split(",") if not (c == "async" and backend == "sqlite")]
            load = float(Path("/proc/loadavg").read_text().split()[0])
            log(f"{label}: 1-minute load average {load:.2f}")
            proc, base_url = start(url)
            try:
                report.append((label, load, measure(proc.pid, base_url, label, cases, args.duration)))
            finally:
                stop(proc)
                if backend != "sqlite":
                    postgres(url, f"DROP DATABASE IF EXISTS {url.rsplit('/', 1)[1]} WITH (FORCE)")
    print()
    print("| Backend | Route | Statements | Requests/s | ms a request | Server CPU |")
    print("|---|---|--:|--:|--:|--:|")
    for label, _load, rows in report:
        for row in rows:
            figures = f"{row.requests_per_s:,.0f} | {row.ms:.3f} | {row.server_cpu_pct:.0f}%"
            print(f"| {label} | {row.case} | {row.statements} | {figures} |")
    print()
    for label, load, rows in report:
        costs = [f"bare {rows[0].ms:.3f} ms"]
        for case in STATEMENTS:
            fit = fitted(rows, case)
            if fit is not None:
                costs.append(f"{case}: {fit[0]:.3f} ms a statement (+{fit[1] - rows[0].ms:.3f} ms besides)")
        print(f"{label} (load {load:.2f}): " + "; ".join(costs))
    return 0


if __name__ == "__main__":
    sys.exit(main())
