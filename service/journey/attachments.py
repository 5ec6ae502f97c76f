"""Files attached to a plan, checked by their content against an allow-list."""

import hashlib
from collections.abc import Sequence

from sqlalchemy.orm import defer
from sqlmodel import Session, col, select

from plan_schema.wording import long_date
from service.access import audit
from service.journey.attachment_types import MAX_ATTACHMENT_BYTES, attachment_filename, identify
from service.planning import submitted, workflow
from service.planning.timetable import local_date
from service.platform.errors import Conflict, NotFound, ServiceError
from service.tables.columns import id_of
from service.tables.journey import SELF_AUDIT, Attachment, Submission
from service.tables.plans import Plan

KINDS = (SELF_AUDIT, "supporting")


class UnsupportedFile(ServiceError):
    """A file whose content is not one of the types we accept."""

    status = 415
    title = "Unsupported file type"


class FileTooLarge(ServiceError):
    """A file over the size limit."""

    status = 413
    title = "Content too large"


def attach(plan: Plan, kind: str, filename: str, content: bytes, *, by: int, session: Session) -> Attachment:
    """Store a file on a plan that is not yet signed off, named for what it really is."""
    workflow.ensure_attachable(plan, session=session)
    if len(content) > MAX_ATTACHMENT_BYTES:
        raise FileTooLarge(f"The file is over the {MAX_ATTACHMENT_BYTES // (1024 * 1024)} MB limit.")
    detected = identify(content)
    if detected is None:
        raise UnsupportedFile(
            "The file is not one we accept. Attach a PDF, a Word or Excel file, "
            "an OpenDocument file, or a PNG or JPEG image."
        )
    attachment = Attachment(
        plan_id=id_of(plan),
        kind=kind,
        filename=attachment_filename(filename, detected),
        media_type=detected.media_type,
        size=len(content),
        sha256=hashlib.sha256(content).hexdigest(),
        content=content,
        uploaded_by=by,
    )
    session.add(attachment)
    session.flush()
    audit.record(
        "attachment-added",
        session=session,
        user_id=by,
        object_type="plan",
        object_id=plan.id,
        attachment=attachment.id,
        kind=kind,
        sha256=attachment.sha256,
    )
    return attachment


def attachments_of(plan_id: int, *, session: Session) -> Sequence[Attachment]:
    """A plan's attachments, oldest first, for listing: each file's bytes (up to 10 MB) are read only if used."""
    query = select(Attachment).where(Attachment.plan_id == plan_id).options(defer(Attachment.content))  # type: ignore[arg-type]  # SQLModel types it as bytes
    return session.exec(query.order_by(col(Attachment.id))).all()


def attachment_of(plan_id: int, attachment_id: int, *, session: Session) -> Attachment:
    """One of a plan's attachments."""
    attachment = session.get(Attachment, attachment_id)
    if attachment is None or attachment.plan_id != plan_id:
        raise NotFound(f"Plan {plan_id} has no attachment {attachment_id}.")
    return attachment


def submitted_with(attachment: Attachment, latest: Submission | None) -> bool:
    """Whether a submission has been made since the file was attached: it went with that submission.

    The region's pack carries every file attached before a submission, so such a file is part of the
    record the panel read and stays; a file attached since the latest submission can still be taken back.
    """
    return latest is not None and attachment.uploaded_at <= latest.submitted_at


def ensure_removable(plan: Plan, attachment: Attachment, *, session: Session) -> None:
    """Refuse to take back a file once the plan is signed off, or once it went with a submission."""
    workflow.ensure_attachable(plan, session=session)
    latest = submitted.latest(id_of(plan), session=session)
    if latest is not None and submitted_with(attachment, latest):
        raise Conflict(
            f"{attachment.filename} went with submission {latest.number} "
            f"({latest.stage}, {long_date(local_date(latest.submitted_at))}) and stays with the plan. "
            "Attach a corrected file instead: the panel sees both."
        )


def removable(plan: Plan, listed: Sequence[Attachment], *, session: Session) -> set[int]:
    """The ids of the listed files that can still be taken back."""
    if workflow.status_of(plan) in workflow.LOCKED:
        return set()
    latest = submitted.latest(id_of(plan), session=session)
    return {id_of(attachment) for attachment in listed if not submitted_with(attachment, latest)}


def remove(plan: Plan, attachment_id: int, *, by: int, session: Session) -> Attachment:
    """Take back a file attached since the plan's latest submission, while the plan can still change."""
    attachment = attachment_of(id_of(plan), attachment_id, session=session)
    ensure_removable(plan, attachment, session=session)
    session.delete(attachment)
    session.flush()
    audit.record(
        "attachment-removed",
        session=session,
        user_id=by,
        object_type="plan",
        object_id=plan.id,
        attachment=attachment_id,
        kind=attachment.kind,
        sha256=attachment.sha256,
    )
    return attachment
