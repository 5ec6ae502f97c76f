"""On SQLite a part's save runs on the event loop: while another transaction holds this process's write lock it waits
its turn there as a coroutine, the loop answering others meanwhile; and it lets the lock go however it ends.

A real SQLite file and the production session factory, as `adtp serve` uses them (the other tests share one
connection per test, which would hide the lock).
"""

import asyncio
import threading
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, event, text

from service.platform.db import writing
from tests.service.conftest import WAIT_S, AnotherWriter, planner_client


@pytest.fixture
def planner(sqlite_file: Engine) -> tuple[TestClient, str]:
    """The demo planner's client, and the URL of their plan's targets part."""
    client, plan_id = planner_client(sqlite_file)
    return client, f"/api/v1/plans/{plan_id}/parts/targets"


@pytest.fixture
def part_updates(sqlite_file: Engine) -> Iterator[list[bool]]:
    """For each UPDATE of a part's row from now on, and the COMMIT of its transaction: whether each ran on the loop."""
    seen: list[bool] = []

    def on_the_loop() -> bool:
        try:
            asyncio.get_running_loop()
        except RuntimeError:
            return False
        return True

    def statement(conn: Any, _cursor: Any, sql: str, *_args: Any) -> None:
        if sql.startswith("UPDATE plan_part SET"):
            seen.append(on_the_loop())
            conn.info["updated_a_part"] = True

    def commit(conn: Any) -> None:
        if conn.info.pop("updated_a_part", False):
            seen.append(on_the_loop())

    event.listen(sqlite_file, "before_cursor_execute", statement)
    event.listen(sqlite_file, "commit", commit)
    yield seen
    event.remove(sqlite_file, "before_cursor_execute", statement)
    event.remove(sqlite_file, "commit", commit)


def _lock_is_free(engine: Engine) -> bool:
    """Whether another writer of this process gets the write lock at once (not while a transaction holds it)."""
    done = threading.Event()

    def write() -> None:
        with writing(engine).begin() as connection:
            connection.execute(text("SELECT 1"))
        done.set()

    threading.Thread(target=write, daemon=True).start()
    return done.wait(WAIT_S)


def test_a_save_runs_on_the_event_loop(planner: tuple[TestClient, str], part_updates: list[bool]) -> None:
    client, url = planner
    read = client.get(url)

    saved = client.put(url, json=read.json()["document"], headers={"If-Match": read.headers["ETag"]})

    assert saved.status_code == 200, saved.text
    assert saved.json()["version"] == read.json()["version"] + 1
    assert part_updates == [True, True]  # the part's UPDATE and its COMMIT


def test_a_save_waits_its_turn_while_another_transaction_writes(
    planner: tuple[TestClient, str], part_updates: list[bool], another_writer: AnotherWriter
) -> None:
    client, url = planner
    read = client.get(url)  # its token noted as used (a write of its own) before the lock is taken
    another_writer.hold()
    answers: list[Any] = []
    saving = threading.Thread(
        target=lambda: answers.append(
            client.put(url, json=read.json()["document"], headers={"If-Match": read.headers["ETag"]})
        ),
        daemon=True,
    )
    saving.start()
    saving.join(0.5)
    assert saving.is_alive()  # waiting for the lock, as a coroutine: the loop goes on (the read below is answered)
    assert client.get(url).status_code == 200
    another_writer.release()
    saving.join(WAIT_S)

    assert not saving.is_alive()
    assert answers[0].status_code == 200, answers[0].text
    assert answers[0].json()["version"] == read.json()["version"] + 1
    assert part_updates == [True, True]  # written and committed on the loop, once its turn came


@pytest.mark.parametrize(
    ("change", "status"),
    [
        (lambda document, tag: (document, '"targets-1"'), 412),  # someone saved since: stale
        (lambda document, tag: ({**document, "targets": "none"}, tag), 422),  # refused by the model
    ],
    ids=["stale", "invalid"],
)
def test_a_refused_save_lets_the_write_lock_go(
    sqlite_file: Engine, planner: tuple[TestClient, str], change: Any, status: int
) -> None:
    client, url = planner
    read = client.get(url)
    document, tag = change(read.json()["document"], read.headers["ETag"])

    refused = client.put(url, json=document, headers={"If-Match": tag})

    assert refused.status_code == status, refused.text
    assert _lock_is_free(sqlite_file)
    again = client.get(url)
    assert again.json()["version"] == read.json()["version"]  # nothing stored
    saved = client.put(url, json=read.json()["document"], headers={"If-Match": read.headers["ETag"]})
    assert saved.status_code == 200, saved.text
