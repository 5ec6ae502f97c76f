"""An integer bound for the database that does not fit in 64 bits is refused by name, never a 500.

Routes are read from the application itself, so a route added with an unbounded id fails here.
"""

import typing
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.dependencies.models import Dependant
from fastapi.testclient import TestClient

from service.access.route_coverage import api_routes
from service.app import create_app
from service.platform.settings import Settings
from tests.conftest import ClientFor, Demo

TOO_BIG = 2**63
# Path parameters that are not integers, and a value each that names something real.
OTHER_PATH_VALUES = {"part": "funding", "stage": "initial", "extension": "csv"}


def _is_int(annotation: Any) -> bool:
    return annotation is int or any(_is_int(argument) for argument in typing.get_args(annotation))


def _dependants(dependant: Dependant) -> Iterator[Dependant]:
    yield dependant
    for sub in dependant.dependencies:
        yield from _dependants(sub)


def _integer_parameters(kind: str) -> list[tuple[str, str, str, list[str]]]:
    """(method, path, parameter, path's other parameters) for every integer `kind` parameter of every route."""
    app: FastAPI = create_app(Settings(environment="test", database_url="sqlite://"))
    found: set[tuple[str, str, str, tuple[str, ...]]] = set()
    for route in api_routes(app):
        assert route.path is not None, route  # every API route is served at a path
        params = [p for d in _dependants(route.dependant) for p in getattr(d, f"{kind}_params")]
        path_params = sorted({p.name for d in _dependants(route.dependant) for p in d.path_params})
        for param in params:
            if _is_int(param.field_info.annotation):
                for method in route.methods or ():
                    found.add((method, route.path, param.alias, tuple(path_params)))
    return [(method, path, name, list(others)) for method, path, name, others in sorted(found)]


def _url(path: str, path_params: list[str], **values: object) -> str:
    for name in path_params:
        path = path.replace(f"{{{name}}}", str(values.get(name, OTHER_PATH_VALUES.get(name, 1))))
    return path


PATH_IDS = _integer_parameters("path")
QUERY_IDS = _integer_parameters("query")


def test_the_sweeps_find_the_ids() -> None:
    assert ("GET", "/api/v1/cycles/{cycle_id}", "cycle_id", ["cycle_id"]) in PATH_IDS
    assert ("GET", "/plans/{plan_id}", "plan_id", ["plan_id"]) in PATH_IDS
    assert ("GET", "/api/v1/plans", "partnership_id", []) in QUERY_IDS


@pytest.mark.parametrize(("method", "path", "name", "path_params"), PATH_IDS, ids=[" ".join(p[:3]) for p in PATH_IDS])
def test_a_path_id_beyond_64_bits_is_refused_by_name(
    client: TestClient, method: str, path: str, name: str, path_params: list[str]
) -> None:
    response = client.request(method, _url(path, path_params, **{name: TOO_BIG}))

    if path.startswith("/api/"):
        assert response.status_code == 422, response.text
        assert {"parameter": name, "in": "path"}.items() <= response.json()["errors"][0].items()
    else:  # a page's address that cannot name anything is a page that is not found
        assert response.status_code == 404, response.text
        assert "Page not found" in response.text


@pytest.mark.parametrize(("method", "path", "name", "path_params"), QUERY_IDS, ids=[" ".join(p[:3]) for p in QUERY_IDS])
@pytest.mark.parametrize("value", [TOO_BIG, -30396047867637772492734464], ids=["too big", "too small"])
def test_a_query_id_beyond_64_bits_is_refused_by_name(
    client: TestClient, method: str, path: str, name: str, path_params: list[str], value: int
) -> None:
    response = client.request(method, _url(path, path_params), params={name: value})

    assert response.status_code == 422, response.text
    if path.startswith("/api/"):
        assert {"parameter": name, "in": "query"}.items() <= response.json()["errors"][0].items()


def test_a_new_plans_ids_beyond_64_bits_are_named(client: TestClient) -> None:
    response = client.post("/api/v1/plans", json={"partnership_id": TOO_BIG, "cycle_id": -TOO_BIG})

    assert response.status_code == 422
    assert {error["pointer"] for error in response.json()["errors"]} == {"/partnership_id", "/cycle_id"}


def test_a_reply_to_a_comment_beyond_64_bits_is_named(client_for: ClientFor, demo: Demo) -> None:
    response = client_for("reviewer_x").post(
        f"/api/v1/plans/{demo.filled_plan_id}/comments", json={"body": "See 1.7.", "reply_to": TOO_BIG}
    )

    assert response.status_code == 422
    assert response.json()["errors"][0]["pointer"] == "/reply_to"


def test_an_etag_version_beyond_64_bits_is_a_stale_version(client: TestClient, demo: Demo) -> None:
    url = f"/api/v1/plans/{demo.filled_plan_id}/parts/funding"
    before = client.get(url)

    response = client.put(url, json=before.json()["document"], headers={"If-Match": f'"funding-{TOO_BIG}"'})

    assert response.status_code == 412
    assert client.get(url).json() == before.json()


def test_the_admin_users_page_ignores_an_id_beyond_64_bits(client: TestClient) -> None:
    response = client.get("/admin/users", params={"created": TOO_BIG})

    assert response.status_code == 200
    assert "An account is created" not in response.text


def test_a_part_form_with_a_version_beyond_64_bits_saves_nothing(client: TestClient, demo: Demo) -> None:
    url = f"/api/v1/plans/{demo.filled_plan_id}/parts/strategic-summary"
    before = client.get(url).json()

    response = client.post(
        f"/plans/{demo.filled_plan_id}/strategic-summary", data={"version": str(TOO_BIG), "likely_demand": "More."}
    )

    assert response.status_code == 422, response.text
    assert "nothing was saved" in response.text
    assert client.get(url).json() == before
