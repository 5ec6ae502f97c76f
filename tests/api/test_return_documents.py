"""A submitted return's files over the API: whoever sees the plan downloads them, the same bytes every time."""

import hashlib
import re

from sqlmodel import Session

from service.app import create_app
from service.planning.exports import DOCX, XLSX
from service.platform.settings import Settings
from service.tables.columns import id_of
from tests.conftest import ClientFor
from tests.returns.submitted_return import filled_return


def _base(session: Session) -> str:
    view, made = filled_return(session)
    return f"/api/v1/plans/{id_of(view.plan)}/returns/{made.quarter}/submissions/{made.number}"


def test_a_reviewer_downloads_the_word_document_named_and_tagged_by_its_hash(
    client_for: ClientFor, session: Session
) -> None:
    base = _base(session)
    reviewer = client_for("reviewer_x")

    first, again = reviewer.get(f"{base}/document"), reviewer.get(f"{base}/document")

    assert first.status_code == 200, first.text
    assert first.headers["content-type"] == DOCX
    assert re.search(r'filename="[^"]+ 2024-25 Q1 return \(submission 1\)\.docx"', first.headers["content-disposition"])
    assert first.headers["etag"] == f'"{hashlib.sha256(first.content).hexdigest()}"'
    assert again.content == first.content


def test_the_spend_workbook_of_the_submission_downloads_too(client_for: ClientFor, session: Session) -> None:
    base = _base(session)

    workbook = client_for("finance_a").get(f"{base}/spend.xlsx")

    assert workbook.status_code == 200
    assert workbook.headers["content-type"] == XLSX
    assert "Q1 spend (submission 1).xlsx" in workbook.headers["content-disposition"]


def test_another_partnership_and_a_submission_not_made_are_not_found(client_for: ClientFor, session: Session) -> None:
    base = _base(session)

    assert client_for("planner_b").get(f"{base}/document").status_code == 404
    assert (
        client_for("planner_a").get(base.replace("/submissions/1", "/submissions/2") + "/document").status_code == 404
    )
    assert client_for("planner_a").get(base.replace("/returns/1/", "/returns/5/") + "/document").status_code == 422


def test_the_openapi_document_names_each_files_media_type() -> None:
    paths = create_app(Settings(environment="test", database_url="sqlite://")).openapi()["paths"]
    route = "/api/v1/plans/{plan_id}/returns/{quarter}/submissions/{number}"

    document = paths[f"{route}/document"]["get"]["responses"]["200"]["content"]
    workbook = paths[f"{route}/spend.xlsx"]["get"]["responses"]["200"]["content"]

    assert set(document) == {DOCX}
    assert set(workbook) == {XLSX}
