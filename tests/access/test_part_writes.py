"""A part's save finds the caller, locks the plan and reads the part in one statement (part_writes.py): it must
refuse exactly as every route does, store nothing when it refuses, and save as before when it does not."""

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from fastapi.testclient import TestClient
from httpx import Response
from sqlalchemy import event
from sqlmodel import Session, col, select

from service.tables.access import AuditEvent
from tests.access.access_endings import ACCESS_ENDINGS, AccessEnding, newest_token
from tests.conftest import ClientFor, Demo


def _url(demo: Demo, part: str = "strategic-summary") -> str:
    return f"/api/v1/plans/{demo.filled_plan_id}/parts/{part}"


def _save(client: TestClient, reader: TestClient, url: str) -> Response:
    """The part as `reader` reads it, saved back by `client` with the ETag read."""
    read = reader.get(url)
    assert read.status_code == 200
    saved: Response = client.put(url, json=read.json()["document"], headers={"If-Match": read.headers["etag"]})
    return saved


def _version(reader: TestClient, url: str) -> int:
    version: int = reader.get(url).json()["version"]
    return version


@contextmanager
def _statements(session: Session) -> Iterator[list[str]]:
    """The SQL the requests ask while the block runs (the tests' requests share the session's connection)."""
    asked: list[str] = []
    connection = session.connection()

    def note(*args: Any) -> None:
        statement = " ".join(str(args[2]).split())
        if not statement.startswith(("SAVEPOINT", "RELEASE SAVEPOINT")):  # the tests' own transaction's
            asked.append(statement)

    event.listen(connection, "before_cursor_execute", note)
    try:
        yield asked
    finally:
        event.remove(connection, "before_cursor_execute", note)


def test_a_save_by_token_finds_its_caller_and_takes_the_plan_s_lock_in_one_statement(
    client_for: ClientFor, session: Session, demo: Demo
) -> None:
    planner = client_for("planner_a")
    before = _version(planner, _url(demo))
    read = planner.get(_url(demo))

    with _statements(session) as asked:
        saved = planner.put(_url(demo), json=read.json()["document"], headers={"If-Match": read.headers["etag"]})

    assert saved.status_code == 200
    assert saved.json()["version"] == before + 1
    assert _version(planner, _url(demo)) == before + 1
    assert "FROM api_token JOIN app_user" in asked[0]
    assert "plan_part.document" in asked[0]
    if session.connection().dialect.name == "postgresql":
        assert asked[0].endswith("FOR UPDATE OF plan")
    # The part's row is not read apart under the lock, as it is when the caller was found another way.
    assert [statement for statement in asked if statement.startswith("SELECT plan.status")] == []


@ACCESS_ENDINGS
def test_a_planner_s_save_is_refused_at_once_when_their_access_ends(
    client_for: ClientFor, session: Session, demo: Demo, change: AccessEnding, status: int
) -> None:
    admin = client_for("admin")
    planner = client_for("planner_a")  # its token the newest, which the change ends
    assert _save(planner, planner, _url(demo)).status_code == 200
    read = admin.get(_url(demo))

    change(session)
    session.flush()
    refused = planner.put(_url(demo), json=read.json()["document"], headers={"If-Match": read.headers["etag"]})

    assert refused.status_code == status
    assert refused.headers["content-type"] == "application/problem+json"
    assert _version(admin, _url(demo)) == read.json()["version"]


def test_a_save_refused_is_recorded_stores_nothing_and_one_allowed_notes_the_token_in_use(
    client_for: ClientFor, anonymous: TestClient, session: Session, demo: Demo
) -> None:
    admin = client_for("admin")
    before = _version(admin, _url(demo))
    missing = f"/api/v1/plans/{demo.filled_plan_id + 1000}/parts/strategic-summary"

    refusals = {
        "reviewer who sees the plan": _save(client_for("reviewer_x"), admin, _url(demo)).status_code,
        "reviewer of another region": _save(client_for("reviewer_y"), admin, _url(demo)).status_code,
        "finance officer, not their part": _save(client_for("finance_a"), admin, _url(demo)).status_code,
        "read-only token": _save(client_for("planner_a", read_only=True), admin, _url(demo)).status_code,
        "no such plan": client_for("planner_a").put(missing, json={}, headers={"If-Match": '"x-1"'}).status_code,
        "no token": _save(anonymous, admin, _url(demo)).status_code,
    }
    planner = client_for("planner_a")
    token = newest_token(session)
    allowed = _save(planner, admin, _url(demo, "funding")).status_code

    assert refusals == {
        "reviewer who sees the plan": 403,
        "reviewer of another region": 404,
        "finance officer, not their part": 403,
        "read-only token": 403,
        "no such plan": 404,
        "no token": 401,
    }
    assert allowed == 200
    assert _version(admin, _url(demo)) == before
    session.refresh(token)
    assert token.last_used_at is not None
    audited = session.exec(
        select(AuditEvent).where(AuditEvent.action == "authorization-refused").order_by(col(AuditEvent.id))
    ).all()
    assert [(event.email, event.detail["status"]) for event in audited] == [
        ("reviewer@demo.example", 403),
        ("reviewer2@demo.example", 404),
        ("finance@demo.example", 403),
        ("planner@demo.example", 403),
        ("planner@demo.example", 404),
    ]
