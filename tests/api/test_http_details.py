"""HTTP as clients expect it: Allow on 405, HEAD wherever GET, strict filters, safe file names."""

import hashlib
from urllib.parse import unquote

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlmodel import Session

from service.access.accounts import find_user
from service.access.route_coverage import api_routes
from service.planning import plans
from service.tables.columns import id_of
from service.tables.journey import Attachment
from service.tables.plans import Region
from tests.conftest import ACTORS, ClientFor, Demo
from tests.pages.reviewing import submit
from tests.workflow.flow import PDF


def _allowed(response: object) -> set[str]:
    return {method.strip() for method in response.headers["allow"].split(",")}  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("method", "path", "allowed"),
    [
        ("DELETE", "/api/v1/plans/{plan}/parts/funding", {"GET", "HEAD", "PUT"}),
        ("PATCH", "/api/v1/plans", {"GET", "HEAD", "POST"}),
        ("DELETE", "/plans/{plan}/planning-grids/1", {"GET", "HEAD", "POST"}),
        ("POST", "/assets/service/service.css", {"GET", "HEAD"}),
    ],
)
def test_a_405_lists_every_method_the_resource_has(
    client: TestClient, demo: Demo, method: str, path: str, allowed: set[str]
) -> None:
    response = client.request(method, path.format(plan=demo.filled_plan_id))

    assert response.status_code == 405
    assert _allowed(response) == allowed


def test_head_answers_as_get_does_without_a_body_on_every_get_route_without_parameters(
    app: FastAPI, client: TestClient
) -> None:
    paths = sorted(
        context.path
        for context in api_routes(app)
        if context.path and "GET" in (context.methods or ()) and "{" not in context.path
    )
    assert "/api/v1/health" in paths
    for path in paths:
        got, head = client.get(path), client.head(path)

        assert (path, head.status_code) == (path, got.status_code)
        assert head.headers.get("content-type") == got.headers.get("content-type"), path
        assert head.content == b"", path


@pytest.mark.parametrize("path", ["/api/v1/plans/{plan}", "/plans/{plan}", "/plans/{plan}/funding"])
def test_head_works_on_a_plans_resources(client_for: ClientFor, demo: Demo, path: str) -> None:
    planner = client_for("planner_a")
    url = path.format(plan=demo.filled_plan_id)

    head = planner.head(url)

    assert head.status_code == planner.get(url).status_code == 200
    assert head.content == b""


def test_a_dashboard_filter_with_an_unknown_status_is_refused_naming_it(client_for: ClientFor) -> None:
    reviewer = client_for("reviewer_x")
    region = reviewer.get("/api/v1/me").json()["region_id"]

    response = reviewer.get(f"/api/v1/regions/{region}/dashboard", params={"status": "finished"})

    assert response.status_code == 422
    assert "status" in response.text
    assert "drafting" in response.text


NASTY = 'Ŵrexham "Quoted"\r\nX-Injected: yes\n; filename=evil.exe'


def _assert_safe_download(response: object) -> None:
    assert response.status_code == 200, response.text  # type: ignore[attr-defined]
    disposition: str = response.headers["content-disposition"]  # type: ignore[attr-defined]
    assert disposition.isascii()
    assert "\r" not in disposition
    assert "\n" not in disposition
    assert "x-injected" not in {name.lower() for name in response.headers}  # type: ignore[attr-defined]
    ascii_name = disposition.split('filename="')[1].split('"')[0]
    assert '"' not in ascii_name
    assert ";" not in ascii_name
    assert "Ŵ" in unquote(disposition.split("filename*=UTF-8''")[1])


def test_names_with_line_breaks_quotes_and_accents_download_safely_from_every_route(
    client_for: ClientFor, demo: Demo, session: Session
) -> None:
    plan = plans.get_plan(demo.filled_plan_id, session=session)
    plan.partnership.name = NASTY
    region = session.get(Region, plan.partnership.region_id)
    assert region is not None
    region.name, region.code = NASTY, 'Ŵ"x\r\nY: z'
    # Stored as it is, as if an older upload path had let it through.
    uploader = find_user(ACTORS["planner_a"], session=session)
    assert uploader is not None
    attachment = Attachment(
        plan_id=demo.filled_plan_id,
        kind="supporting",
        filename=NASTY + ".pdf",
        media_type="application/pdf",
        size=len(PDF),
        sha256=hashlib.sha256(PDF).hexdigest(),
        content=PDF,
        uploaded_by=id_of(uploader),
    )
    session.add_all([plan.partnership, region, attachment])
    session.flush()
    submit(client_for, demo.filled_plan_id, "initial")
    reviewer, admin = client_for("reviewer_x"), client_for("admin")
    plan_url = f"/api/v1/plans/{demo.filled_plan_id}"
    submission = reviewer.get(f"{plan_url}/submissions").json()[0]["id"]

    for client, url in (
        (reviewer, f"{plan_url}/documents/funding"),
        (reviewer, f"{plan_url}/documents/strategic-summary"),
        (reviewer, f"{plan_url}/submissions/{submission}/documents/funding"),
        (reviewer, f"{plan_url}/attachments/{attachment.id}"),
        (reviewer, f"/api/v1/regions/{region.id}/pack.zip"),
        (reviewer, f"/api/v1/regions/{region.id}/reconciliation.xlsx"),
    ):
        _assert_safe_download(client.get(url))
    assert admin.get("/api/v1/reconciliation.xlsx").status_code == 200
