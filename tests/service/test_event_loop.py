"""A page that only reads runs on the event loop where SQLite is the database, and in the thread pool otherwise."""

import threading
from collections.abc import Iterator
from typing import Annotated

import pytest
from fastapi import Depends, FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import Engine
from sqlmodel import Session, text

from service.platform.event_loop import on_the_loop


def _threads_of_a_page(engine: Engine) -> tuple[int, int, int]:
    """The thread of the event loop, the thread the page ran in, and what its statement answered."""
    seen: dict[str, int] = {}

    def get_session() -> Iterator[Session]:
        with Session(engine) as session:
            yield session

    async def loop_thread() -> int:
        return threading.get_ident()

    app = FastAPI()

    @app.get("/page")
    @on_the_loop
    def page(session: Annotated[Session, Depends(get_session)], loop: Annotated[int, Depends(loop_thread)]) -> int:
        seen["loop"], seen["page"] = loop, threading.get_ident()
        return int(session.exec(text("SELECT 42")).one()[0])  # type: ignore[call-overload]

    with TestClient(app) as client:
        answer = client.get("/page").json()
    return seen["loop"], seen["page"], answer


def test_on_sqlite_a_read_only_page_runs_on_the_event_loop(engine: Engine) -> None:
    loop, page, answer = _threads_of_a_page(engine)

    assert answer == 42
    if engine.dialect.name == "sqlite":
        assert page == loop
    else:  # a round trip would hold the loop idle: the pool's thread waits instead
        assert page != loop


def test_a_page_without_the_session_cannot_be_put_on_the_loop() -> None:
    def page() -> str:
        return "no database"

    with pytest.raises(TypeError, match="takes no session"):
        on_the_loop(page)
