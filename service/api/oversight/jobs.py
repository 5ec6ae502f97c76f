"""Routes for background jobs: regenerating a region's submitted documents, and following its progress."""

import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request, Response
from pydantic import BaseModel

from service.access.guards import Admin, Overseer
from service.oversight import dashboards, regeneration
from service.planning import reference
from service.platform.deps import SessionDep
from service.platform.ids import DbId
from service.tables.jobs import RegenerationJob

router = APIRouter(tags=["oversight"])


class JobOut(BaseModel):
    """A regeneration job and how far it has gone."""

    id: int
    region_id: int
    cycle_id: int
    status: str
    total: int
    done: int
    failed: int
    percent_complete: int
    requested_by: int
    requested_at: datetime.datetime
    started_at: datetime.datetime | None
    finished_at: datetime.datetime | None
    failures: list[dict[str, Any]]


def _percent_complete(job: RegenerationJob) -> int:
    if not job.total:  # a region with nothing submitted: done as soon as it is run
        return 100 if job.finished_at else 0
    return job.worked * 100 // job.total


def job_out(job: RegenerationJob) -> JobOut:
    """A job as the API shows it."""
    return JobOut(
        id=job.id or 0,
        region_id=job.region_id,
        cycle_id=job.cycle_id,
        status=job.status,
        total=job.total,
        done=job.done,
        failed=len(job.failures),
        percent_complete=_percent_complete(job),
        requested_by=job.requested_by,
        requested_at=job.requested_at,
        started_at=job.started_at,
        finished_at=job.finished_at,
        failures=job.failures,
    )


def _location(region_id: int, job_id: int | None) -> str:
    return f"/api/v1/regions/{region_id}/document-regenerations/{job_id}"


@router.post(
    "/regions/{region_id}/document-regenerations",
    status_code=202,
    summary="Regenerate a region's submitted documents in the background",
)
def request_regeneration(
    region_id: DbId,
    request: Request,
    response: Response,
    admin: Admin,
    session: SessionDep,
    cycle_id: Annotated[DbId | None, Query()] = None,
) -> JobOut:
    """Queue a job re-rendering the latest submission's documents of each plan of the region (e.g. after a
    template change); answers at once with the job, whose progress is at its Location. 409 while another
    job for the region is unfinished. The documents as submitted are kept; the region pack takes the new ones."""
    reference.get_region(region_id, session=session)
    cycle = dashboards.cycle_or_latest(cycle_id, session=session)
    job = regeneration.request_regeneration(region_id, cycle, requested_by=admin.user_id, session=session)
    # The job must be committed before a runner can see it; the runner is woken once the response is sent.
    session.commit()
    runner = getattr(request.app.state, "job_runner", None)
    if runner is not None:
        runner.wake()
    response.headers["Location"] = _location(region_id, job.id)
    return job_out(job)


@router.get("/regions/{region_id}/document-regenerations", summary="A region's recent regeneration jobs")
def list_jobs(region_id: DbId, _overseer: Overseer, session: SessionDep) -> list[JobOut]:
    """The region's 20 most recent jobs, newest first."""
    reference.get_region(region_id, session=session)
    return [job_out(job) for job in regeneration.jobs_of(region_id, session=session)]


@router.get("/regions/{region_id}/document-regenerations/{job_id}", summary="A regeneration job's progress")
def read_job(
    region_id: DbId,
    job_id: DbId,
    _overseer: Overseer,
    session: SessionDep,
) -> JobOut:
    """How many of the region's plans the job has re-rendered, and which could not be, with why."""
    return job_out(regeneration.get_job(region_id, job_id, session=session))
