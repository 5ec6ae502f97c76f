"""Several server processes on one PostgreSQL database behave as one service (production's model).

Two uvicorn processes serve `service.main:app`, each with its own job runner, on a database of their
own; every state that matters (sessions, sign-in failures, idempotency keys, jobs, part versions) lives
in the database, so what one process did the other must honour.
"""

import os
import re
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from sqlalchemy import Engine
from sqlmodel import Session, col, select

from service.access.identity import SESSION_COOKIE
from service.platform.settings import PROJECT_ROOT
from service.tables.access import AuditEvent
from tests.conftest import DEMO_PASSWORD
from tests.pages.browser import _free_port, _wait_until_up
from tests.throwaway_database import throwaway_postgres

pytestmark = pytest.mark.postgres

PLANNER = "planner@demo.example"
ADMIN = "admin@demo.example"
CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')
PDF = b"%PDF-1.4\n%%EOF\n"


def _start(database_url: str) -> tuple[subprocess.Popen[bytes], str]:
    port = _free_port()
    environment = os.environ | {"DATABASE_URL": database_url, "ADTP_ENVIRONMENT": "test"}
    command = [sys.executable, "-m", "uvicorn", "service.main:app", "--host", "127.0.0.1", "--port", str(port)]
    server = subprocess.Popen([*command, "--log-level", "warning"], cwd=PROJECT_ROOT, env=environment)  # noqa: S603
    base = f"http://127.0.0.1:{port}"
    _wait_until_up(f"{base}/api/v1/health", server)
    return server, base


@pytest.fixture(scope="module")
def service() -> Iterator[tuple[Engine, list[str]]]:
    """Two server processes on one database of their own; yields its engine and their base URLs."""
    with throwaway_postgres("the several-processes tests") as (engine, url):
        servers = [_start(url), _start(url)]
        try:
            yield engine, [base for _, base in servers]
        finally:
            for server, _ in servers:
                server.terminate()
                server.wait(timeout=30)


def _token(base: str, email: str, *, address: str = "198.51.100.1") -> str:
    answer = httpx.post(
        f"{base}/api/v1/token",
        data={"username": email, "password": DEMO_PASSWORD},
        headers={"X-Forwarded-For": address},
    )
    assert answer.status_code == 200, answer.text
    token: str = answer.json()["access_token"]
    return token


def _bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def _sign_in(base: str, email: str) -> str:
    """Sign in through the page's form; the session cookie's value (sent by hand: it may be Secure)."""
    form = httpx.get(f"{base}/sign-in")
    csrf = CSRF.search(form.text)
    assert csrf is not None
    answer = httpx.post(
        f"{base}/sign-in",
        data={"email": email, "password": DEMO_PASSWORD, "csrf_token": csrf.group(1)},
        cookies=dict(form.cookies),
    )
    assert answer.status_code == 303, answer.text
    return str(answer.cookies[SESSION_COOKIE])


def _start_page(base: str, cookie: str) -> str:
    return httpx.get(f"{base}/", headers={"Cookie": f"{SESSION_COOKIE}={cookie}"}).text


def _current_plan_id(base: str, token: str) -> int:
    """The planner's plan of the latest cycle."""
    listed = httpx.get(f"{base}/api/v1/plans", headers=_bearer(token)).json()["items"]
    latest: dict[str, Any] = max(listed, key=lambda plan: plan["cycle"]["plan_year"])
    return int(latest["id"])


def test_a_session_begun_on_one_process_works_on_the_other_and_ends_on_both(service: tuple[Engine, list[str]]) -> None:
    _, (first, second) = service
    cookie = _sign_in(first, PLANNER)

    on_the_other = _start_page(second, cookie)
    assert "Sign out" in on_the_other
    csrf = CSRF.search(on_the_other)
    assert csrf is not None
    signed_out = httpx.post(
        f"{second}/sign-out", data={"csrf_token": csrf.group(1)}, headers={"Cookie": f"{SESSION_COOKIE}={cookie}"}
    )
    assert signed_out.status_code == 303

    assert "Sign out" not in _start_page(first, cookie)
    assert "Sign out" not in _start_page(second, cookie)


