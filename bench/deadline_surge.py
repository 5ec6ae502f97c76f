#!/usr/bin/env python3
"""Deadline-day surge (issue 15): 150 partnerships × 3 users saving and submitting at once, on PostgreSQL.

Setup (not timed): drop and create the database, `adtp db upgrade`, `adtp seed-demo`, then
bench/surge_setup.py adds a region of --partnerships partnerships, each with a filled plan in the demo's
current cycle (self-audit attached) and three users: two planners and a finance officer. Then
`adtp serve --workers N` starts with ADTP_ENVIRONMENT=production (the README's production process model;
the bearer tokens used here work over plain http, only the cookies would insist on https), and every user
signs in once (POST /api/v1/token) before the clock starts.

Load (timed, --duration s, no think time): one task per user, each with its own httpx.AsyncClient and
one connection (as one browser would), loops: read a page (the task list GET /plans/{id}, or the part's
own page, in turn; pages accept the bearer token), GET its part via the API for the ETag, PUT it back
changed with If-Match. Planners change a Part 1 text field, so the two planners of a partnership race:
412 is expected (re-read and retry). Finance changes a Part 4 figure (previous year's "other"). Each
planner submits the initial stage once, at a random moment; the second planner's 409 is expected. Once
submitted, Parts 1 and 4 are frozen (409 plan-locked, expected): planners move on to Part 2, finance
only reads. At the deadline no new request starts and those in flight are awaited, so counts are exact.
No retries on a failed connection: after a 500 uvicorn closes the connection, so a ReadError usually
follows a 500 on the same user's connection (the server log shows the 500's traceback).

Checks (exit 1 if any fails): no error (5xx, connection errors, timeouts, any other status); each part's
version advanced by exactly the 200 PUTs the clients counted on it; one initial submission per plan;
no frozen part changed after its submission's snapshot (a save racing the submission).

    .venv/bin/python bench/deadline_surge.py                       # 150 × 3 users, 60 s, 2 workers
    .venv/bin/python bench/deadline_surge.py --duration 15 --workers 2 --partnerships 150

Options: --duration, --workers, --partnerships, --environment, --seed, --timeout, --access-log, --keep,
--pg-host/--pg-port/--pg-user/--pg-database (default adtp_surge). Needs psql and PostgreSQL at 127.0.0.1.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import random
import secrets
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx
from http_backends import drop_postgres, load_average, prepare_postgres, start_server
from http_driver import API, PROJECT_ROOT, log, run, servers, stop
from surge_report import Stats, print_report

SIGN_IN_CONCURRENCY = 8  # Argon2 takes ~0.1 s of CPU a sign-in; more at once only queues in the server
PART1, PART2, PART4 = "strategic-summary", "targets", "funding"
EXPECTED_SUBMIT = {201, 409}


class User:
    """One simulated person: who they are, their plan, and what they are editing now."""

    def __init__(self, email: str, role: str, plan_id: int, submits: bool) -> None:
        self.email, self.role, self.plan_id, self.submits = email, role, plan_id, submits
        self.tag = email.split("@")[0]
        self.part = PART4 if role == "finance" else PART1
        self.token = ""
        self.saves = 0
        self.reads_only = False  # finance, once Part 4 is frozen: nothing left it may change
        self.submit_at = float("inf")


def changed(user: User, document: dict[str, Any]) -> dict[str, Any]:
    """The document with a small change of this user's: a Part 1 text, a Part 2 note or a Part 4 figure."""
    user.saves += 1
    mark = f"[surge {user.tag} #{user.saves}]"
    if user.part == PART1:
        text = document["priorities_for_next_year"].split(" [surge ")[0]
        document["priorities_for_next_year"] = f"{text} {mark}"
    elif user.part == PART2:
        document["primary_care"][0]["notes"] = mark
    else:
        pounds = document["table_1"][0]["other"].split(".")[0]
        document["table_1"][0]["other"] = f"{pounds}.{user.saves % 100:02d}"
    return document


def is_frozen(answer: httpx.Response) -> bool:
    """A 409 saying the part awaits the panel (workflow.PlanLocked): expected once the plan is submitted."""
    try:
        body = answer.json()
    except ValueError:
        return False
    return answer.status_code == 409 and body.get("reason") == "awaiting-panel-assessment"


