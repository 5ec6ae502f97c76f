"""Every route × every kind of caller: the expectation table is the access contract.

Routes are read from the application itself, so a route added without an entry here (or
without a policy, which create_app refuses) makes this suite fail.
"""

from datetime import date, timedelta
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import Connection
from sqlmodel import Session, select

from plan_schema.parts import parse_part
from plan_schema.vocabulary import PartName
from service.access import tokens
from service.access.accounts import find_user
from service.access.route_coverage import api_routes
from service.documents.funding_workbook import render_funding_xlsx
from service.planning import exports, plans
from service.planning.cycles import create_cycle
from service.tables.access import User
from service.tables.columns import id_of
from service.tables.jobs import JobStatus, RegenerationJob
from service.tables.journey import Attachment, Comment, Submission, SubmissionDocument
from service.tables.plans import PlanPart
from tests.access.calls import ACTORS, World
from tests.access.route_expectations import CALLS
from tests.conftest import ACTORS as ACCOUNTS
from tests.conftest import ClientFor, Demo


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
            if call.content is not None:
                kwargs["content"] = call.content
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
