"""Fixtures: every database test runs on SQLite and PostgreSQL, migrated once, rolled back per test."""

import datetime
import os
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from dataclasses import dataclass
from datetime import timedelta

import pytest
from argon2 import PasswordHasher, profiles
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import Connection, Engine, text
from sqlalchemy.exc import OperationalError
from sqlmodel import Session, col, select

from service.access import accounts, tokens
from service.access.accounts import find_user
from service.app import create_app
from service.demo.reference_data import FILLED_PLAN_PARTNERSHIP
from service.demo.seeding import TEMPLATE_PLAN_YEAR, partnership_in_another_region, seed_demo
from service.planning.timetable import local_date
from service.platform.db import create_db_engine
from service.platform.migrations import upgrade_to_head
from service.platform.settings import Settings
from service.tables.columns import id_of, utc_now
from service.tables.plans import Partnership, Plan, PlanCycle

IN_CI = os.environ.get("CI") == "true"
DEMO_PASSWORD = "a demo password for tests"
# Cookies are Secure outside development, so test clients speak https, as browsers of the service do.
HTTPS = "https://testserver"


@pytest.fixture(scope="session", autouse=True)
def _cheap_password_hashing() -> Iterator[None]:
    """Argon2's cheapest profile: each test seeds six accounts, and the real cost is deliberate."""
    real = accounts.password_hasher
    accounts.password_hasher = PasswordHasher.from_parameters(profiles.CHEAPEST)
    yield
    accounts.password_hasher = real


def _unavailable(reason: str) -> None:
    # Under CI a PostgreSQL test that cannot run is a failure, never a silent skip.
    if IN_CI:
        pytest.fail(f"{reason} (CI=true: PostgreSQL tests must run)")
    pytest.skip(reason)


def _postgres_engine() -> Engine:
    url = os.environ.get("TEST_DATABASE_URL")
    if not url:
        _unavailable("set TEST_DATABASE_URL to run the PostgreSQL tests")
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    try:
        if worker:
            url = _database_of_its_own(url or "", worker)
        engine = create_db_engine(url or "")
    except OperationalError as error:
        _unavailable(f"cannot reach PostgreSQL at TEST_DATABASE_URL: {error.orig}")
    try:
        with engine.begin() as connection:
            connection.execute(text("DROP SCHEMA public CASCADE"))
            connection.execute(text("CREATE SCHEMA public"))
    except OperationalError as error:
        _unavailable(f"cannot reach PostgreSQL at TEST_DATABASE_URL: {error.orig}")
    return engine


def _database_of_its_own(url: str, worker: str) -> str:
    """A database beside TEST_DATABASE_URL's for one pytest-xdist worker ("gw1"), made empty: workers run at once."""
    name = f"{url.rsplit('/', 1)[1]}_{worker}"
    server = create_db_engine(url, isolation_level="AUTOCOMMIT")
    try:
        with server.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            connection.execute(text(f'CREATE DATABASE "{name}"'))
    finally:
        server.dispose()
    return f"{url.rsplit('/', 1)[0]}/{name}"


@pytest.fixture(scope="session")
def _migrated_databases(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Engine]]:
    """Each backend's database, migrated and seeded the first time a test asks for it, kept for the whole run.

    Kept here rather than in `engine`: pytest tears a parametrized session fixture down whenever the next
    test wants the other parameter, and under pytest-xdist's --dist loadfile that is at every file, so each
    file migrated and seeded both databases afresh (several seconds a file, most of CI's time).
    """
    made: dict[str, Engine] = {}
    yield made
    for engine in made.values():
        engine.dispose()


@pytest.fixture(scope="session", params=["sqlite", "postgresql"])
def engine(request: pytest.FixtureRequest, _migrated_databases: dict[str, Engine]) -> Engine:
    """A database migrated to head by Alembic and seeded with the demo, once per backend for the whole run."""
    backend: str = request.param
    if backend not in _migrated_databases:
        _migrated_databases[backend] = migrated_and_seeded(backend, request.getfixturevalue("tmp_path_factory"))
    return _migrated_databases[backend]


def migrated_and_seeded(backend: str, tmp_path_factory: pytest.TempPathFactory) -> Engine:
    """A database on `backend` migrated to head and seeded with the demo, committed."""
    if backend == "sqlite":
        engine = create_db_engine(f"sqlite:///{tmp_path_factory.mktemp('db')}/test.sqlite3")
    else:
        engine = _postgres_engine()
    with engine.begin() as connection:
        upgrade_to_head(connection)
    # The demo data once per run, committed: every test runs on top of it and rolls back.
    with Session(engine) as session:
        seed_demo(session=session, password=DEMO_PASSWORD)
        session.commit()
    return engine


@pytest.fixture
def connection(engine: Engine) -> Iterator[Connection]:
    """A connection in a transaction that is rolled back after the test."""
    with engine.connect() as connection:
        transaction = connection.begin()
        yield connection
        transaction.rollback()


def _session_on(connection: Connection) -> Session:
    # Commits become savepoints inside the test's transaction, so nothing outlives the test.
    return Session(bind=connection, join_transaction_mode="create_savepoint", expire_on_commit=False)


