"""PostgreSQL connections the server dropped: replaced unseen when idle, a 503 (never a 500) when lost mid-use.

The pool pings only a connection idle for over PING_IF_IDLE_S (platform/db.py says why); these tests end the
server's side of every connection the service holds, as a restart of the database would.
"""

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, text

from service.app import create_app
from service.platform import db
from service.platform.settings import Settings
from tests.conftest import DEMO_PASSWORD
from tests.throwaway_database import throwaway_postgres


@pytest.fixture(scope="module")
def postgres() -> Iterator[tuple[Engine, str]]:
    """A seeded PostgreSQL database of the module's own, and its URL."""
    with throwaway_postgres("the lost-connection tests") as found:
        yield found


def _end_every_other_connection(url: str) -> int:
    """Terminate, on the server, every connection to this database but the one asking; how many there were."""
    killer = db.create_db_engine(url, isolation_level="AUTOCOMMIT")
    try:
        with killer.connect() as connection:
            ended = connection.execute(
                text(
                    "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
                    " WHERE datname = current_database() AND pid <> pg_backend_pid()"
                )
            ).scalar_one()
    finally:
        killer.dispose()
    return int(ended)


def _backend_pid(engine: Engine) -> int:
    with engine.connect() as connection:
        return int(connection.execute(text("SELECT pg_backend_pid()")).scalar_one())


def test_an_idle_connection_the_server_ended_is_replaced_before_anyone_uses_it(
    postgres: tuple[Engine, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    _, url = postgres
    engine = db.create_db_engine(url)
    first = _backend_pid(engine)
    assert _end_every_other_connection(url) >= 1
    monkeypatch.setattr(db, "PING_IF_IDLE_S", 0.0)  # the pooled connection counts as idle: it is pinged

    second = _backend_pid(engine)

    assert second != first
    engine.dispose()


def _client(engine: Engine) -> TestClient:
    app = create_app(Settings(environment="test", database_url="sqlite://"), engine=engine)
    return TestClient(app, base_url="https://testserver", raise_server_exceptions=False)


def test_a_request_whose_connection_was_lost_is_a_503_to_try_again_and_the_next_one_works(
    postgres: tuple[Engine, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    _, url = postgres
    monkeypatch.setattr(db, "PING_IF_IDLE_S", 3600.0)  # busy connections: none is pinged
    engine = db.create_db_engine(url)
    client = _client(engine)
    token = client.post("/api/v1/token", data={"username": "planner@demo.example", "password": DEMO_PASSWORD})
    client.headers["Authorization"] = f"Bearer {token.json()['access_token']}"
    assert client.get("/api/v1/plans").status_code == 200
    assert _end_every_other_connection(url) >= 1

    lost = client.get("/api/v1/plans")
    again = client.get("/api/v1/plans")

    assert lost.status_code == 503
    assert lost.headers["content-type"] == "application/problem+json"
    assert lost.headers["retry-after"] == "1"
    assert "try again" in lost.json()["detail"]
    assert again.status_code == 200
    engine.dispose()


def test_a_page_whose_connection_was_lost_says_to_try_again(
    postgres: tuple[Engine, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    _, url = postgres
    monkeypatch.setattr(db, "PING_IF_IDLE_S", 3600.0)
    engine = db.create_db_engine(url)
    client = _client(engine)
    assert client.get("/published").status_code == 200
    assert _end_every_other_connection(url) >= 1

    page = client.get("/published")

    assert page.status_code == 503
    assert page.headers["content-type"].startswith("text/html")
    assert "try again" in page.text
    engine.dispose()