async def call(
    client: httpx.AsyncClient, stats: Stats, kind: str, method: str, url: str, **kwargs: Any
) -> httpx.Response | None:
    """One timed request, counted by kind and status; None (an error, counted) if the connection failed."""
    started = time.perf_counter()
    try:
        answer = await client.request(method, url, **kwargs)
    except httpx.HTTPError as failed:
        stats.record(kind, type(failed).__name__, time.perf_counter() - started, repr(failed))
        return None
    stats.record(kind, answer.status_code, time.perf_counter() - started)
    return answer


async def save(user: User, client: httpx.AsyncClient, stats: Stats, deadline: float) -> None:
    """GET the part, PUT it back changed with If-Match; on 412 read again and retry, until saved or frozen."""
    while time.monotonic() < deadline:
        url = f"{API}/plans/{user.plan_id}/parts/{user.part}"
        read = await call(client, stats, "get_part", "GET", url)
        if read is not None and read.status_code != 200:
            stats.unexpected("get_part", read.status_code, read.text)
        if read is None or read.status_code != 200 or time.monotonic() >= deadline or user.reads_only:
            return
        etag = read.headers["ETag"]
        body = changed(user, read.json()["document"])
        answer = await call(client, stats, "save", "PUT", url, json=body, headers={"If-Match": etag})
        if answer is None:
            return
        if answer.status_code == 200:
            stats.saved(user.plan_id, user.part)
            return
        if is_frozen(answer):
            stats.unexpected("save", 409, answer.text, expected=True)
            user.part, user.reads_only = (PART2, False) if user.role == "planner" else (user.part, True)
            return
        if answer.status_code != 412:
            stats.unexpected("save", answer.status_code, answer.text)
            return


async def submit(user: User, client: httpx.AsyncClient, stats: Stats) -> None:
    """The initial submission: 201 for the first planner, 409 (already submitted) for the second."""
    user.submit_at = float("inf")
    answer = await call(
        client, stats, "submit", "POST", f"{API}/plans/{user.plan_id}/submissions", json={"stage": "initial"}
    )
    if answer is not None and answer.status_code not in EXPECTED_SUBMIT:
        stats.unexpected("submit", answer.status_code, answer.text)
    elif answer is not None and answer.status_code == 409:
        stats.unexpected("submit", 409, answer.text, expected=True)


async def user_loop(user: User, base_url: str, stats: Stats, started: float, deadline: float, timeout: float) -> None:
    """Page, part, save, again and again until the deadline; the submission once, when its moment comes."""
    headers = {"Authorization": f"Bearer {user.token}"}
    limits = httpx.Limits(max_connections=1)
    async with httpx.AsyncClient(base_url=base_url, headers=headers, limits=limits, timeout=timeout) as client:
        pages = [f"/plans/{user.plan_id}", f"/plans/{user.plan_id}/{user.part}"]
        turn = 0
        while time.monotonic() < deadline:
            if time.monotonic() - started >= user.submit_at:
                await submit(user, client, stats)
                continue
            page = await call(client, stats, "page", "GET", pages[turn % 2])
            turn += 1
            if page is not None and page.status_code != 200:
                stats.unexpected("page", page.status_code, page.text[:300])
            if time.monotonic() < deadline:
                await save(user, client, stats, deadline)


async def sign_in_all(users: list[User], base_url: str, password: str) -> None:
    """Every user's bearer token, a few sign-ins at a time, before the clock starts."""
    gate = asyncio.Semaphore(SIGN_IN_CONCURRENCY)

    async def one(client: httpx.AsyncClient, user: User) -> None:
        async with gate:
            answer = await client.post(f"{API}/token", data={"username": user.email, "password": password})
        if answer.status_code != 200:
            sys.exit(f"signing in as {user.email} answered {answer.status_code}: {answer.text}")
        user.token = answer.json()["access_token"]

    async with httpx.AsyncClient(base_url=base_url, timeout=120) as client:
        await asyncio.gather(*(one(client, user) for user in users))


async def surge(users: list[User], base_url: str, args: argparse.Namespace, stats: Stats) -> float:
    """Run every user's loop for --duration seconds and wait for the requests in flight; the elapsed seconds."""
    rng = random.Random(args.seed)
    for user in users:
        if user.submits:
            user.submit_at = rng.uniform(0, args.duration * 0.9)
    started = time.monotonic()
    deadline = started + args.duration
    loops = [user_loop(user, base_url, stats, started, deadline, args.timeout) for user in users]
    await asyncio.gather(*loops)
    return time.monotonic() - started


