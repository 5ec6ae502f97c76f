"""A real SQLite file with the production session factory, as `adtp serve` uses it: the other tests share one
connection per test, which hides SQLite's write lock and the order in which writers take it."""

import threading
from collections.abc import Iterator
from datetime import timedelta

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, text
from sqlmodel import Session, select

from service.access import tokens
from service.access.accounts import find_user
from service.app import create_app
from service.platform.db import writing
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


WAIT_S = 10  # far longer than anything here takes: reached only if something waits for ever


class AnotherWriter:
    """Another transaction of this process writing to the SQLite file, as a request in a pool thread would, holding
    the write lock between its statements from `hold` until `release`."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._holding, self._released = threading.Event(), threading.Event()
        self._thread = threading.Thread(target=self._write, daemon=True)

    def _write(self) -> None:
        with writing(self._engine).begin() as connection:
            connection.execute(text("SELECT 1"))
            self._holding.set()
            self._released.wait(WAIT_S)

    def hold(self) -> None:
        """Begin, and return once the lock is held."""
        self._thread.start()
        assert self._holding.wait(WAIT_S)

    def release(self) -> None:
        """End the transaction, letting the lock go."""
        self._released.set()
        if self._thread.is_alive():
            self._thread.join(WAIT_S)


@pytest.fixture
def another_writer(sqlite_file: Engine) -> Iterator[AnotherWriter]:
    """AnotherWriter on the module's SQLite file, released at the end of the test if not before."""
    writer = AnotherWriter(sqlite_file)
    yield writer
    writer.release()


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
