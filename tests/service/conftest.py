"""A real SQLite file with the production session factory, as `adtp serve` uses it: the other tests share one
connection per test, which hides SQLite's write lock and the order in which writers take it."""

from collections.abc import Iterator
from datetime import timedelta

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine
from sqlmodel import Session, select

from service.access import tokens
from service.access.accounts import find_user
from service.app import create_app
from service.platform.settings import Settings
from service.tables.columns import id_of
from service.tables.plans import Plan
from tests.conftest import migrated_and_seeded


@pytest.fixture(scope="module")
def sqlite_file(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    """A SQLite file migrated and seeded with the demo, one for each test module that asks."""
    engine = migrated_and_seeded("sqlite", tmp_path_factory)
    yield engine
    engine.dispose()


def planner_client(engine: Engine) -> tuple[TestClient, int]:
    """The service on `engine`, a client signed in as the demo planner with a token of their own, and their plan."""
    with Session(engine) as session:
        user = find_user("planner@demo.example", session=session)
        assert user is not None
        secret = tokens.issue(id_of(user), session=session, kind="personal", name="w", lifetime=timedelta(1)).secret
        plan = session.exec(select(Plan).order_by(Plan.id)).first()  # type: ignore[arg-type]
        assert plan is not None
        session.commit()
        plan_id = id_of(plan)
    app = create_app(Settings(environment="test", database_url="sqlite://"), engine=engine)
    client = TestClient(app, raise_server_exceptions=False)
    client.headers["Authorization"] = f"Bearer {secret}"
    return client, plan_id
