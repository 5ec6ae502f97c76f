"""What a downloaded document is, in its file name and on its pages: a draft, a submission, a blank template."""

import datetime
import io
import zipfile
from urllib.parse import unquote

from docx import Document
from fastapi.testclient import TestClient
from sqlmodel import Session

from service.tables.journey import Submission
from service.tables.plans import PlanCycle
from tests.conftest import ClientFor, Demo
from tests.workflow.flow import sign_off

PARTNERSHIP = "Birmingham Drug Action Team"


def _name(response: object) -> str:
    disposition: str = response.headers["content-disposition"]  # type: ignore[attr-defined]
    return unquote(disposition.split("filename*=UTF-8''")[1])


def _xml(content: bytes, member: str) -> str:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return archive.read(member).decode()


def _year(session: Session, cycle_id: int) -> str:
    cycle = session.get(PlanCycle, cycle_id)
    assert cycle is not None
    return cycle.plan_year.replace("/", "-")


def test_a_draft_is_named_a_draft_and_says_so_on_every_page(client: TestClient, demo: Demo, session: Session) -> None:
    year = _year(session, demo.current_cycle_id)

    response = client.get(f"/api/v1/plans/{demo.filled_plan_id}/documents/strategic-summary")

    assert _name(response) == f"{PARTNERSHIP} {year} Part 1 strategic summary (draft).docx"
    assert "Draft — not submitted" in _xml(response.content, "word/footer1.xml")
    assert Document(io.BytesIO(response.content)).core_properties.author == PARTNERSHIP


def test_a_submitted_document_is_named_by_stage_and_number_and_carries_its_snapshot(
    client_for: ClientFor, demo: Demo, session: Session
) -> None:
    planner, reviewer = client_for("planner_a"), client_for("reviewer_x")
    sign_off(planner, reviewer, demo.filled_plan_id)
    final = planner.get(f"/api/v1/plans/{demo.filled_plan_id}/submissions").json()[-1]
    submission = session.get(Submission, final["id"])
    assert submission is not None
    url = f"/api/v1/plans/{demo.filled_plan_id}/submissions/{final['id']}/documents/planning-grids"

    response = planner.get(url)
    draft = planner.get(f"/api/v1/plans/{demo.filled_plan_id}/documents/planning-grids")

    year = _year(session, demo.current_cycle_id)
    assert _name(response) == f"{PARTNERSHIP} {year} Part 3 planning grids (final submission {submission.number}).docx"
    document = Document(io.BytesIO(response.content))
    cover = [paragraph.text for paragraph in document.paragraphs[:8]]
    assert any(text.startswith(f"Final submission {submission.number}, submitted ") for text in cover)
    assert f"Snapshot SHA-256: {submission.content_sha256}" in cover
    footer = _xml(response.content, "word/footer1.xml")
    assert f"Final submission {submission.number}" in footer
    assert submission.content_sha256 in footer
    submitted_at = submission.submitted_at.astimezone(datetime.UTC).replace(microsecond=0)
    assert document.core_properties.created == submitted_at
    assert document.core_properties.modified == submitted_at
    assert "Draft — not submitted" in _xml(draft.content, "word/footer1.xml")
    assert "Draft — not submitted" not in footer


def test_blank_templates_are_named_by_year_and_part_and_have_rows_to_fill(
    client: TestClient, demo: Demo, session: Session
) -> None:
    year = _year(session, demo.current_cycle_id)
    base = f"/api/v1/cycles/{demo.current_cycle_id}/templates"

    targets, grids, funding = (client.get(f"{base}/{part}") for part in ("targets", "planning-grids", "funding"))

    assert _name(targets) == f"{year} Part 2 targets (blank template).docx"
    assert _name(grids) == f"{year} Part 3 planning grids (blank template).docx"
    assert _name(funding) == f"{year} Part 4 funding (blank template).xlsx"
    targets_text = _xml(targets.content, "word/document.xml")
    grids_text = _xml(grids.content, "word/document.xml")
    assert "Not given" not in targets_text
    assert "No primary care entries yet." not in targets_text
    assert "No objectives" not in grids_text
    assert "Blank template" in _xml(grids.content, "word/footer1.xml")
    first_grid = Document(io.BytesIO(grids.content)).tables[0]
    assert [row.cells[0].text for row in first_grid.rows[:6]] == ["No.", "1.1", "(a)", "(b)", "(c)", "1.2"]
    assert all(cell.text == "" for row in first_grid.rows[1:] for cell in row.cells[1:])
