"""Liveness says the process is up; readiness says whether its database answers, so a balancer can route by it."""

from fastapi import FastAPI
from fastapi.testclient import TestClient

from service.app import create_app
from service.platform.db import create_db_engine
from service.platform.settings import Settings


def test_readiness_is_ok_when_the_database_answers(anonymous: TestClient) -> None:
    response = anonymous.get("/api/v1/health/database")

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


def test_readiness_is_a_503_to_retry_when_the_database_does_not_answer_and_liveness_still_ok() -> None:
    # Nothing listens on port 1: the connection is refused at once.
    engine = create_db_engine("postgresql+psycopg://postgres@127.0.0.1:1/nowhere")
    app: FastAPI = create_app(Settings(environment="test", database_url="sqlite://"), engine=engine)
    with TestClient(app, raise_server_exceptions=False) as client:
        ready = client.get("/api/v1/health/database")
        alive = client.get("/api/v1/health")

    assert ready.status_code == 503
    assert ready.headers["content-type"] == "application/problem+json"
    assert ready.headers["retry-after"] == "5"
    assert ready.json()["detail"].startswith("The database does not answer.")
    assert alive.status_code == 200
    engine.dispose()


def test_a_page_whose_database_does_not_answer_says_to_try_again_not_that_something_went_wrong() -> None:
    engine = create_db_engine("postgresql+psycopg://postgres@127.0.0.1:1/nowhere")
    app: FastAPI = create_app(Settings(environment="test", database_url="sqlite://"), engine=engine)
    with TestClient(app, raise_server_exceptions=False) as client:
        page = client.get("/published")

    assert page.status_code == 503
    assert page.headers["content-type"].startswith("text/html")
    assert "The database does not answer" in page.text
    assert page.headers["retry-after"] == "5"
    engine.dispose()
