"""A submitted return's Word document and spend workbook: made from the snapshot alone, the same bytes every time."""

import io
import zipfile
from decimal import Decimal

from docx import Document
from openpyxl import load_workbook
from sqlmodel import Session

from plan_schema.funding import ExpenditureRow
from plan_schema.wording import long_date
from service.planning.timetable import ENGLAND, lateness
from service.returns import spend, submission_documents
from service.tables.columns import id_of
from service.tables.returns import ReturnSubmission
from tests.returns.reporting_plan import RED_METRIC
from tests.returns.submitted_return import COMMENTARY, NOTE, REASON, filled_return


def _text(docx: bytes) -> str:
    """Every paragraph and table cell of a document, one to a line."""
    document = Document(io.BytesIO(docx))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join([paragraph.text for paragraph in document.paragraphs] + cells)


def test_the_document_names_the_submission_and_carries_every_section_as_submitted(session: Session) -> None:
    view, made = filled_return(session)

    document = submission_documents.return_document(view, made, session=session)
    text = _text(document.content)

    assert document.filename == f"{view.partnership.name} 2024-25 Q1 return (submission 1).docx"
    assert "Quarter 1 return: April to June 2024" in text
    local = made.submitted_at.astimezone(ENGLAND)
    assert f"Quarter 1 return, submission 1, submitted {long_date(local.date())}" in text
    assert f"{long_date(local.date())} at {local:%H:%M}" in text  # England's time, not UTC
    assert "Priya Planner" in text
    assert "31 July 2024" in text
    assert lateness(made.days_late).capitalize() in text
    assert made.content_sha256 in text
    assert "Complete on 20 Jun 2024" in text
    assert "Off track" in text
    assert NOTE in text  # escaped into the XML, read back as typed
    assert REASON in text
    assert "Clinical lead" in text
    assert "31 Mar 2025" in text
    assert f"{RED_METRIC} " in text
    assert COMMENTARY in text
    assert "+£234.50" in text
    assert "+23.5%" in text
    assert "Over by more than 10%" in text
    assert "£1,234.50 (quarters 1 to 1)" in text
    assert "as the finance officer entered it" in text


def test_the_same_submission_gives_the_same_bytes_whatever_is_saved_after_it(session: Session) -> None:
    view, made = filled_return(session)
    first = submission_documents.return_document(view, made, session=session)
    first_workbook = submission_documents.spend_workbook(view, made)
    plan_id = id_of(view.plan)
    stored = spend.read_spend(plan_id, 1, session=session)
    changed = [row.model_copy(update={"police": Decimal("99999")}) for row in stored.entry.actual]
    spend.save_spend(plan_id, 1, spend.SpendEntry(actual=changed), expected_version=1, by=1, session=session)

    again = submission_documents.return_document(view, made, session=session)
    workbook_again = submission_documents.spend_workbook(view, made)

    assert again.content == first.content
    assert first_workbook is not None
    assert workbook_again is not None
    assert workbook_again.content == first_workbook.content
    with zipfile.ZipFile(io.BytesIO(first.content)) as archive:
        stamped = {entry.date_time[:3] for entry in archive.infolist()}
    local = made.submitted_at.astimezone(ENGLAND).date()
    assert stamped == {(local.year, local.month, local.day)}


def test_the_workbook_is_the_quarters_spend_as_submitted(session: Session) -> None:
    view, made = filled_return(session)

    workbook = submission_documents.spend_workbook(view, made)

    assert workbook is not None
    assert workbook.filename == f"{view.partnership.name} 2024-25 Q1 spend (submission 1).xlsx"
    sheet = load_workbook(io.BytesIO(workbook.content), data_only=True).active
    values = [cell for row in sheet.iter_rows(values_only=True) for cell in row]
    assert 1234.5 in values
    assert "Over by more than 10%" in values


def test_a_snapshot_that_kept_no_working_still_gives_a_document_but_no_workbook(session: Session) -> None:
    view, made = filled_return(session)
    kept = {name: value for name, value in made.sections["spend"].items() if name != "worked_out_from"}
    older = ReturnSubmission.model_validate(made.model_dump() | {"sections": made.sections | {"spend": kept}})

    text = _text(submission_documents.return_document(view, older, session=session).content)

    assert "kept the quarter's spend but not what its variance was worked out from" in text
    assert submission_documents.spend_workbook(view, older) is None


def test_a_snapshot_keeps_what_its_variance_was_worked_out_from(session: Session) -> None:
    view, made = filled_return(session)

    inputs = spend.submitted_inputs(made.sections["spend"])

    assert inputs is not None
    assert inputs.worked_out() == spend.variance_of(id_of(view.plan), 1, session=session)
    assert isinstance(inputs.table_2[0], ExpenditureRow)
