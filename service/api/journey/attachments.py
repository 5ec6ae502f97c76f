"""Routes for a plan's attachments: upload (checked by content), list, download, remove before submission."""

import datetime
from typing import Annotated, Literal

from fastapi import APIRouter, File, Form, Response, UploadFile
from pydantic import BaseModel

from service.access.guards import Attacher, Viewer
from service.api import openapi
from service.documents.filenames import file_disposition
from service.journey import attachments
from service.journey.attachment_types import ALLOWED_TYPES, MAX_ATTACHMENT_BYTES
from service.platform.deps import SessionDep
from service.platform.ids import DbId
from service.tables.columns import id_of
from service.tables.journey import Attachment

router = APIRouter(tags=["attachments"])


class AttachmentOut(BaseModel):
    """An attachment, without its content."""

    id: int
    kind: str
    filename: str
    media_type: str
    size: int
    sha256: str
    uploaded_by: int
    uploaded_at: datetime.datetime
    href: str


def _out(attachment: Attachment) -> AttachmentOut:
    href = f"/api/v1/plans/{attachment.plan_id}/attachments/{attachment.id}"
    return AttachmentOut(**attachment.model_dump(exclude={"content", "plan_id"}), href=href)


@router.post("/plans/{plan_id}/attachments", status_code=201, summary="Attach a file")
def attach(
    by: Attacher,
    session: SessionDep,
    file: Annotated[UploadFile, File(description="PDF, Word, Excel, OpenDocument, PNG or JPEG; at most 10 MB.")],
    kind: Annotated[Literal["harm-reduction-self-audit", "supporting"], Form()] = "supporting",
) -> AttachmentOut:
    """Attach the harm reduction self-audit or a supporting file; its type is checked by content."""
    content = file.file.read(MAX_ATTACHMENT_BYTES + 1)
    attachment = attachments.attach(
        by.view.plan, kind, file.filename or "attachment", content, by=by.member.user_id, session=session
    )
    return _out(attachment)


@router.get("/plans/{plan_id}/attachments", summary="List attachments")
def list_attachments(view: Viewer, session: SessionDep) -> list[AttachmentOut]:
    """The plan's attachments, oldest first."""
    return [_out(attachment) for attachment in attachments.attachments_of(id_of(view.plan), session=session)]


@router.get(
    "/plans/{plan_id}/attachments/{attachment_id}",
    summary="Download an attachment",
    response_class=Response,
    responses=openapi.files(
        *(kind.media_type for kind in ALLOWED_TYPES), description="The file, of the type found when it was attached."
    ),
)
def download(attachment_id: DbId, view: Viewer, session: SessionDep) -> Response:
    """The file, with a safe Content-Disposition and nosniff."""
    attachment = attachments.attachment_of(id_of(view.plan), attachment_id, session=session)
    headers = {"Content-Disposition": file_disposition(attachment.filename), "X-Content-Type-Options": "nosniff"}
    return Response(attachment.content, media_type=attachment.media_type, headers=headers)


@router.delete(
    "/plans/{plan_id}/attachments/{attachment_id}", status_code=204, summary="Remove an attachment not yet submitted"
)
def remove(attachment_id: DbId, by: Attacher, session: SessionDep) -> Response:
    """Take back a file attached since the plan's latest submission; one that went with a submission stays (409)."""
    attachments.remove(by.view.plan, attachment_id, by=by.member.user_id, session=session)
    return Response(status_code=204)
