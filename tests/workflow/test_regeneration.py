"""Regenerating a region's submitted documents as a background job, with progress, away from requests."""

import datetime
import io
import threading
import zipfile
from collections.abc import Callable
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlmodel import Session, select

from service.app import create_app
from service.oversight import regeneration
from service.oversight.job_runner import JobRunner, running_jobs
from service.planning import exports, plans
from service.platform.settings import Settings
from service.tables.columns import id_of
from service.tables.jobs import JobStatus, RegeneratedDocument, RegenerationJob
from service.tables.journey import Submission, SubmissionDocument
from tests.conftest import ClientFor, Demo
from tests.workflow.flow import sign_off


@pytest.fixture
def signed_off(client_for: ClientFor, demo: Demo) -> dict[str, Any]:
    """The demo plan signed off (two submissions), and the ids the tests need."""
    planner, reviewer, admin = client_for("planner_a"), client_for("reviewer_x"), client_for("admin")
    sign_off(planner, reviewer, demo.filled_plan_id)
    submissions = planner.get(f"/api/v1/plans/{demo.filled_plan_id}/submissions").json()
    return {
        "admin": admin,
        "reviewer": reviewer,
        "planner": planner,
        "region": reviewer.get("/api/v1/me").json()["region_id"],
        "initial": submissions[0]["id"],
        "final": submissions[-1]["id"],
    }


def _run_jobs(app: FastAPI) -> int:
    return JobRunner(app.state.open_session).run_until_idle()


def test_a_requested_job_answers_at_once_and_renders_nothing_until_a_runner_takes_it(
    signed_off: dict[str, Any], session: Session
) -> None:
    admin, region = signed_off["admin"], signed_off["region"]

    answer = admin.post(f"/api/v1/regions/{region}/document-regenerations")

    job = answer.json()
    assert answer.status_code == 202
    assert answer.headers["location"] == f"/api/v1/regions/{region}/document-regenerations/{job['id']}"
    assert (job["status"], job["total"], job["done"], job["percent_complete"]) == ("queued", 1, 0, 0)
    assert session.exec(select(RegeneratedDocument)).all() == []


def test_the_runner_renders_every_document_again_byte_for_byte_while_templates_are_unchanged(
    signed_off: dict[str, Any], app: FastAPI, session: Session
) -> None:
    admin, region = signed_off["admin"], signed_off["region"]
    location = admin.post(f"/api/v1/regions/{region}/document-regenerations").headers["location"]

    assert _run_jobs(app) == 1

    job = signed_off["reviewer"].get(location).json()
    assert (job["status"], job["done"], job["failed"], job["percent_complete"]) == ("finished", 1, 0, 100)
    original = session.exec(select(SubmissionDocument).where(SubmissionDocument.submission_id == signed_off["final"]))
    again = session.exec(select(RegeneratedDocument).where(RegeneratedDocument.submission_id == signed_off["final"]))
    assert {row.part: row.sha256 for row in again} == {row.part: row.sha256 for row in original}


def test_after_a_template_change_the_pack_has_the_new_documents_and_the_submission_keeps_its_own(
    signed_off: dict[str, Any], app: FastAPI, monkeypatch: pytest.MonkeyPatch
) -> None:
    admin, reviewer, region = signed_off["admin"], signed_off["reviewer"], signed_off["region"]
    submitted = reviewer.get(f"/api/v1/plans/1/submissions/{signed_off['final']}/documents/funding").content
    monkeypatch.setattr(exports, "render_funding_xlsx", lambda funding, context: b"the new Part 4 workbook")
    admin.post(f"/api/v1/regions/{region}/document-regenerations")

    _run_jobs(app)

    pack = zipfile.ZipFile(io.BytesIO(reviewer.get(f"/api/v1/regions/{region}/pack.zip").content))
    workbook = next(name for name in pack.namelist() if name.endswith(".xlsx"))
    assert pack.read(workbook) == b"the new Part 4 workbook"
    assert reviewer.get(f"/api/v1/plans/1/submissions/{signed_off['final']}/documents/funding").content == submitted


