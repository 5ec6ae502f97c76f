"""Every route × every kind of caller: the expectation table is the access contract.

Routes are read from the application itself, so a route added without an entry here (or
without a policy, which create_app refuses) makes this suite fail.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import Connection
from sqlmodel import Session, select

from plan_schema.parts import parse_part
from plan_schema.vocabulary import PartName
from service import exports, plans, tokens
from service.accounts import find_user
from service.cycles import create_cycle
from service.documents.funding_workbook import render_funding_xlsx
from service.job_models import JobStatus, RegenerationJob
from service.models import PlanPart, User, id_of
from service.policy import api_routes
from service.workflow_models import Attachment, Comment, Submission, SubmissionDocument
from tests.conftest import ACTORS as ACCOUNTS
from tests.conftest import ClientFor, Demo

ACTORS = ("anonymous", "planner_a", "finance_a", "reviewer_x", "planner_b", "reviewer_y", "admin", "read_only")
MEMBERS = {actor: 200 for actor in ACTORS if actor != "anonymous"} | {"anonymous": 401}
EVERYONE = dict.fromkeys(ACTORS, 200)
# Plan A's partnership is in region X: B's planner and Y's reviewer must not learn it exists.
SEES_A = MEMBERS | {"planner_b": 404, "reviewer_y": 404}


def writes_a(status: int, *, editors: tuple[str, ...] = ("planner_a", "admin")) -> dict[str, int]:
    """A write to one of A's objects: editors succeed, other viewers 403, outsiders 404."""
    viewers = {"planner_a": 403, "admin": 403, "finance_a": 403, "reviewer_x": 403, "read_only": 403}
    return SEES_A | viewers | dict.fromkeys(editors, status)


PLAN_A = lambda world: {"plan_id": world.plan_a}  # noqa: E731
NOBODY = dict.fromkeys(ACTORS, 404)
ADMIN_ONLY = dict.fromkeys(MEMBERS, 403) | {"anonymous": 401, "admin": 200}


@dataclass(frozen=True)
class World:
    """The ids the requests are made against."""

    plan_a: int
    partnership_a: int
    region_x: int
    cycle: int
    next_cycle: int
    planner_a_token: int
    documents: dict[str, tuple[str, Any]]
    submission: int
    comment: int
    attachment: int
    funding_workbook: bytes
    job: int


@dataclass(frozen=True)
class Call:
    """How to make one request, and what each caller should get."""

    expect: dict[str, int]
    path_params: Callable[[World], dict[str, Any]] = lambda world: {}
    body: Callable[[World], dict[str, Any]] | None = None
    headers: Callable[[World], dict[str, str]] = lambda world: {}
    form: dict[str, str] | None = None
    form_for: Callable[[World], dict[str, str]] | None = None
    files: dict[str, tuple[str, bytes, str]] | None = None
    files_for: Callable[[World], dict[str, tuple[str, bytes, str]]] | None = None


def _part_call(part: PartName, method: str) -> Call:
    params = lambda world: {"plan_id": world.plan_a}  # noqa: E731
    if method == "GET":
        return Call(SEES_A, params)
    editors = ("planner_a", "admin", "finance_a") if part is PartName.FUNDING else ("planner_a", "admin")
    return Call(
        writes_a(200, editors=editors),
        params,
        body=lambda world: world.documents[part.value][1],
        headers=lambda world: {"If-Match": world.documents[part.value][0]},
    )


