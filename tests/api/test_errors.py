"""Every error is problem+json, and no stack trace ever reaches a client."""

import pytest
from fastapi import Depends
from fastapi.testclient import TestClient

from service.access import policy
from service.app import create_app
from service.platform.errors import BrokenInvariant, Conflict, ServiceError
from service.platform.problems import registered_for
from service.platform.settings import Settings
from tests.conftest import Demo

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


def test_a_body_of_thousands_of_unknown_keys_lists_the_first_100_errors_and_counts_the_rest(
    client: TestClient, demo: Demo
) -> None:
    url = f"/api/v1/plans/{demo.filled_plan_id}/parts/strategic-summary"
    before = client.get(url)
    body = before.json()["document"] | {f"unknown_{n}": n for n in range(5_000)}

    response = client.put(url, json=body, headers={"If-Match": before.headers["ETag"]})

    problem = response.json()
    assert response.status_code == 422
    assert len(problem["errors"]) == 100
    assert problem["errors"][0] == {"pointer": "/unknown_0", "detail": "Extra inputs are not permitted"}
    assert problem["errors_omitted"] == 4_900
    assert "(and 4999 more)" in problem["detail"]
    assert "Only the first 100 errors are listed" in problem["detail"]
    assert client.get(url).json() == before.json()


def test_a_list_of_100_errors_is_listed_whole(client: TestClient, demo: Demo) -> None:
    url = f"/api/v1/plans/{demo.filled_plan_id}/parts/strategic-summary"
    before = client.get(url)
    body = before.json()["document"] | {f"unknown_{n}": n for n in range(100)}

    problem = client.put(url, json=body, headers={"If-Match": before.headers["ETag"]}).json()

    assert len(problem["errors"]) == 100
    assert "errors_omitted" not in problem
    assert "listed" not in problem["detail"]


def test_a_handler_given_an_error_it_was_not_registered_for_fails_loudly_even_under_python_o() -> None:
    conflict = Conflict("taken")

    assert registered_for(ServiceError, conflict) is conflict
    with pytest.raises(BrokenInvariant, match="a handler for ServiceError was given KeyError"):
        registered_for(ServiceError, KeyError("x"))
