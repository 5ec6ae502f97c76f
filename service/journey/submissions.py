"""Submissions: immutable snapshots of the parts a stage carries, with their documents."""

from collections.abc import Sequence
from typing import Any

from sqlalchemy import bindparam
from sqlalchemy.orm import defer
from sqlmodel import Session, col, func, select

from plan_schema.parts import parse_part
from plan_schema.vocabulary import STAGE_PARTS, PartName, SubmissionStage
from service.access import audit
from service.documents.context import Submitted
from service.notifications import events
from service.planning import exports, parts, plans, submitted, validation, workflow
from service.planning.timetable import days_late, local_date, stage_due
from service.platform.canonical import sha256_of
from service.platform.errors import Conflict, NotFound, ServiceError
from service.tables.columns import id_of, utc_now
from service.tables.journey import Submission, SubmissionDocument
from validators.findings import errors_of


class PlanInvalid(ServiceError):
    """A submission refused because a part it carries has not been started or has errors."""

    status = 422
    title = "The plan cannot be submitted yet"
    problem_type = "urn:adtp:problem:plan-invalid"


def content_sha256(plan_id: int, stage: SubmissionStage, documents: dict[str, Any]) -> str:
    """The SHA-256 that identifies what a submission carried: the canonical JSON of plan, stage and parts."""
    return sha256_of({"plan_id": plan_id, "stage": stage.value, "parts": documents})


def submit(plan_id: int, stage: SubmissionStage, *, submitted_by: int, session: Session) -> Submission:
    """Snapshot the parts a stage carries, if the timetable and the rules allow it."""
    plan = plans.lock_plan(plan_id, session=session)
    action = workflow.STAGE_ACTIONS[stage]
    workflow.ensure_allowed(plan, action)
    view = plans.get_plan(plan_id, session=session)
    stored = parts.read_parts(plan_id, session=session)
    checked = validation.validate(view, stored, session=session)
    readiness = checked.stages[stage]
    if not readiness.ready:
        blocking = [
            {"part": part.value, **validation.finding_dict(finding)}
            for part in readiness.parts
            for finding in errors_of(checked.findings[part])
        ]
        raise PlanInvalid(
            " ".join(readiness.blocking),
            blocking=list(readiness.blocking),
            not_started=[part.value for part in readiness.not_started],
            findings=blocking,
        )
    carried = STAGE_PARTS[stage]
    documents = {part.value: stored[part].document for part in carried}
    digest = content_sha256(plan_id, stage, documents)
    previous = submitted.latest(plan_id, session=session, stage=stage)
    revisions_requested = workflow.status_of(plan) is workflow.PlanStatus.REVISIONS_REQUESTED
    if previous is not None and previous.content_sha256 == digest and not revisions_requested:
        raise Conflict(
            f"Nothing has changed since submission {previous.number}, so there is nothing new to submit.",
            submission_id=previous.id,
        )
    now = utc_now()
    due = stage_due(view.cycle, stage)
    count = session.exec(select(func.count()).select_from(Submission).where(Submission.plan_id == plan_id)).one()
    submission = Submission(
        plan_id=plan_id,
        number=count + 1,
        stage=stage.value,
        submitted_at=now,
        submitted_by=submitted_by,
        due=due,
        days_late=days_late(due, now),
        parts=documents,
        findings=[
            {"part": part.value, **validation.finding_dict(f)} for part in carried for f in checked.findings[part]
        ],
        content_sha256=digest,
    )
    session.add(submission)
    session.flush()
    files = [
        SubmissionDocument(
            submission_id=id_of(submission),
            part=rendered.part.value,
            filename=rendered.filename,
            media_type=rendered.media_type,
            content=rendered.content,
            sha256=rendered.sha256,
        )
        for rendered in render_documents(submission, view)
    ]
    session.add_all(files)
    status = workflow.advance(plan, action, session=session)
    if stage is SubmissionStage.INITIAL:
        # Part 4's rules compare with the January figures this submission now holds.
        validation.context_changed([plan_id], session=session)
        validation.keep_plan_findings(view, session=session)
    audit.record(
        "plan-submitted",
        session=session,
        user_id=submitted_by,
        object_type="plan",
        object_id=plan_id,
        stage=stage.value,
        submission=submission.number,
        sha256=digest,
        days_late=submission.days_late,
    )
    events.submission_received(view, submission, files, status, session=session)
    return submission