CALLS: dict[tuple[str, str], Call] = {
    ("GET", "/api/v1/health"): Call(EVERYONE),
    ("POST", "/api/v1/token"): Call(dict.fromkeys(ACTORS, 401), form={"username": "nobody@x.example", "password": "x"}),
    ("GET", "/api/v1/me"): Call(MEMBERS),
    ("GET", "/api/v1/me/tokens"): Call(MEMBERS),
    ("POST", "/api/v1/me/tokens"): Call(
        dict.fromkeys(MEMBERS, 201) | {"anonymous": 401, "read_only": 403}, body=lambda world: {"name": "ci"}
    ),
    ("DELETE", "/api/v1/me/tokens/{token_id}"): Call(
        dict.fromkeys(MEMBERS, 404) | {"anonymous": 401, "planner_a": 204, "read_only": 403},
        lambda world: {"token_id": world.planner_a_token},
    ),
    ("GET", "/api/v1/regions"): Call(MEMBERS),
    ("GET", "/api/v1/regions/{region_id}"): Call(MEMBERS, lambda world: {"region_id": world.region_x}),
    ("GET", "/api/v1/partnerships"): Call(MEMBERS),
    ("GET", "/api/v1/partnerships/{partnership_id}"): Call(
        SEES_A, lambda world: {"partnership_id": world.partnership_a}
    ),
    ("GET", "/api/v1/cycles"): Call(MEMBERS),
    ("GET", "/api/v1/cycles/{cycle_id}"): Call(MEMBERS, lambda world: {"cycle_id": world.cycle}),
    ("PATCH", "/api/v1/cycles/{cycle_id}"): Call(
        dict.fromkeys(MEMBERS, 403) | {"anonymous": 401, "admin": 200},
        lambda world: {"cycle_id": world.cycle},
        body=lambda world: {"inflation_uplift_pct": "2.75"},
    ),
    ("POST", "/api/v1/plans"): Call(
        writes_a(201) | {"planner_b": 422, "reviewer_y": 403},
        body=lambda world: {"partnership_id": world.partnership_a, "cycle_id": world.next_cycle},
    ),
    ("GET", "/api/v1/plans"): Call(MEMBERS),
    ("GET", "/api/v1/plans/{plan_id}"): Call(SEES_A, lambda world: {"plan_id": world.plan_a}),
    ("GET", "/api/v1/plans/{plan_id}/validation"): Call(SEES_A, lambda world: {"plan_id": world.plan_a}),
    ("GET", "/api/v1/plans/{plan_id}/parts/{part}"): Call(
        dict.fromkeys(MEMBERS, 404) | {"anonymous": 401},
        lambda world: {"plan_id": world.plan_a, "part": "bogus"},
    ),
    ("PUT", "/api/v1/plans/{plan_id}/parts/{part}"): Call(
        dict.fromkeys(MEMBERS, 404) | {"anonymous": 401, "read_only": 403},
        lambda world: {"plan_id": world.plan_a, "part": "bogus"},
        body=lambda world: {},
    ),
    ("GET", "/api/v1/schema/{part}"): Call(EVERYONE, lambda world: {"part": "funding"}),
    # The demo plan A is still being drafted, so workflow moves by the right people are 409s.
    ("POST", "/api/v1/plans/{plan_id}/submissions"): Call(
        writes_a(422, editors=("planner_a",)), PLAN_A, body=lambda world: {"stage": "initial"}
    ),
    ("GET", "/api/v1/plans/{plan_id}/submissions"): Call(SEES_A, PLAN_A),
    ("GET", "/api/v1/plans/{plan_id}/submissions/{submission_id}"): Call(
        SEES_A, lambda world: {"plan_id": world.plan_a, "submission_id": world.submission}
    ),
    ("GET", "/api/v1/plans/{plan_id}/submissions/{submission_id}/documents/{part}"): Call(
        SEES_A, lambda world: {"plan_id": world.plan_a, "submission_id": world.submission, "part": "funding"}
    ),
    ("GET", "/api/v1/plans/{plan_id}/diff"): Call(SEES_A, PLAN_A),
    ("GET", "/api/v1/plans/{plan_id}/progress"): Call(SEES_A, PLAN_A),
    ("POST", "/api/v1/plans/{plan_id}/assessments"): Call(
        writes_a(409, editors=("reviewer_x",)), PLAN_A, body=lambda world: {"decision": "accepted"}
    ),
    ("GET", "/api/v1/plans/{plan_id}/assessments"): Call(SEES_A, PLAN_A),
    ("POST", "/api/v1/plans/{plan_id}/comments"): Call(
        writes_a(201, editors=("reviewer_x", "planner_a", "admin")),
        PLAN_A,
        body=lambda world: {"body": "Why?", "part": "funding", "path": "/table_1/1/police"},
    ),
    ("GET", "/api/v1/plans/{plan_id}/comments"): Call(SEES_A, PLAN_A),
    ("POST", "/api/v1/plans/{plan_id}/comments/{comment_id}/resolution"): Call(
        writes_a(200, editors=("reviewer_x", "planner_a", "admin")),
        lambda world: {"plan_id": world.plan_a, "comment_id": world.comment},
    ),
    ("POST", "/api/v1/plans/{plan_id}/sign-offs"): Call(writes_a(409, editors=("planner_a", "reviewer_x")), PLAN_A),
    ("POST", "/api/v1/plans/{plan_id}/reopenings"): Call(
        writes_a(409, editors=("reviewer_x", "admin")), PLAN_A, body=lambda world: {"reason": "A late change."}
    ),
    ("POST", "/api/v1/plans/{plan_id}/publication"): Call(writes_a(409, editors=("admin",)), PLAN_A),
    ("GET", "/api/v1/plans/{plan_id}/agreed-targets"): Call(SEES_A, PLAN_A),
    ("PUT", "/api/v1/plans/{plan_id}/agreed-targets"): Call(
        writes_a(409, editors=("reviewer_x",)), PLAN_A, body=lambda world: {"planned_change_pct": {"1.1": "3"}}
    ),
    ("POST", "/api/v1/plans/{plan_id}/agreed-targets/confirmation"): Call(
        writes_a(409, editors=("planner_a",)), PLAN_A
    ),
    ("PUT", "/api/v1/plans/{plan_id}/baselines"): Call(
        writes_a(200, editors=("admin",)), PLAN_A, body=lambda world: {"baselines": {"1.1": 3600}}
    ),
    ("POST", "/api/v1/plans/{plan_id}/attachments"): Call(
        writes_a(201), PLAN_A, files={"file": ("audit.pdf", b"%PDF-1.4\n%%EOF\n", "application/pdf")}
    ),
    ("GET", "/api/v1/plans/{plan_id}/attachments"): Call(SEES_A, PLAN_A),
    ("GET", "/api/v1/plans/{plan_id}/attachments/{attachment_id}"): Call(
        SEES_A, lambda world: {"plan_id": world.plan_a, "attachment_id": world.attachment}
    ),
    ("GET", "/api/v1/regions/{region_id}/dashboard"): Call(
        MEMBERS | {"planner_a": 403, "finance_a": 403, "planner_b": 403, "read_only": 403, "reviewer_y": 404},
        lambda world: {"region_id": world.region_x},
    ),
    ("GET", "/api/v1/dashboard"): Call(dict.fromkeys(MEMBERS, 403) | {"anonymous": 401, "admin": 200}),
    ("GET", "/api/v1/regions/{region_id}/pack.zip"): Call(
        MEMBERS | {"planner_a": 403, "finance_a": 403, "planner_b": 403, "read_only": 403, "reviewer_y": 404},
        lambda world: {"region_id": world.region_x},
    ),
    ("POST", "/api/v1/regions/{region_id}/document-regenerations"): Call(
        dict.fromkeys(MEMBERS, 403) | {"anonymous": 401, "admin": 202}, lambda world: {"region_id": world.region_x}
    ),
    ("GET", "/api/v1/regions/{region_id}/document-regenerations"): Call(
        MEMBERS | {"planner_a": 403, "finance_a": 403, "planner_b": 403, "read_only": 403, "reviewer_y": 404},
        lambda world: {"region_id": world.region_x},
    ),
    ("GET", "/api/v1/regions/{region_id}/document-regenerations/{job_id}"): Call(
        MEMBERS | {"planner_a": 403, "finance_a": 403, "planner_b": 403, "read_only": 403, "reviewer_y": 404},
        lambda world: {"region_id": world.region_x, "job_id": world.job},
    ),
    ("GET", "/api/v1/regions/{region_id}/reconciliation.xlsx"): Call(
        MEMBERS | {"planner_a": 403, "finance_a": 403, "planner_b": 403, "read_only": 403, "reviewer_y": 404},
        lambda world: {"region_id": world.region_x},
    ),
    ("GET", "/api/v1/reconciliation.xlsx"): Call(dict.fromkeys(MEMBERS, 403) | {"anonymous": 401, "admin": 200}),
    ("GET", "/api/v1/plans/{plan_id}/audit"): Call(SEES_A, PLAN_A),
    ("GET", "/api/v1/audit"): Call(dict.fromkeys(MEMBERS, 403) | {"anonymous": 401, "admin": 200}),
    ("GET", "/api/v1/plans/{plan_id}/documents/{part}"): Call(
        SEES_A, lambda world: {"plan_id": world.plan_a, "part": "funding"}
    ),
    ("GET", "/api/v1/cycles/{cycle_id}/templates/{part}"): Call(
        MEMBERS, lambda world: {"cycle_id": world.cycle, "part": "funding"}
    ),
    ("POST", "/api/v1/plans/{plan_id}/parts/funding/import"): Call(
        writes_a(200, editors=("planner_a", "admin", "finance_a")),
        PLAN_A,
        headers=lambda world: {"If-Match": world.documents["funding"][0]},
        files_for=lambda world: {"workbook": ("part4.xlsx", world.funding_workbook, "application/octet-stream")},
    ),
    ("GET", "/api/v1/public/plans"): Call(EVERYONE),
    # Plan A is not published: the public routes know nothing of it, whoever asks.
    ("GET", "/api/v1/public/plans/{plan_id}"): Call(NOBODY, PLAN_A),
    ("GET", "/api/v1/public/plans/{plan_id}/parts/{part}"): Call(
        NOBODY, lambda world: {"plan_id": world.plan_a, "part": "strategic-summary"}
    ),
    ("GET", "/api/v1/rules"): Call(EVERYONE),
    ("GET", "/"): Call(EVERYONE),
    ("GET", "/sign-in"): Call(EVERYONE),
    # No CSRF cookie from the sign-in page: refused whoever asks.
    ("POST", "/sign-in"): Call(dict.fromkeys(ACTORS, 403), form={"email": "a@b.example", "password": "x"}),
    # Starting A's plan for the next cycle: planners of A and admins are sent to it (303).
    ("POST", "/plans"): Call(
        dict.fromkeys(MEMBERS, 403) | {"anonymous": 401, "planner_a": 303, "admin": 303, "planner_b": 422},
        form_for=lambda world: {"partnership_id": str(world.partnership_a), "cycle_id": str(world.next_cycle)},
    ),
    ("GET", "/plans/{plan_id}"): Call(SEES_A, PLAN_A),
    ("GET", "/plans/{plan_id}/funding"): Call(SEES_A, PLAN_A),
    # An empty form is refused field by field (422) once the caller may edit Part 4.
    ("POST", "/plans/{plan_id}/funding"): Call(
        writes_a(422, editors=("planner_a", "admin", "finance_a")), PLAN_A, form={}
    ),
    # Parts 1 to 3 as pages: an empty form (no version) is re-shown unsaved (422) to those who may edit the part.
    ("GET", "/plans/{plan_id}/strategic-summary"): Call(SEES_A, PLAN_A),
    ("POST", "/plans/{plan_id}/strategic-summary"): Call(writes_a(422), PLAN_A, form={}),
    ("GET", "/plans/{plan_id}/targets"): Call(SEES_A, PLAN_A),
    ("POST", "/plans/{plan_id}/targets"): Call(writes_a(422), PLAN_A, form={}),
    ("GET", "/plans/{plan_id}/planning-grids"): Call(SEES_A, PLAN_A),
    ("POST", "/plans/{plan_id}/planning-grids"): Call(writes_a(422), PLAN_A, form={}),
    # The submission journey's pages: an undeclared submission, an empty upload are each refused (422).
    ("GET", "/plans/{plan_id}/submit/{stage}"): Call(
        SEES_A, lambda world: {"plan_id": world.plan_a, "stage": "initial"}
    ),
    ("POST", "/plans/{plan_id}/submit/{stage}"): Call(
        writes_a(422, editors=("planner_a",)), lambda world: {"plan_id": world.plan_a, "stage": "initial"}, form={}
    ),
    ("GET", "/plans/{plan_id}/submissions/{submission_id}"): Call(
        SEES_A, lambda world: {"plan_id": world.plan_a, "submission_id": world.submission}
    ),
    ("GET", "/plans/{plan_id}/attachments"): Call(SEES_A, PLAN_A),
    ("POST", "/plans/{plan_id}/attachments"): Call(writes_a(422), PLAN_A, form={}),
    ("GET", "/plans/{plan_id}/funding/import"): Call(SEES_A, PLAN_A),
    ("POST", "/plans/{plan_id}/funding/import"): Call(
        writes_a(422, editors=("planner_a", "admin", "finance_a")), PLAN_A, form={}
    ),
    # Published plans for everyone; plan A is not published, so its public page is not there for anyone.
    ("GET", "/published"): Call(EVERYONE),
    ("GET", "/published/{plan_id}"): Call(NOBODY, PLAN_A),
    ("GET", "/plans/{plan_id}/reconciliation"): Call(SEES_A, PLAN_A),
    # The administrator's pages: everyone else signed in is refused (403). Empty forms are refused
    # field by field (422); publishing plan A (drafting) is a 409 page; no baselines is a fine answer.
    ("GET", "/admin"): Call(ADMIN_ONLY),
    ("GET", "/admin/cycles"): Call(ADMIN_ONLY),
    ("GET", "/admin/cycles/{cycle_id}"): Call(ADMIN_ONLY, lambda world: {"cycle_id": world.cycle}),
    ("POST", "/admin/cycles/{cycle_id}"): Call(
        ADMIN_ONLY | {"admin": 422}, lambda world: {"cycle_id": world.cycle}, form={}
    ),
    ("GET", "/admin/partnerships"): Call(ADMIN_ONLY),
    ("GET", "/admin/users"): Call(ADMIN_ONLY),
    ("POST", "/admin/users"): Call(ADMIN_ONLY | {"admin": 422}, form={}),
    ("POST", "/admin/users/{user_id}/active"): Call(
        ADMIN_ONLY | {"admin": 404}, lambda world: {"user_id": 999_999}, form={"active": "no"}
    ),
    ("GET", "/plans/{plan_id}/publication"): Call(writes_a(200, editors=("admin",)), PLAN_A),
    ("POST", "/plans/{plan_id}/publication"): Call(writes_a(409, editors=("admin",)), PLAN_A, form={}),
    ("GET", "/plans/{plan_id}/baselines"): Call(writes_a(200, editors=("admin",)), PLAN_A),
    ("POST", "/plans/{plan_id}/baselines"): Call(writes_a(303, editors=("admin",)), PLAN_A, form={}),
    # The reviewer's pages: the same people as the review API's routes; empty forms are refused (422)
    # field by field, and workflow moves plan A (drafting) is not ready for are 409 pages.
    ("GET", "/regions/{region_id}/dashboard"): Call(
        MEMBERS | {"planner_a": 403, "finance_a": 403, "planner_b": 403, "read_only": 403, "reviewer_y": 404},
        lambda world: {"region_id": world.region_x},
    ),
    ("GET", "/plans/{plan_id}/review"): Call(SEES_A, PLAN_A),
    ("GET", "/plans/{plan_id}/diff"): Call(SEES_A, PLAN_A),
    ("POST", "/plans/{plan_id}/review/assessment"): Call(writes_a(422, editors=("reviewer_x",)), PLAN_A, form={}),
    ("POST", "/plans/{plan_id}/review/comments"): Call(
        writes_a(422, editors=("reviewer_x", "planner_a", "admin")), PLAN_A, form={}
    ),
    ("POST", "/plans/{plan_id}/review/comments/{comment_id}/replies"): Call(
        writes_a(422, editors=("reviewer_x", "planner_a", "admin")),
        lambda world: {"plan_id": world.plan_a, "comment_id": world.comment},
        form={},
    ),
    ("POST", "/plans/{plan_id}/review/comments/{comment_id}/resolution"): Call(
        writes_a(303, editors=("reviewer_x", "planner_a", "admin")),
        lambda world: {"plan_id": world.plan_a, "comment_id": world.comment},
        form={},
    ),
    ("POST", "/plans/{plan_id}/review/sign-off"): Call(
        writes_a(409, editors=("planner_a", "reviewer_x")), PLAN_A, form={}
    ),
    ("POST", "/plans/{plan_id}/review/agreed-targets"): Call(writes_a(422, editors=("reviewer_x",)), PLAN_A, form={}),
    ("POST", "/plans/{plan_id}/review/agreed-targets/confirmation"): Call(
        writes_a(409, editors=("planner_a",)), PLAN_A, form={}
    ),
    ("POST", "/sign-out"): Call(dict.fromkeys(MEMBERS, 303) | {"anonymous": 401, "read_only": 403}, form={}),
} | {
    (method, f"/api/v1/plans/{{plan_id}}/parts/{part.value}"): _part_call(part, method)
    for part in PartName
    for method in ("GET", "PUT")
}


