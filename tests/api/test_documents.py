"""The draft as documents, blank templates, and importing a filled Part 4 workbook."""

import io
import zipfile

import openpyxl
from fastapi.testclient import TestClient
from sqlmodel import Session

from service.planning.workflow import PlanStatus
from service.tables.journey import AgreedTargets
from service.tables.plans import Plan
from tests.conftest import ClientFor, Demo


def _xml(content: bytes, member: str) -> str:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return archive.read(member).decode()


def test_each_part_of_the_draft_downloads_as_its_document(client: TestClient, demo: Demo) -> None:
    for part, extension in (
        ("strategic-summary", "docx"),
        ("targets", "docx"),
        ("planning-grids", "docx"),
        ("funding", "xlsx"),
    ):
        response = client.get(f"/api/v1/plans/{demo.filled_plan_id}/documents/{part}")

        assert response.status_code == 200, part
        assert f'.{extension}"' in response.headers["content-disposition"]
        assert "Birmingham Drug Action Team" in response.headers["content-disposition"]
        assert zipfile.is_zipfile(io.BytesIO(response.content))


def test_part_2_shows_targets_as_numbers_once_agreed_and_the_baseline_is_in(
    client_for: ClientFor, session: Session, demo: Demo
) -> None:
    admin = client_for("admin")
    url = f"/api/v1/plans/{demo.filled_plan_id}/documents/targets"
    plan = session.get(Plan, demo.filled_plan_id)
    assert plan is not None
    plan.status = PlanStatus.TARGETS_AGREED.value  # baselines are entered once the targets are agreed
    session.add(plan)
    session.flush()
    entered = admin.put(f"/api/v1/plans/{demo.filled_plan_id}/baselines", json={"baselines": {"1.1": 3600}})
    assert entered.status_code == 200
    before = _xml(admin.get(url).content, "word/document.xml")
    targets = session.get(AgreedTargets, demo.filled_plan_id)
    assert targets is not None
    targets.planned_change_pct = {"1.1": "3.00"}
    session.add(targets)
    session.flush()

    after = _xml(admin.get(url).content, "word/document.xml")

    assert "3,708" not in before
    assert "3,708" in after


def test_the_funding_template_carries_the_cycles_years(client: TestClient, demo: Demo) -> None:
    response = client.get("/api/v1/cycles/1/templates/funding")

    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    headings = [cell.value for cell in workbook["Table 1"][4]]  # the header row
    assert response.status_code == 200
    assert any("2008/09" in str(value) for row in workbook["Table 1"].iter_rows(values_only=True) for value in row)
    assert headings is not None


def test_part_1_has_no_template(client: TestClient, demo: Demo) -> None:
    response = client.get("/api/v1/cycles/1/templates/strategic-summary")

    assert response.status_code == 404
    assert "no set format" in response.json()["detail"]


def _export(client: TestClient, plan_id: int) -> tuple[bytes, str]:
    workbook = client.get(f"/api/v1/plans/{plan_id}/documents/funding").content
    etag = client.get(f"/api/v1/plans/{plan_id}/parts/funding").headers["ETag"]
    return workbook, etag


def test_an_exported_workbook_imports_back_unchanged(client_for: ClientFor, demo: Demo) -> None:
    finance = client_for("finance_a")
    url = f"/api/v1/plans/{demo.filled_plan_id}/parts/funding"
    before = finance.get(url).json()["document"]
    workbook, etag = _export(finance, demo.filled_plan_id)

    response = finance.post(f"{url}/import", files={"workbook": ("p4.xlsx", workbook)}, headers={"If-Match": etag})

    assert response.status_code == 200, response.text
    assert response.json()["document"] == before
    assert response.json()["version"] == int(etag.strip('"').rsplit("-", 1)[1]) + 1


def test_a_workbook_with_problems_names_each_cell_and_changes_nothing(client_for: ClientFor, demo: Demo) -> None:
    finance = client_for("finance_a")
    url = f"/api/v1/plans/{demo.filled_plan_id}/parts/funding"
    workbook, etag = _export(finance, demo.filled_plan_id)
    book = openpyxl.load_workbook(io.BytesIO(workbook))
    book["Table 1"]["C9"] = -5
    book["Table 1"]["D7"] = 12
    edited = io.BytesIO()
    book.save(edited)
    before = finance.get(url).json()

    response = finance.post(
        f"{url}/import", files={"workbook": ("p4.xlsx", edited.getvalue())}, headers={"If-Match": etag}
    )

    cells = {error["cell"] for error in response.json()["errors"]}
    assert response.status_code == 422
    assert {"Table 1!C9", "Table 1!D7"} <= cells
    assert finance.get(url).json() == before


def test_an_import_needs_if_match_and_a_real_workbook(client_for: ClientFor, demo: Demo) -> None:
    finance = client_for("finance_a")
    url = f"/api/v1/plans/{demo.filled_plan_id}/parts/funding/import"
    workbook, etag = _export(finance, demo.filled_plan_id)
    word = finance.get(f"/api/v1/plans/{demo.filled_plan_id}/documents/targets").content

    assert finance.post(url, files={"workbook": ("p4.xlsx", workbook)}).status_code == 428
    not_a_workbook = finance.post(url, files={"workbook": ("p4.xlsx", word)}, headers={"If-Match": etag})
    assert not_a_workbook.status_code == 422
    too_big = finance.post(url, files={"workbook": ("p4.xlsx", b"0" * (6 * 1024 * 1024))}, headers={"If-Match": etag})
    assert too_big.status_code == 413
