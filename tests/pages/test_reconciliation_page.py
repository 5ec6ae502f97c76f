"""A plan's Part 4 reconciliation: the region workbook's figures for its partnership, shown as a page."""

from sqlmodel import Session

from service.documents.reconciliation_workbook import ReconciliationRow
from service.oversight import region_exports
from service.pages.rendering import money
from service.planning import plans, reference
from tests.conftest import ClientFor, Demo, make_initial_submission_overdue
from tests.pages.conftest import BrowserFor


def _workbook_row(session: Session, plan_id: int) -> ReconciliationRow:
    """The plan's row of its region's reconciliation workbook, as the download builds it."""
    view = plans.get_plan(plan_id, session=session)
    region = reference.get_region(view.partnership.region_id, session=session)
    rows = region_exports.reconciliation_rows([region], view.cycle, session=session)
    return next(row for row in rows if row.partnership == view.partnership.name)


def test_finance_sees_the_workbooks_figures_for_its_plan(browser_for: BrowserFor, session: Session, demo: Demo) -> None:
    row = _workbook_row(session, demo.filled_plan_id)
    assert row.total_funding_1_14 is not None
    assert row.expenditure_n15 is not None
    assert row.difference is not None

    page = browser_for("finance_a").get(f"/plans/{demo.filled_plan_id}/reconciliation")

    assert page.status_code == 200
    assert f'id="total-funding">{money(row.total_funding_1_14)}<' in page.text
    assert f'id="total-expenditure">{money(row.expenditure_n15)}<' in page.text
    assert money(row.difference) in page.text
    assert f"{row.errors} error" in page.text
    assert f"{row.warnings} warning" in page.text
    assert "No submission yet: the draft figures" in page.text


def test_a_late_submission_is_named_with_its_days_late(
    browser_for: BrowserFor, client_for: ClientFor, session: Session, demo: Demo
) -> None:
    make_initial_submission_overdue(session, demo.current_cycle_id, days=2)
    planner = client_for("planner_a")
    pdf = {"file": ("audit.pdf", b"%PDF-1.4\n%%EOF\n", "application/pdf")}
    planner.post(
        f"/api/v1/plans/{demo.filled_plan_id}/attachments", files=pdf, data={"kind": "harm-reduction-self-audit"}
    )
    assert (
        planner.post(f"/api/v1/plans/{demo.filled_plan_id}/submissions", json={"stage": "initial"}).status_code == 201
    )
    row = _workbook_row(session, demo.filled_plan_id)
    assert row.days_late == 2

    page = browser_for("finance_a").get(f"/plans/{demo.filled_plan_id}/reconciliation").text

    assert f"Submission {row.submission}" in page
    assert f"{row.days_late} days late" in page


def test_a_mismatch_between_n15_and_1_14_is_flagged(browser_for: BrowserFor, session: Session, demo: Demo) -> None:
    row = _workbook_row(session, demo.filled_plan_id)
    page = browser_for("reviewer_x").get(f"/plans/{demo.filled_plan_id}/reconciliation").text

    expected = "Reconciled" if row.difference == 0 else "Does not reconcile"
    assert expected in page


def test_reviewers_and_admins_get_the_region_workbook_link_and_finance_does_not(
    browser_for: BrowserFor, session: Session, demo: Demo
) -> None:
    region_id = plans.get_plan(demo.filled_plan_id, session=session).partnership.region_id
    link = f'href="/api/v1/regions/{region_id}/reconciliation.xlsx'
    url = f"/plans/{demo.filled_plan_id}/reconciliation"

    assert link in browser_for("reviewer_x").get(url).text
    assert link in browser_for("admin").get(url).text
    assert link not in browser_for("finance_a").get(url).text


def test_other_partnerships_cannot_see_it_and_the_plan_page_links_it(browser_for: BrowserFor, demo: Demo) -> None:
    url = f"/plans/{demo.filled_plan_id}/reconciliation"

    assert browser_for("planner_b").get(url).status_code == 404
    assert f'href="{url}"' in browser_for("finance_a").get(f"/plans/{demo.filled_plan_id}").text