@pytest.fixture
def world(session: Session, demo: Demo) -> World:
    view = plans.get_plan(demo.filled_plan_id, session=session)
    rows = session.exec(select(PlanPart).where(PlanPart.plan_id == demo.filled_plan_id)).all()
    planner_a = find_user(ACCOUNTS["planner_a"], session=session)
    assert planner_a is not None
    token = tokens.issue(id_of(planner_a), session=session, kind="personal", name="to revoke", lifetime=timedelta(1))
    initial = _submission(session, demo.filled_plan_id, 1, planner_a)
    _submission(session, demo.filled_plan_id, 2, planner_a)  # a final one, for the diff
    comment = Comment(plan_id=demo.filled_plan_id, body="Check 1.7.", author_id=id_of(planner_a))
    attachment = Attachment(
        plan_id=demo.filled_plan_id,
        kind="supporting",
        filename="a.pdf",
        media_type="application/pdf",
        size=4,
        sha256="0" * 64,
        content=b"%PDF",
        uploaded_by=id_of(planner_a),
    )
    job = RegenerationJob(
        region_id=view.partnership.region_id,
        cycle_id=id_of(view.cycle),
        requested_by=id_of(planner_a),
        status=JobStatus.FINISHED.value,  # finished, so that a new one may be requested
        submission_ids=[id_of(initial)],
        failures=[],
    )
    session.add_all([comment, attachment, job])
    session.flush()
    view = plans.get_plan(demo.filled_plan_id, session=session)
    funding = parse_part(PartName.FUNDING, next(row.document for row in rows if row.part == "funding"))
    workbook = render_funding_xlsx(funding, exports.document_context(view, date(2008, 1, 14)))  # type: ignore[arg-type]
    return World(
        funding_workbook=workbook,
        job=id_of(job),
        submission=id_of(initial),
        comment=id_of(comment),
        attachment=id_of(attachment),
        plan_a=demo.filled_plan_id,
        partnership_a=id_of(view.partnership),
        region_x=view.partnership.region_id,
        cycle=id_of(view.cycle),
        next_cycle=id_of(create_cycle("2009/10", session=session)),
        planner_a_token=id_of(token.token),
        documents={row.part: (f'"{row.part}-{row.version}"', row.document) for row in rows},
    )


