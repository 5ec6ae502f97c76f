"""A write is committed before its response is sent: a failing commit is never answered 200."""

from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import Connection, event
from sqlmodel import Session

from tests.conftest import Demo


def test_a_commit_that_fails_is_not_answered_as_saved(
    app: FastAPI, connection: Connection, demo: Demo, client: TestClient
) -> None:
    url = f"/api/v1/plans/{demo.filled_plan_id}/parts/strategic-summary"
    read = client.get(url)

    def refuse(session: Session) -> None:
        raise RuntimeError("the database went away during commit")

    real_open = app.state.open_session

    def open_failing_session(*, writes: bool) -> Session:
        session: Session = real_open(writes=writes)
        if writes:
            event.listen(session, "before_commit", refuse)
        return session

    app.state.open_session = open_failing_session
    response = client.put(url, json=read.json()["document"], headers={"If-Match": read.headers["ETag"]})

    assert response.status_code == 500
    assert "ETag" not in response.headers
