"""On a real database, a refusal is answered as a refusal and audited, whatever the credential's age.

The other tests share one connection per test, which hides lock order; these commit as
`adtp serve` does, on a SQLite file and on a PostgreSQL database of their own. A token used
for the first time, or a token or session idle for over a minute, has its use noted: that
note must never make the refusal itself fail.
"""

import datetime
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, func
from sqlmodel import Session, col, select

from service.access import tokens
from service.access.accounts import find_user
from service.app import create_app
from service.platform.settings import Settings
from service.tables.access import ApiToken, AuditEvent, WebSession
from service.tables.columns import id_of, utc_now
from service.tables.plans import Plan
from tests.conftest import DEMO_PASSWORD
from tests.throwaway_database import throwaway_postgres, throwaway_sqlite

IDLE = datetime.timedelta(minutes=2)


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def committed(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    """A seeded database of its own, for each backend: these tests commit."""
    if request.param == "sqlite":
        with throwaway_sqlite(tmp_path_factory.mktemp("refusals")) as engine:
            yield engine
        return
    with throwaway_postgres("the committed refusal tests") as (engine, _):
        yield engine


@dataclass(frozen=True)
class Refusal:
    """A read someone may not make, and what they must be told."""

    email: str
    url: str
    status: int


def _refusals(engine: Engine) -> list[Refusal]:
    with Session(engine) as session:
        filled_plan = session.exec(select(Plan).order_by(col(Plan.id))).first()
        assert filled_plan is not None
    return [
        # Another partnership's plan, a plan that does not exist, a region's finance workbook.
        Refusal("planner2@demo.example", f"/api/v1/plans/{id_of(filled_plan)}", 404),
        Refusal("planner2@demo.example", "/api/v1/plans/999999", 404),
        Refusal("finance@demo.example", "/api/v1/regions/1/reconciliation.xlsx", 403),
    ]


REFUSALS = ["another partnership's plan", "a missing plan", "finance on a region's workbook"]


def _client(engine: Engine) -> TestClient:
    app = create_app(Settings(environment="test", database_url="sqlite://"), engine=engine)
    # https: the session cookie is Secure outside development.
    return TestClient(app, base_url="https://testserver", raise_server_exceptions=False)


def _token_client(engine: Engine, email: str, *, last_used: datetime.datetime | None) -> tuple[TestClient, int]:
    with Session(engine) as session:
        user = find_user(email, session=session)
        assert user is not None
        issued = tokens.issue(id_of(user), session=session, kind="personal", name="t", lifetime=datetime.timedelta(1))
        issued.token.last_used_at = last_used
        session.add(issued.token)
        session.commit()
        token_id = id_of(issued.token)
    client = _client(engine)
    client.headers["Authorization"] = f"Bearer {issued.secret}"
    return client, token_id


def _audited(engine: Engine, after: int) -> list[tuple[str | None, str, int]]:
    with Session(engine) as session:
        events = session.exec(
            select(AuditEvent)
            .where(AuditEvent.action == "authorization-refused", col(AuditEvent.id) > after)
            .order_by(col(AuditEvent.id))
        ).all()
    return [(event.email, event.detail["path"], event.detail["status"]) for event in events]


def _used_just_now(engine: Engine, token_id: int) -> bool:
    with Session(engine) as session:
        token = session.get(ApiToken, token_id)
    assert token is not None
    return token.last_used_at is not None and utc_now() - token.last_used_at < datetime.timedelta(minutes=1)


def _last_event(engine: Engine) -> int:
    with Session(engine) as session:
        return session.exec(select(func.max(AuditEvent.id))).one() or 0


@pytest.mark.parametrize("which", range(len(REFUSALS)), ids=REFUSALS)
@pytest.mark.parametrize("last_used", [None, IDLE], ids=["first use", "idle"])
def test_a_tokens_refused_read_is_answered_and_audited(
    committed: Engine, which: int, last_used: datetime.timedelta | None
) -> None:
    refusal = _refusals(committed)[which]
    client, token_id = _token_client(
        committed, refusal.email, last_used=None if last_used is None else utc_now() - last_used
    )
    before = _last_event(committed)

    response = client.get(refusal.url)

    assert response.status_code == refusal.status, response.text
    assert _audited(committed, before) == [(refusal.email, refusal.url, refusal.status)]
    assert _used_just_now(committed, token_id)


def test_a_refused_write_with_an_idle_token_is_audited_and_its_use_noted(committed: Engine) -> None:
    client, token_id = _token_client(committed, "reviewer@demo.example", last_used=utc_now() - IDLE)
    plan_url = _refusals(committed)[0].url
    before = _last_event(committed)

    response = client.put(f"{plan_url}/parts/funding", json={}, headers={"If-Match": '"1"'})

    assert response.status_code == 403, response.text
    assert _audited(committed, before) == [("reviewer@demo.example", f"{plan_url}/parts/funding", 403)]
    assert _used_just_now(committed, token_id)


def _signed_in(engine: Engine, email: str) -> TestClient:
    client = _client(engine)
    form = client.get("/sign-in").text
    csrf_token = form.split('name="csrf_token" value="')[1].split('"')[0]
    response = client.post(
        "/sign-in",
        data={"email": email, "password": DEMO_PASSWORD, "csrf_token": csrf_token},
        follow_redirects=False,
    )
    assert response.status_code == 303, response.text
    return client


def _make_idle(engine: Engine, email: str) -> None:
    with Session(engine) as session:
        user = find_user(email, session=session)
        assert user is not None, email
        for web_session in session.exec(select(WebSession).where(WebSession.user_id == id_of(user))).all():
            web_session.last_seen_at = utc_now() - IDLE
            session.add(web_session)
        session.commit()


@pytest.mark.parametrize("idle", [False, True], ids=["just signed in", "idle"])
@pytest.mark.parametrize("page", [False, True], ids=["api", "page"])
def test_a_browser_sessions_refused_read_is_answered_and_audited(committed: Engine, idle: bool, page: bool) -> None:
    refusal = _refusals(committed)[0]
    client = _signed_in(committed, refusal.email)
    if idle:
        _make_idle(committed, refusal.email)
    url = refusal.url.removeprefix("/api/v1") if page else refusal.url
    before = _last_event(committed)

    response = client.get(url)

    assert response.status_code == 404, response.text
    assert _audited(committed, before) == [(refusal.email, url, 404)]
    with Session(committed) as session:
        user = find_user(refusal.email, session=session)
        assert user is not None, refusal.email
        seen = session.exec(select(WebSession.last_seen_at).where(WebSession.user_id == id_of(user))).all()
        assert max(seen) > utc_now() - datetime.timedelta(minutes=1)
