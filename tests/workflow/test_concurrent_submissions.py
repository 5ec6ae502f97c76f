"""Two people submitting one plan at the same moment make exactly one snapshot (PostgreSQL, real commits)."""

import threading
from collections.abc import Iterator
from datetime import timedelta

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, func
from sqlmodel import Session, col, select

from plan_schema.vocabulary import PartName, SubmissionStage
from service.access import accounts, tokens
from service.app import create_app
from service.demo.filled_plan import filled_plan
from service.journey import submissions
from service.planning import parts, plans, reference
from service.platform.settings import Settings
from service.tables.access import Role
from service.tables.columns import id_of
from service.tables.journey import SELF_AUDIT, Attachment, Submission
from service.tables.plans import Partnership, Plan, PlanCycle
from tests.conftest import DEMO_PASSWORD
from tests.throwaway_database import throwaway_postgres

pytestmark = pytest.mark.postgres


@pytest.fixture(scope="module")
def committed_database() -> Iterator[Engine]:
    """A database of its own: these tests commit, and submissions can never be deleted."""
    with throwaway_postgres("the PostgreSQL concurrency tests") as (engine, _):
        yield engine


def _ready_plan_and_tokens(engine: Engine, how_many: int) -> tuple[int, list[str]]:
    """A filled plan of a partnership that has none yet, its self-audit, and tokens for its planner."""
    with Session(engine) as session:
        planned = {plan.partnership_id for plan in session.exec(select(Plan)).all()}
        partnership = next(p for p in session.exec(select(Partnership)).all() if p.id not in planned)
        # The demo's current cycle: the latest plan year.
        cycle = session.exec(select(PlanCycle).order_by(col(PlanCycle.plan_year).desc())).first()
        assert cycle is not None
        view = plans.create_plan(session=session, partnership_id=id_of(partnership), cycle_id=id_of(cycle))
        pct_codes = [pct.code for pct in reference.pcts_of(id_of(partnership), session=session)]
        for part, document in filled_plan(cycle.plan_year, pct_codes).items():
            parts.replace_part(id_of(view.plan), part, document, expected_version=1, session=session)
        planner = accounts.create_user(
            session=session,
            email=f"planner-{partnership.code}@example.org",
            name="Planner",
            role=Role.PLANNER,
            password=DEMO_PASSWORD,
            partnership_id=id_of(partnership),
        )
        session.add(
            Attachment(
                plan_id=id_of(view.plan),
                kind=SELF_AUDIT,
                filename="a.pdf",
                media_type="application/pdf",
                size=4,
                sha256="0" * 64,
                content=b"%PDF",
                uploaded_by=id_of(planner),
            )
        )
        secrets = [
            tokens.issue(id_of(planner), session=session, kind="personal", name=f"t{n}", lifetime=timedelta(1)).secret
            for n in range(how_many)
        ]
        session.commit()
        return id_of(view.plan), secrets


def _at_once(engine: Engine, requests: list[dict[str, str]]) -> list[int]:
    """Send one submission per header set from its own client, all released together."""
    app = create_app(Settings(environment="test", database_url="postgresql://unused"), engine=engine)
    barrier = threading.Barrier(len(requests))
    statuses: list[int] = []
    plan_id = requests[0].pop("plan")

    def send(headers: dict[str, str]) -> None:
        with TestClient(app, raise_server_exceptions=False) as client:
            barrier.wait()
            response = client.post(f"/api/v1/plans/{plan_id}/submissions", json={"stage": "initial"}, headers=headers)
            statuses.append(response.status_code)

    threads = [threading.Thread(target=send, args=(headers,)) for headers in requests]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return sorted(statuses)


def _snapshots(engine: Engine, plan_id: int) -> int:
    with Session(engine) as session:
        return session.exec(select(func.count()).select_from(Submission).where(Submission.plan_id == plan_id)).one()


def test_two_simultaneous_submissions_make_exactly_one_snapshot(committed_database: Engine) -> None:
    plan_id, (first, second) = _ready_plan_and_tokens(committed_database, 2)

    statuses = _at_once(
        committed_database,
        [{"plan": str(plan_id), "Authorization": f"Bearer {first}"}, {"Authorization": f"Bearer {second}"}],
    )

    assert statuses == [201, 409]
    assert _snapshots(committed_database, plan_id) == 1


def test_simultaneous_retries_with_one_key_make_exactly_one_snapshot(committed_database: Engine) -> None:
    plan_id, (token,) = _ready_plan_and_tokens(committed_database, 1)
    headers = {"Authorization": f"Bearer {token}", "Idempotency-Key": "same-click-twice"}

    statuses = _at_once(committed_database, [{"plan": str(plan_id), **headers}, dict(headers), dict(headers)])

    assert statuses.count(201) >= 1
    assert set(statuses) <= {201, 409}
    assert _snapshots(committed_database, plan_id) == 1


def test_a_save_waiting_on_a_submission_is_refused_once_the_submission_freezes_the_part(
    committed_database: Engine,
) -> None:
    plan_id, (token,) = _ready_plan_and_tokens(committed_database, 1)
    app = create_app(Settings(environment="test", database_url="postgresql://unused"), engine=committed_database)
    url = f"/api/v1/plans/{plan_id}/parts/strategic-summary"
    headers = {"Authorization": f"Bearer {token}"}
    with TestClient(app, raise_server_exceptions=False) as client:
        read = client.get(url, headers=headers)
    saved: list[int] = []

    def save() -> None:
        with TestClient(app, raise_server_exceptions=False) as client:
            body = read.json()["document"] | {"priorities_for_next_year": "Saved while it was being submitted."}
            saved.append(client.put(url, json=body, headers=headers | {"If-Match": read.headers["ETag"]}).status_code)

    with Session(committed_database) as submitting:
        holder = tokens.find_usable(token, session=submitting)
        assert holder is not None
        submissions.submit(plan_id, SubmissionStage.INITIAL, submitted_by=id_of(holder[1]), session=submitting)
        saving = threading.Thread(target=save)
        saving.start()
        saving.join(timeout=1)  # the save now waits for the plan the submission holds
        submitting.commit()
    saving.join(timeout=60)

    assert saved == [409]
    with Session(committed_database) as session:
        stored = parts.read_part(plan_id, PartName.STRATEGIC_SUMMARY, session=session)
        assert stored.version == read.json()["version"]