def test_an_idempotency_key_replayed_on_the_other_process_returns_the_first_answer(
    service: tuple[Engine, list[str]],
) -> None:
    _, (first, second) = service
    token = _token(first, PLANNER)
    plan_id = _current_plan_id(first, token)
    attached = httpx.post(
        f"{first}/api/v1/plans/{plan_id}/attachments",
        headers=_bearer(token),
        files={"file": ("audit.pdf", PDF, "application/pdf")},
        data={"kind": "harm-reduction-self-audit"},
    )
    assert attached.status_code == 201, attached.text
    url, key = f"/api/v1/plans/{plan_id}/submissions", {"Idempotency-Key": "deadline-day-click"}

    made = httpx.post(f"{first}{url}", json={"stage": "initial"}, headers=_bearer(token) | key, timeout=60)
    replayed = httpx.post(f"{second}{url}", json={"stage": "initial"}, headers=_bearer(token) | key, timeout=60)

    assert made.status_code == replayed.status_code == 201, made.text
    assert replayed.json() == made.json()
    assert replayed.headers["Idempotent-Replayed"] == "true"
    assert len(httpx.get(f"{second}{url}", headers=_bearer(token)).json()) == 1


def test_two_conflicting_part_writes_one_per_process_give_one_200_and_one_412(
    service: tuple[Engine, list[str]],
) -> None:
    _, (first, second) = service
    token = _token(first, PLANNER)
    plan_id = _current_plan_id(first, token)
    url = f"/api/v1/plans/{plan_id}/parts/targets"
    read = httpx.get(f"{first}{url}", headers=_bearer(token))
    etag, document = read.headers["ETag"], read.json()["document"]
    barrier = threading.Barrier(2)
    statuses: list[int] = []

    def write(base: str) -> None:
        barrier.wait()
        answer = httpx.put(f"{base}{url}", json=document, headers=_bearer(token) | {"If-Match": etag}, timeout=60)
        statuses.append(answer.status_code)

    writers = [threading.Thread(target=write, args=(base,)) for base in (first, second)]
    for writer in writers:
        writer.start()
    for writer in writers:
        writer.join(timeout=60)

    assert sorted(statuses) == [200, 412]
    after = httpx.get(f"{second}{url}", headers=_bearer(token))
    assert after.headers["ETag"] != etag
    assert after.json()["version"] == read.json()["version"] + 1


def test_each_background_job_is_claimed_by_exactly_one_process(service: tuple[Engine, list[str]]) -> None:
    engine, bases = service
    tokens = {base: _token(base, ADMIN) for base in bases}
    regions = httpx.get(f"{bases[0]}/api/v1/regions", headers=_bearer(tokens[bases[0]])).json()["items"]
    jobs: list[tuple[str, str]] = []
    for number, region in enumerate(regions):
        base = bases[number % 2]
        queued = httpx.post(
            f"{base}/api/v1/regions/{region['id']}/document-regenerations", headers=_bearer(tokens[base])
        )
        assert queued.status_code == 202, queued.text
        jobs.append((base, queued.headers["Location"]))

    deadline = time.monotonic() + 90
    unfinished = list(jobs)
    while unfinished and time.monotonic() < deadline:
        time.sleep(0.5)
        unfinished = [
            (base, location)
            for base, location in unfinished
            if httpx.get(f"{base}{location}", headers=_bearer(tokens[base])).json()["status"] != "finished"
        ]
    assert not unfinished, f"jobs still unfinished after 90 s: {unfinished}"

    job_ids = sorted(location.rsplit("/", 1)[1] for _, location in jobs)
    with Session(engine) as session:
        claims = session.exec(select(AuditEvent.object_id).where(col(AuditEvent.action) == "job-claimed")).all()
    assert sorted(claim or "" for claim in claims) == job_ids


def test_sign_in_throttling_counts_failures_on_both_processes(service: tuple[Engine, list[str]]) -> None:
    _, (first, second) = service
    # An address of its own (the processes trust the proxy header from 127.0.0.1, as behind a load
    # balancer), so the failures here throttle no other test.
    address = {"X-Forwarded-For": "203.0.113.9"}
    wrong = {"username": "reviewer2@demo.example", "password": "not the password"}
    for attempt in range(5):
        base = (first, second)[attempt % 2]
        failed = httpx.post(f"{base}/api/v1/token", data=wrong, headers=address)
        assert failed.status_code == 401, failed.text

    refused = httpx.post(
        f"{second}/api/v1/token",
        data={"username": "reviewer2@demo.example", "password": DEMO_PASSWORD},
        headers=address,
    )

    assert refused.status_code == 429
    assert int(refused.headers["Retry-After"]) > 0
