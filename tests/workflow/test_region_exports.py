"""A region's pack of latest submissions, and the finance reconciliation across its plans."""

import csv
import hashlib
import io
import zipfile
from decimal import Decimal

import openpyxl
from sqlmodel import Session

from service.tables.plans import PlanCycle, Region
from tests.conftest import ClientFor, Demo
from tests.workflow.flow import sign_off


def test_the_region_pack_holds_each_latest_submission_its_self_audit_an_index_a_reconciliation_and_a_manifest(
    client_for: ClientFor, demo: Demo, session: Session
) -> None:
    planner, reviewer = client_for("planner_a"), client_for("reviewer_x")
    sign_off(planner, reviewer, demo.filled_plan_id)
    region = reviewer.get("/api/v1/me").json()["region_id"]
    final = planner.get(f"/api/v1/plans/{demo.filled_plan_id}/submissions").json()[-1]
    stored = planner.get(f"/api/v1/plans/{demo.filled_plan_id}/submissions/{final['id']}").json()["documents"]
    region_name = session.get(Region, region)
    plan_year = session.get(PlanCycle, demo.current_cycle_id)
    assert region_name is not None
    assert plan_year is not None
    year = plan_year.plan_year.replace("/", "-")

    response = reviewer.get(f"/api/v1/regions/{region}/pack.zip")

    archive = zipfile.ZipFile(io.BytesIO(response.content))
    names = archive.namelist()
    assert response.headers["content-type"] == "application/zip"
    assert archive.testzip() is None
    folder = "Birmingham Drug Action Team/submission 2 (final)"
    index, reconciliation = f"{region_name.name} index {year}.xlsx", f"{region_name.name} reconciliation {year}.xlsx"
    assert sorted(names[: len(stored)]) == sorted(f"{folder}/{document['filename']}" for document in stored)
    assert names[len(stored) :] == [
        f"{folder}/attachments/harm-reduction-self-audit/audit.pdf",
        index,
        reconciliation,
        "manifest.csv",
    ]
    assert archive.read(f"{folder}/attachments/harm-reduction-self-audit/audit.pdf").startswith(b"%PDF")
    manifest = list(csv.DictReader(io.StringIO(archive.read("manifest.csv").decode("utf-8-sig"))))
    for row in manifest:
        assert hashlib.sha256(archive.read(row["path"])).hexdigest() == row["sha256"]
    assert {document["sha256"] for document in stored} <= {row["sha256"] for row in manifest}
    listed = openpyxl.load_workbook(io.BytesIO(archive.read(index))).active
    by_name = {row[0]: row for row in listed.iter_rows(min_row=4, values_only=True)}
    assert by_name["Birmingham Drug Action Team"][2] == "2 (final)"
    assert by_name["Birmingham Drug Action Team"][5] == folder
    others = [row for name, row in by_name.items() if name != "Birmingham Drug Action Team"]
    assert others
    assert all(row[2] == "not submitted" and row[5] is None for row in others)
    assert (
        openpyxl.load_workbook(io.BytesIO(archive.read(reconciliation))).active["A1"].value.startswith(region_name.name)
    )


def test_the_reconciliation_workbook_has_a_row_per_partnership_with_live_differences(
    client_for: ClientFor, demo: Demo
) -> None:
    reviewer = client_for("reviewer_x")
    region = reviewer.get("/api/v1/me").json()["region_id"]
    funding = reviewer.get(f"/api/v1/plans/{demo.filled_plan_id}/parts/funding").json()["document"]

    response = reviewer.get(f"/api/v1/regions/{region}/reconciliation.xlsx")

    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    headers = [str(cell.value) for cell in sheet[3]]
    rows = {
        row[1]: dict(zip(headers, row, strict=False)) for row in sheet.iter_rows(min_row=4, values_only=True) if row[1]
    }
    birmingham = rows["Birmingham Drug Action Team"]
    total = next(value for header, value in birmingham.items() if "1.14" in header)
    spent = next(value for header, value in birmingham.items() if "N15" in header)
    assert Decimal(str(total)) == Decimal(funding["table_1"][1]["total"])
    assert Decimal(str(spent)) == Decimal(funding["table_2_totals"]["total"])
    formulas = [cell.value for row in sheet.iter_rows(min_row=4) for cell in row if str(cell.value).startswith("=")]
    assert any("ROUND" in formula for formula in formulas)
    assert len(rows) > 2
    not_started = [row for row in rows.values() if row["Status"] == "not started"]
    assert not_started
    assert all(row["Submission"] == "none (not started)" for row in not_started)
    previous = funding["table_1"][0]
    assert Decimal(str(birmingham["1.14 of the previous year (Table 1)"])) == Decimal(previous["total"])
    police = birmingham["Table 2 row 15: 1.6 Police"]
    assert Decimal(str(police)) == Decimal(funding["table_2_totals"]["police"])


def test_the_national_reconciliation_covers_every_region(client_for: ClientFor, demo: Demo) -> None:
    response = client_for("admin").get("/api/v1/reconciliation.xlsx")

    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    regions = {row[0] for row in sheet.iter_rows(min_row=4, values_only=True) if row[1]}
    assert len(regions) == 9


def test_region_downloads_are_named_safely_whatever_the_regions_code(
    client_for: ClientFor, demo: Demo, session: Session
) -> None:
    reviewer = client_for("reviewer_x")
    region = session.get(Region, reviewer.get("/api/v1/me").json()["region_id"])
    assert region is not None
    region.code = 'W"M\r\nX/Y'
    plan_year = reviewer.get(f"/api/v1/cycles/{demo.current_cycle_id}").json()["plan_year"]
    session.add(region)
    session.flush()

    for path in (f"/api/v1/regions/{region.id}/pack.zip", f"/api/v1/regions/{region.id}/reconciliation.xlsx"):
        disposition = reviewer.get(path).headers["content-disposition"]

        assert disposition.startswith(f'attachment; filename="W M X Y-{plan_year.replace("/", "-")}-')
        assert "\r" not in disposition
        assert "\n" not in disposition
        assert disposition.count('"') == 2
