"""The files a submitted return offers on its page: its Word document and its spend workbook, each with its size."""

from dataclasses import dataclass

from sqlmodel import Session

from service.pages.journey.attachment_pages import size_text
from service.planning.plans import PlanView
from service.returns import submission_documents
from service.tables.returns import ReturnSubmission


@dataclass(frozen=True)
class Download:
    """A file of the submission as its link says it: what it is, its type and its size (as GOV.UK links files)."""

    title: str
    href: str
    format_name: str
    size: str


def downloads(view: PlanView, made: ReturnSubmission, *, session: Session) -> list[Download]:
    """The submission's Word document and, when the snapshot kept enough to make it, its spend workbook."""
    base = f"/api/v1/plans/{made.plan_id}/returns/{made.quarter}/submissions/{made.number}"
    document = submission_documents.return_document(view, made, session=session)
    files = [Download("The return as submitted", f"{base}/document", "Word document", size_text(len(document.content)))]
    workbook = submission_documents.spend_workbook(view, made)
    if workbook is not None:
        size = size_text(len(workbook.content))
        files.append(Download("The quarter's spend as submitted", f"{base}/spend.xlsx", "Excel workbook", size))
    return files
