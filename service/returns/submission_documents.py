"""A submitted return's files: its Word document and its spend workbook, made from the submission's snapshot alone.

Both are rendered when asked for rather than stored: the snapshot never changes and the renderers give the
same bytes for it every time, so the file downloaded today is the one downloaded on the day it was submitted.

May import: service.documents, service.planning, service.access, service.tables, plan_schema.
"""

import hashlib
from dataclasses import dataclass

from sqlmodel import Session

from service.access.accounts import names_of
from service.documents.context import one_line
from service.documents.filenames import return_filename
from service.documents.return_document import SubmittedReturn, render_return_docx
from service.documents.spend_workbook import SpendSheet, render_spend_xlsx
from service.planning.exports import DOCX, XLSX
from service.planning.plans import PlanView
from service.planning.timetable import ENGLAND, lateness
from service.returns import spend
from service.returns.spend_variance import quarter_months
from service.tables.returns import ReturnSubmission


@dataclass(frozen=True)
class SubmissionFile:
    """One file of a submitted return: its name, media type and bytes."""

    filename: str
    media_type: str
    content: bytes

    @property
    def sha256(self) -> str:
        """The file's hash, its ETag: the same file always has the same."""
        return hashlib.sha256(self.content).hexdigest()


def _spend_inputs(made: ReturnSubmission) -> spend.VarianceInputs | None:
    section = made.sections.get("spend")
    return None if section is None else spend.submitted_inputs(section)


def return_document(view: PlanView, made: ReturnSubmission, *, session: Session) -> SubmissionFile:
    """The submitted return as a Word document."""
    inputs = _spend_inputs(made)
    submitter = names_of([made.submitted_by], session=session).get(made.submitted_by, f"User {made.submitted_by}")
    submitted = SubmittedReturn(
        partnership_name=view.partnership.name,
        plan_year=view.cycle.plan_year,
        quarter=made.quarter,
        number=made.number,
        submitted_at=made.submitted_at.astimezone(ENGLAND),
        submitted_by=submitter,
        due=made.due,
        lateness=lateness(made.days_late),
        content_sha256=made.content_sha256,
        sections=made.sections,
        spend=None if inputs is None else inputs.worked_out(),
    )
    name = return_filename(
        one_line(view.partnership.name), view.cycle.plan_year, made.quarter, "return", made.number, "docx"
    )
    return SubmissionFile(name, DOCX, render_return_docx(submitted))


def spend_workbook(view: PlanView, made: ReturnSubmission) -> SubmissionFile | None:
    """The submitted quarter's spend as a workbook; None for a snapshot that kept too little to work it out."""
    inputs = _spend_inputs(made)
    if inputs is None or inputs.entry is None:
        return None
    sheet = SpendSheet(
        partnership_name=one_line(view.partnership.name),
        plan_year=view.cycle.plan_year,
        months=quarter_months(view.cycle.plan_year, made.quarter),
        result=inputs.worked_out(),
        table_2=inputs.table_2,
        this_quarter=inputs.entry.actual,
        profile_entered=inputs.entry.profile is not None,
        document_date=made.submitted_at.astimezone(ENGLAND).date(),
    )
    name = return_filename(
        one_line(view.partnership.name), view.cycle.plan_year, made.quarter, "spend", made.number, "xlsx"
    )
    return SubmissionFile(name, XLSX, render_spend_xlsx(sheet))