def render_documents(submission: Submission, view: plans.PlanView) -> list[exports.RenderedDocument]:
    """A submission's files, rendered from its snapshot as of the day it was made, with the current templates.

    Rendering is deterministic, so with unchanged templates this gives the very bytes stored at submission.
    Raises pydantic.ValidationError for a snapshot the current schema no longer reads.
    """
    carried = [part for part in STAGE_PARTS[SubmissionStage(submission.stage)] if part.value in submission.parts]
    models = {part: parse_part(part, submission.parts[part.value]) for part in carried}
    context = exports.document_context(view, local_date(submission.submitted_at), submitted=submitted_as(submission))
    return exports.render_parts(carried, models, context)


def submitted_as(submission: Submission) -> Submitted:
    """What a submission's documents say they are: its stage, number, time and snapshot hash."""
    return Submitted(
        stage=submission.stage,
        number=submission.number,
        submitted_at=submission.submitted_at,
        content_sha256=submission.content_sha256,
    )


# Built once, as the plan page asks at every showing: building a statement costs more than running it.
_SUBMISSIONS = (
    select(Submission).where(col(Submission.plan_id) == bindparam("plan_id")).order_by(col(Submission.number))
)


def list_for(plan_id: int, *, session: Session) -> Sequence[Submission]:
    """A plan's submissions, oldest first."""
    return session.exec(_SUBMISSIONS, params={"plan_id": plan_id}).all()


def get(plan_id: int, submission_id: int, *, session: Session) -> Submission:
    """One of a plan's submissions."""
    submission = session.get(Submission, submission_id)
    if submission is None or submission.plan_id != plan_id:
        raise NotFound(f"Plan {plan_id} has no submission {submission_id}.")
    return submission


class NothingToCompare(NotFound):
    """A comparison left to its default end, but the plan has no submission of that stage yet."""


def compared(
    plan_id: int, from_id: int | None, to_id: int | None, *, session: Session
) -> tuple[Submission, Submission]:
    """The two submissions a comparison shows, the same for the API and the page.

    Those asked for (NotFound if the plan has no such submission), else the latest initial and the latest
    final; never some other submission in their place, so one address always compares the same two.
    """

    def chosen(submission_id: int | None, stage: SubmissionStage) -> Submission:
        if submission_id is not None:
            return get(plan_id, submission_id, session=session)
        newest = submitted.latest(plan_id, session=session, stage=stage)
        if newest is None:
            raise NothingToCompare(f"The plan has no {stage.value} submission to compare.")
        return newest

    return chosen(from_id, SubmissionStage.INITIAL), chosen(to_id, SubmissionStage.FINAL)


def documents_of(submission_id: int, *, session: Session) -> Sequence[SubmissionDocument]:
    """The files rendered when a submission was made, for listing: their bytes are read only if used."""
    query = (
        select(SubmissionDocument)
        .where(SubmissionDocument.submission_id == submission_id)
        .options(defer(SubmissionDocument.content))  # type: ignore[arg-type]  # SQLModel types it as bytes
    )
    return session.exec(query.order_by(col(SubmissionDocument.part))).all()


def document(submission_id: int, part: PartName, *, session: Session) -> SubmissionDocument:
    """One stored document of a submission."""
    found = session.exec(
        select(SubmissionDocument).where(
            SubmissionDocument.submission_id == submission_id, SubmissionDocument.part == part.value
        )
    ).first()
    if found is None:
        raise NotFound(f"Submission {submission_id} did not carry {part.value}.")
    return found