def tables_state(python: str, env: dict[str, str], plan_ids: list[int]) -> dict[str, Any]:
    """Versions, submissions and frozen-part changes straight from the tables (bench/surge_setup.py state)."""
    out = run([python, "bench/surge_setup.py", "state", *map(str, plan_ids)], env=env)
    state: dict[str, Any] = json.loads(out)
    return state


def prepare(args: argparse.Namespace, python: str, adtp: str, password: str) -> tuple[dict[str, str], list[User]]:
    """A fresh database with the demo and the surge's partnerships; the environment and the users."""
    backend = prepare_postgres(args)
    log(f"{backend.version}: {backend.url}")
    env = {k: v for k, v in os.environ.items() if not k.startswith("ADTP_")}
    env |= {"DATABASE_URL": backend.url, "ADTP_ENVIRONMENT": "development", "ADTP_DEMO_PASSWORD": password}
    env["PYTHONPATH"] = str(PROJECT_ROOT)  # this tree's service, not whichever one .venv was installed from
    run([adtp, "db", "upgrade"], env=env)
    log(run([adtp, "seed-demo"], env=env).strip())
    started = time.perf_counter()
    made = json.loads(run([python, "bench/surge_setup.py", str(args.partnerships), password], env=env, timeout=600))
    log(
        f"{len(made)} partnerships with filled plans and {3 * len(made)} users in {time.perf_counter() - started:.1f} s"
    )
    users = [
        User(user["email"], user["role"], item["plan_id"], submits=user["role"] == "planner")
        for item in made
        for user in item["users"]
    ]
    return env, users


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=float, default=60, help="seconds of load (default 60)")
    parser.add_argument("--workers", type=int, default=2, help="adtp serve --workers (default 2)")
    parser.add_argument("--partnerships", type=int, default=150, help="partnerships, 3 users each (default 150)")
    parser.add_argument("--environment", default="production", choices=["production", "development"])
    parser.add_argument("--seed", type=int, default=15, help="random seed of the submission moments")
    parser.add_argument("--timeout", type=float, default=120, help="client timeout per request, s")
    parser.add_argument("--access-log", action="store_true", help="keep uvicorn's access log (default off)")
    parser.add_argument("--keep", action="store_true", help="keep the database and the server log")
    parser.add_argument("--pg-host", default="127.0.0.1")
    parser.add_argument("--pg-port", type=int, default=5432)
    parser.add_argument("--pg-user", default="postgres")
    parser.add_argument("--pg-database", default="adtp_surge", help="dropped and created afresh")
    args = parser.parse_args()

    venv_bin = PROJECT_ROOT / ".venv" / "bin"
    python, adtp = str(venv_bin / "python"), str(venv_bin / "adtp")
    password = secrets.token_urlsafe(16)
    workdir = Path(tempfile.mkdtemp(prefix="adtp-surge-"))
    env, users = prepare(args, python, adtp, password)
    plan_ids = sorted({user.plan_id for user in users})
    before = tables_state(python, env, plan_ids)
    serve_env = env | {"ADTP_ENVIRONMENT": args.environment}
    _, base_url, server_log = start_server(adtp, serve_env, workdir, workers=args.workers, access_log=args.access_log)
    try:
        started = time.perf_counter()
        asyncio.run(sign_in_all(users, base_url, password))
        log(f"{len(users)} users signed in in {time.perf_counter() - started:.1f} s")
        load = load_average()
        log(f"load average before the run: {load:.2f}; {args.duration:.0f} s of surge ...")
        stats = Stats()
        elapsed = asyncio.run(surge(users, base_url, args, stats))
        after = tables_state(python, env, plan_ids)
    finally:
        for proc in list(servers):
            stop(proc)
        servers.clear()
    machine = f"nproc {os.cpu_count()}, {platform.platform()}, Python {platform.python_version()}"
    setting = f"adtp serve --workers {args.workers}, ADTP_ENVIRONMENT={args.environment}"
    failed = print_report(stats, before, after, elapsed, load, machine, setting, len(users))
    logged = server_log.read_text()
    if "Traceback" in logged:
        log(f"the server logged tracebacks (see {server_log}):\n{logged[-3000:]}")
        failed = True
    if not args.keep:
        drop_postgres(args)
    if args.keep or failed:
        log(f"kept {workdir} (server log)")
    else:
        shutil.rmtree(workdir, ignore_errors=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