def _submission(session: Session, plan_id: int, number: int, by: User) -> Submission:
    # Written directly: the walkthrough test makes real ones; here only access is at stake.
    stage = "initial" if number == 1 else "final"
    submission = Submission(
        plan_id=plan_id,
        number=number,
        stage=stage,
        submitted_by=id_of(by),
        due=date(2008, 1, 15),
        days_late=0,
        parts={"funding": {"table_1": []}},
        findings=[],
        content_sha256=str(number) * 64,
    )
    session.add(submission)
    session.flush()
    session.add(
        SubmissionDocument(
            submission_id=id_of(submission),
            part="funding",
            filename="a.xlsx",
            media_type="application/x",
            content=b"x",
            sha256="1" * 64,
        )
    )
    return submission


def _client(client_for: ClientFor, actor: str) -> TestClient:
    if actor == "anonymous":
        return client_for(None)
    if actor == "read_only":
        return client_for("planner_a", read_only=True)
    return client_for(actor)


def test_every_route_has_an_expectation(app: FastAPI) -> None:
    served = {(method, context.path) for context in api_routes(app) for method in context.methods or ()}

    assert served - set(CALLS) == set(), "routes with no access expectation"
    assert set(CALLS) - served == set(), "expectations for routes that no longer exist"


@pytest.mark.parametrize("actor", ACTORS)
def test_each_route_answers_each_caller_as_the_table_says(
    actor: str, world: World, client_for: ClientFor, connection: Connection
) -> None:
    client = _client(client_for, actor)
    client.follow_redirects = False
    wrong = []
    for (method, template), call in CALLS.items():
        url = template.format(**call.path_params(world))
        # Each call in a savepoint undone afterwards, so every call meets the same world.
        savepoint = connection.begin_nested()
        try:
            kwargs: dict[str, Any] = {"headers": call.headers(world)}
            if call.body is not None:
                kwargs["json"] = call.body(world)
            if call.form is not None:
                kwargs["data"] = call.form
            if call.form_for is not None:
                kwargs["data"] = call.form_for(world)
            if call.files is not None:
                kwargs["files"] = call.files
            if call.files_for is not None:
                kwargs["files"] = call.files_for(world)
            status = client.request(method, url, **kwargs).status_code
        finally:
            savepoint.rollback()
        if status != call.expect[actor]:
            wrong.append(f"{method} {url}: got {status}, expected {call.expect[actor]}")

    assert wrong == []


@pytest.mark.parametrize("actor", ["anonymous", "planner_a", "admin"])
def test_methods_a_route_does_not_serve_are_405_for_everyone(
    actor: str, app: FastAPI, world: World, client_for: ClientFor
) -> None:
    client = _client(client_for, actor)
    served: dict[str, set[str]] = {}
    for method, template in CALLS:
        served.setdefault(template, set()).add(method)
    wrong = []
    for template, methods in served.items():
        call = next(CALLS[(method, template)] for method in methods)
        url = template.format(**call.path_params(world))
        for swapped in {"GET", "PUT", "POST", "DELETE", "PATCH"} - methods:
            status = client.request(swapped, url).status_code
            if status != 405:
                wrong.append(f"{swapped} {url}: got {status}")

    assert wrong == []
