"""On a real SQLite file, a read that is refused still records the refusal, whoever wrote meanwhile."""

from collections.abc import Iterator
from datetime import timedelta

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine
from sqlmodel import Session, col, select

from service.access import tokens
from service.access.accounts import find_user
from service.app import create_app
from service.platform.db import SessionFactory
from service.platform.settings import Settings
from service.tables.access import AuditEvent
from service.tables.columns import id_of
from service.tables.plans import Plan, Region
from tests.throwaway_database import throwaway_sqlite


@pytest.fixture(scope="module")
def sqlite_file(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    with throwaway_sqlite(tmp_path_factory.mktemp("refusals")) as engine:
        yield engine


def _reads_overtaken_by_a_write(engine: Engine, open_session: SessionFactory) -> SessionFactory:
    """Sessions whose reads begin, then see another connection commit a write before going on."""

    def open_overtaken(*, writes: bool) -> Session:
        session = open_session(writes=writes)
        if not writes:
            session.exec(select(Region)).first()
            with Session(engine) as other:
                other.add(AuditEvent(action="written-meanwhile", detail={}))
                other.commit()
        return session

    return open_overtaken


def test_a_refused_read_records_the_refusal_although_another_request_wrote_meanwhile(sqlite_file: Engine) -> None:
    with Session(sqlite_file) as session:
        planner = find_user("planner@demo.example", session=session)
        assert planner is not None
        secret = tokens.issue(id_of(planner), session=session, kind="access", name="t", lifetime=timedelta(1)).secret
        others_plan = next(
            plan for plan in session.exec(select(Plan)).all() if plan.partnership_id != planner.partnership_id
        )
        session.commit()
        others_plan_id = id_of(others_plan)
    app = create_app(Settings(environment="test", database_url="sqlite://"), engine=sqlite_file)
    app.state.open_session = _reads_overtaken_by_a_write(sqlite_file, app.state.open_session)
    client = TestClient(app, raise_server_exceptions=False)

    response = client.get(f"/api/v1/plans/{others_plan_id}", headers={"Authorization": f"Bearer {secret}"})

    assert response.status_code == 404
    with Session(sqlite_file) as session:
        refusals = session.exec(
            select(AuditEvent).where(AuditEvent.action == "authorization-refused").order_by(col(AuditEvent.id).desc())
        ).all()
    assert refusals[0].object_id == str(others_plan_id)