@pytest.fixture
def session(connection: Connection) -> Iterator[Session]:
    """A session for arranging and checking data directly."""
    with _session_on(connection) as session:
        yield session


@pytest.fixture
def settings() -> Settings:
    """Settings for tests, independent of the environment."""
    return Settings(environment="test", database_url="sqlite://")


_APPS: dict[int, FastAPI] = {}


@pytest.fixture(scope="session")
def shared_app(engine: Engine) -> FastAPI:
    """One application per backend for the run: building FastAPI's routes takes a third of a second.

    Kept by engine for the reason `_migrated_databases` gives: this fixture is rebuilt at every file.
    """
    if id(engine) not in _APPS:
        _APPS[id(engine)] = create_app(Settings(environment="test", database_url="sqlite://"), engine=engine)
    return _APPS[id(engine)]


@pytest.fixture
def app(shared_app: FastAPI, connection: Connection, settings: Settings) -> FastAPI:
    """The application, with every request's session inside the test's transaction."""

    def open_session(*, writes: bool) -> Session:
        return _session_on(connection)

    shared_app.state.open_session = open_session
    shared_app.state.settings = settings
    return shared_app


@dataclass(frozen=True)
class Demo:
    """Ids of the seeded demo data: the current cycle's filled and empty plans, and last year's filled plan."""

    filled_plan_id: int
    empty_plan_id: int
    last_year_plan_id: int
    current_cycle_id: int
    last_year_cycle_id: int


def _plan_of(session: Session, partnership_code: str, cycle_id: int) -> int:
    return id_of(
        session.exec(
            select(Plan)
            .join(Partnership, col(Plan.partnership_id) == col(Partnership.id))
            .where(Partnership.code == partnership_code, Plan.cycle_id == cycle_id)
        ).one()
    )


@pytest.fixture
def demo(session: Session) -> Demo:
    """The demo data of `adtp seed-demo`: a filled plan, an empty one, last year's, and the demo accounts."""
    last_year = session.exec(select(PlanCycle).where(PlanCycle.plan_year == TEMPLATE_PLAN_YEAR)).one()
    current = session.exec(select(PlanCycle).where(PlanCycle.plan_year != TEMPLATE_PLAN_YEAR)).one()
    filled, empty = FILLED_PLAN_PARTNERSHIP.code, partnership_in_another_region(FILLED_PLAN_PARTNERSHIP).code
    return Demo(
        filled_plan_id=_plan_of(session, filled, id_of(current)),
        empty_plan_id=_plan_of(session, empty, id_of(current)),
        last_year_plan_id=_plan_of(session, filled, id_of(last_year)),
        current_cycle_id=id_of(current),
        last_year_cycle_id=id_of(last_year),
    )


def make_initial_submission_overdue(session: Session, cycle_id: int, *, days: int) -> datetime.date:
    """Move the cycle's initial submission date to `days` before today, so a submission now is that late."""
    # The demo's current cycle has its deadlines ahead; lateness is tested against a date set from today.
    cycle = session.get(PlanCycle, cycle_id)
    assert cycle is not None
    cycle.initial_submission_due = local_date(utc_now()) - timedelta(days=days)
    session.add(cycle)
    session.flush()
    return cycle.initial_submission_due


# The demo accounts by the part they play in tests: A is the filled plan's partnership, in
# region X; B is the empty plan's partnership, in region Y.
ACTORS = {
    "planner_a": "planner@demo.example",
    "finance_a": "finance@demo.example",
    "reviewer_x": "reviewer@demo.example",
    "planner_b": "planner2@demo.example",
    "reviewer_y": "reviewer2@demo.example",
    "admin": "admin@demo.example",
}
ClientFor = Callable[..., TestClient]


def bearer_token(session: Session, email: str, *, read_only: bool = False) -> str:
    """A personal access token for a demo account."""
    user = find_user(email, session=session)
    assert user is not None
    issued = tokens.issue(
        id_of(user), session=session, kind="personal", name="test", lifetime=timedelta(days=1), read_only=read_only
    )
    return issued.secret


@pytest.fixture
def client_for(app: FastAPI, session: Session, demo: Demo) -> Iterator[ClientFor]:
    """Clients acting as an actor of ACTORS (or any email) with a bearer token; None for anonymous."""
    # Each entered, so that its requests share one event loop in one thread: a TestClient not entered starts a
    # thread with an event loop of its own for every request, a quarter of a short request's time.
    with ExitStack() as opened:

        def open_client(actor: str | None, *, read_only: bool = False) -> TestClient:
            client = opened.enter_context(TestClient(app, base_url=HTTPS, raise_server_exceptions=False))
            if actor is not None:
                token = bearer_token(session, ACTORS.get(actor, actor), read_only=read_only)
                client.headers["Authorization"] = f"Bearer {token}"
            return client

        yield open_client


@pytest.fixture
def client(client_for: ClientFor) -> TestClient:
    """An administrator's client: sees everything, as tests of behaviour other than access need."""
    return client_for("admin")


@pytest.fixture
def anonymous(app: FastAPI) -> Iterator[TestClient]:
    """A client with no credentials."""
    with TestClient(app, base_url=HTTPS, raise_server_exceptions=False) as client:
        yield client
