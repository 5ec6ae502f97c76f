"""Re-rendering a region's submitted documents with the current templates: a job, run away from requests.

A region has up to 150 plans, each with up to four documents: too long for a request. An admin
requests a job (`request_regeneration`); a runner (service/oversight/job_runner.py) claims it and works through
its submissions one at a time, each in its own short transaction, so the job's progress can be read
while it runs and a runner that stops part way leaves the rest for the next. The documents stored at
submission never change (they are the record of what was submitted); the new renditions are kept
beside them, one per submission and part, and the region pack takes the newest.
"""

import datetime
import logging
import os
import socket
from collections.abc import Callable
from typing import Any

from pydantic import ValidationError
from sqlalchemy import or_, update
from sqlmodel import Session, col, select

from service.access import audit
from service.journey import submissions
from service.oversight import region_exports
from service.planning import plans
from service.platform.db import SessionFactory
from service.platform.errors import Conflict, NotFound
from service.tables.columns import id_of, utc_now
from service.tables.jobs import JobStatus, RegeneratedDocument, RegenerationJob
from service.tables.journey import Submission
from service.tables.plans import PlanCycle

log = logging.getLogger(__name__)

# A running job whose runner has not reported for this long is taken to have lost it (a stopped process).
ABANDONED_AFTER = datetime.timedelta(minutes=5)
UNFINISHED = (JobStatus.QUEUED.value, JobStatus.RUNNING.value)


def runner_name() -> str:
    """This process, as the audit log names the runner that claimed a job (asked each time: workers fork)."""
    return f"{socket.gethostname()}:{os.getpid()}"


def request_regeneration(region_id: int, cycle: PlanCycle, *, requested_by: int, session: Session) -> RegenerationJob:
    """Queue a job for the latest submission of every plan of the region in the cycle (one at a time per region)."""
    pending = session.exec(
        select(RegenerationJob).where(
            RegenerationJob.region_id == region_id, col(RegenerationJob.status).in_(UNFINISHED)
        )
    ).first()
    if pending is not None:
        raise Conflict(
            f"Job {pending.id} is already regenerating this region's documents "
            f"({pending.worked} of {pending.total} plans done): wait for it to finish.",
            job_id=pending.id,
        )
    latest = region_exports.latest_submissions(region_id, cycle, session)
    job = RegenerationJob(
        region_id=region_id,
        cycle_id=id_of(cycle),
        requested_by=requested_by,
        status=JobStatus.QUEUED.value,
        submission_ids=[id_of(submission) for _, submission in latest],
        failures=[],
    )
    session.add(job)
    session.flush()
    audit.record(
        "documents-regeneration-requested",
        session=session,
        user_id=requested_by,
        object_type="region",
        object_id=region_id,
        job=job.id,
        plans=job.total,
    )
    return job


def get_job(region_id: int, job_id: int, *, session: Session) -> RegenerationJob:
    """One of a region's jobs."""
    job = session.get(RegenerationJob, job_id)
    if job is None or job.region_id != region_id:
        raise NotFound(f"Region {region_id} has no job {job_id}.")
    return job


def jobs_of(region_id: int, *, session: Session, limit: int = 20) -> list[RegenerationJob]:
    """A region's most recent jobs, newest first."""
    query = select(RegenerationJob).where(RegenerationJob.region_id == region_id)
    return list(session.exec(query.order_by(col(RegenerationJob.id).desc()).limit(limit)).all())


def claim_next(open_session: SessionFactory) -> int | None:
    """Take the oldest queued (or abandoned) job for this runner; None when there is none.

    The claim is one conditional UPDATE, so two runners (two server processes) never take the same job.
    """
    now = utc_now()
    claimable = or_(
        col(RegenerationJob.status) == JobStatus.QUEUED.value,
        (col(RegenerationJob.status) == JobStatus.RUNNING.value)
        & (col(RegenerationJob.heartbeat_at) < now - ABANDONED_AFTER),
    )
    with open_session(writes=True) as session:
        candidate = session.exec(select(RegenerationJob.id).where(claimable).order_by(col(RegenerationJob.id))).first()
        if candidate is None:
            return None
        claimed = session.execute(
            update(RegenerationJob)
            .where(col(RegenerationJob.id) == candidate, claimable)
            .values(status=JobStatus.RUNNING.value, heartbeat_at=now)
        )
        session.execute(
            update(RegenerationJob)
            .where(col(RegenerationJob.id) == candidate, col(RegenerationJob.started_at).is_(None))
            .values(started_at=now)
        )
        taken = claimed.rowcount == 1  # type: ignore[attr-defined]
        if taken:
            # Which process took it, in the claim's own transaction: a job is never run by two at once.
            audit.record(
                "job-claimed", session=session, object_type="regeneration-job", object_id=candidate, by=runner_name()
            )
        session.commit()
        return candidate if taken else None


