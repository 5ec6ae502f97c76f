"""Every error is problem+json, and no stack trace ever reaches a client."""

from fastapi import Depends
from fastapi.testclient import TestClient

from service import policy
from service.app import create_app
from service.settings import Settings

PROBLEM = "application/problem+json"


def test_an_unknown_route_is_a_404_problem(client: TestClient) -> None:
    response = client.get("/api/v1/nowhere")

    assert response.status_code == 404
    assert response.headers["content-type"] == PROBLEM
    assert response.json() == {
        "type": "about:blank",
        "title": "Not Found",
        "status": 404,
        "detail": "There is nothing at /api/v1/nowhere.",
    }


def test_a_wrong_method_is_a_405_problem_with_allow(client: TestClient) -> None:
    response = client.delete("/api/v1/regions")

    assert response.status_code == 405
    assert response.headers["content-type"] == PROBLEM
    assert response.headers["allow"] == "GET, HEAD"


def test_an_unexpected_failure_is_a_500_problem_without_a_trace() -> None:
    app = create_app(Settings(environment="test", database_url="sqlite://"))

    @app.get("/api/v1/explode", dependencies=[Depends(policy.public)])
    def explode() -> None:
        raise RuntimeError("secret internal detail")

    response = TestClient(app, raise_server_exceptions=False).get("/api/v1/explode")

    assert response.status_code == 500
    assert response.headers["content-type"] == PROBLEM
    assert "secret" not in response.text
    assert "Traceback" not in response.text
    assert "Nothing was saved" in response.json()["detail"]