def test_a_second_job_for_the_region_is_refused_while_the_first_is_unfinished(signed_off: dict[str, Any]) -> None:
    admin, region = signed_off["admin"], signed_off["region"]
    first = admin.post(f"/api/v1/regions/{region}/document-regenerations").json()

    second = admin.post(f"/api/v1/regions/{region}/document-regenerations")

    assert second.status_code == 409
    assert second.json()["job_id"] == first["id"]
    assert f"Job {first['id']} is already regenerating" in second.json()["detail"]


def _job(session: Session, demo: Demo, submission_ids: list[int]) -> RegenerationJob:
    """A queued job over the given submissions, as request_regeneration would make for a larger region."""
    view = plans.get_plan(demo.filled_plan_id, session=session)
    job = RegenerationJob(
        region_id=view.partnership.region_id,
        cycle_id=id_of(view.cycle),
        requested_by=1,
        status=JobStatus.QUEUED.value,
        submission_ids=submission_ids,
        failures=[],
    )
    session.add(job)
    session.flush()
    return job


def test_a_runner_stopped_part_way_leaves_its_progress_and_the_rest_to_the_next(
    signed_off: dict[str, Any], app: FastAPI, session: Session, demo: Demo
) -> None:
    job = _job(session, demo, [signed_off["initial"], signed_off["final"]])
    job_id = id_of(job)
    asked: list[bool] = []

    def stop_after_the_first() -> bool:
        asked.append(True)
        return len(asked) > 1

    claimed = regeneration.claim_next(app.state.open_session)
    regeneration.run_job(job_id, app.state.open_session, stopping=stop_after_the_first)

    session.expire_all()
    halfway = session.get(RegenerationJob, job_id)
    assert halfway is not None
    assert (claimed, halfway.status, halfway.done, halfway.total) == (job_id, "queued", 1, 2)

    assert _run_jobs(app) == 1
    session.expire_all()
    finished = session.get(RegenerationJob, job_id)
    assert finished is not None
    assert (finished.status, finished.done) == ("finished", 2)


def test_a_snapshot_that_no_longer_fits_the_template_is_listed_and_the_others_are_rendered(
    signed_off: dict[str, Any], app: FastAPI, session: Session, demo: Demo
) -> None:
    old = Submission(
        plan_id=demo.filled_plan_id,
        number=9,
        stage="initial",
        submitted_by=1,
        due=datetime.date(2008, 1, 15),
        days_late=0,
        parts={"funding": {"table_1": "not a table"}},
        findings=[],
        content_sha256="0" * 64,
    )
    session.add(old)
    session.flush()
    job = _job(session, demo, [id_of(old), signed_off["final"]])

    _run_jobs(app)

    shown = signed_off["reviewer"].get(f"/api/v1/regions/{job.region_id}/document-regenerations/{job.id}").json()
    assert (shown["status"], shown["done"], shown["failed"]) == ("finished", 1, 1)
    assert shown["failures"][0]["partnership"] == "Birmingham Drug Action Team"
    assert "no longer fit the plan template" in shown["failures"][0]["detail"]


def test_a_runner_thread_takes_a_requested_job_and_finishes_it(
    signed_off: dict[str, Any], app: FastAPI, monkeypatch: pytest.MonkeyPatch
) -> None:
    ran = threading.Event()
    run_job: Callable[..., None] = regeneration.run_job

    def run_and_tell(*args: Any, **kwargs: Any) -> None:
        run_job(*args, **kwargs)
        ran.set()

    monkeypatch.setattr(regeneration, "run_job", run_and_tell)
    location = signed_off["admin"].post(f"/api/v1/regions/{signed_off['region']}/document-regenerations")
    # Started only now: the runner shares the test's one database connection, which a request
    # in flight must not be using at the same time (served, each has its own).
    runner = JobRunner(app.state.open_session, poll_seconds=60)
    runner.start()
    assert ran.wait(timeout=120), "the runner did not take the job"
    runner.stop()

    job = signed_off["reviewer"].get(location.headers["location"]).json()
    assert (job["status"], job["done"], job["started_at"] is not None) == ("finished", 1, True)


def test_the_served_application_starts_a_runner_and_stops_it(app: FastAPI, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(regeneration, "claim_next", lambda open_session: None)  # no job, no database
    served = create_app(
        Settings(environment="test", database_url="sqlite://"),
        engine=app.state.engine,
        open_session=app.state.open_session,
        lifespan=running_jobs,
    )

    with TestClient(served):
        runner = served.state.job_runner
        assert runner.running

    assert not runner.running