def run_job(job_id: int, open_session: SessionFactory, *, stopping: Callable[[], bool] = lambda: False) -> None:
    """Work through a claimed job's submissions from where it stands, committing progress after each.

    When `stopping` turns true between submissions the job goes back to the queue, its progress kept.
    """
    while True:
        with open_session(writes=False) as session:
            job = session.get(RegenerationJob, job_id)
            if job is None or job.status != JobStatus.RUNNING.value:
                return
            remaining = job.submission_ids[job.worked :]
        if not remaining:
            _finish(job_id, open_session)
            return
        if stopping():
            _set_status(job_id, JobStatus.QUEUED, open_session)
            return
        _regenerate_one(job_id, remaining[0], open_session)


def _regenerate_one(job_id: int, submission_id: int, open_session: SessionFactory) -> None:
    with open_session(writes=True) as session:
        job = session.get_one(RegenerationJob, job_id)  # jobs are never deleted
        failure = _render_into_renditions(job_id, submission_id, session)
        if failure is None:
            job.done += 1
        else:
            job.failures = [*job.failures, failure]
        job.heartbeat_at = utc_now()
        session.add(job)
        session.commit()


def _render_into_renditions(job_id: int, submission_id: int, session: Session) -> dict[str, Any] | None:
    """Render one submission's documents again and keep them; a description of the failure if it cannot be."""
    submission = session.get(Submission, submission_id)
    if submission is None:
        return {"submission_id": submission_id, "detail": "The submission no longer exists."}
    view = plans.get_plan(submission.plan_id, session=session)
    try:
        rendered = submissions.render_documents(submission, view)
    except ValidationError as invalid:
        # A snapshot from before a schema change: the job goes on with the region's other plans.
        return {
            "submission_id": submission_id,
            "partnership": view.partnership.name,
            "detail": f"The submitted parts no longer fit the plan template ({invalid.error_count()} problems).",
        }
    except Exception:  # a renderer's bug must not stop the other 149 plans of the region
        log.exception("rendering submission %s failed", submission_id)
        return {"submission_id": submission_id, "partnership": view.partnership.name, "detail": "Rendering failed."}
    kept = {
        row.part: row
        for row in session.exec(
            select(RegeneratedDocument).where(RegeneratedDocument.submission_id == submission_id)
        ).all()
    }
    for document in rendered:
        row = kept.get(document.part.value) or RegeneratedDocument(
            submission_id=submission_id,
            part=document.part.value,
            filename=document.filename,
            media_type=document.media_type,
            content=document.content,
            sha256=document.sha256,
            job_id=job_id,
        )
        row.filename, row.media_type = document.filename, document.media_type
        row.content, row.sha256 = document.content, document.sha256
        row.job_id, row.rendered_at = job_id, utc_now()
        session.add(row)
    return None


def _finish(job_id: int, open_session: SessionFactory) -> None:
    with open_session(writes=True) as session:
        job = session.get_one(RegenerationJob, job_id)  # jobs are never deleted
        # Failed only when nothing could be rendered; otherwise finished, its failures listed.
        failed = job.total > 0 and job.done == 0
        job.status = (JobStatus.FAILED if failed else JobStatus.FINISHED).value
        job.finished_at = utc_now()
        session.add(job)
        audit.record(
            "documents-regenerated",
            session=session,
            user_id=job.requested_by,
            object_type="region",
            object_id=job.region_id,
            job=job_id,
            done=job.done,
            failed=len(job.failures),
        )
        session.commit()


def _set_status(job_id: int, status: JobStatus, open_session: SessionFactory) -> None:
    with open_session(writes=True) as session:
        session.execute(update(RegenerationJob).where(col(RegenerationJob.id) == job_id).values(status=status.value))
        session.commit()
