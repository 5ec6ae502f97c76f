"""The plan's quarterly returns page, and its link from the plan page once the plan reports."""

from sqlmodel import Session

from plan_schema.quarterly_return import ActionsProgress
from service.planning.workflow import PlanStatus
from service.returns import actions
from service.returns.submissions import submit_return
from service.tables.columns import id_of
from tests.conftest import Demo
from tests.pages.conftest import BrowserFor
from tests.returns.reporting_plan import reporting_plan


def test_a_signed_off_plan_links_to_its_returns_and_lists_four_quarters(
    browser_for: BrowserFor, session: Session
) -> None:
    plan_id = id_of(reporting_plan(session).plan)
    actions.save_actions(plan_id, 3, ActionsProgress(), expected_version=0, by=1, session=session)
    submit_return(plan_id, 2, submitted_by=1, session=session)
    reviewer = browser_for("reviewer_x")

    plan_page = reviewer.get(f"/plans/{plan_id}")
    page = reviewer.get(f"/plans/{plan_id}/returns")

    assert f'href="/plans/{plan_id}/returns"' in plan_page.text
    assert page.status_code == 200
    assert page.text.count('<th scope="row"') == 4
    assert "Quarter 1 (April to June 2024)" in page.text
    assert "31 July 2024" in page.text
    # Every 2024/25 return is past due: those not submitted, begun (Q3) or not, say so in red.
    assert page.text.count(">Overdue<") == 3
    assert page.text.count(">Submitted<") == 1
    assert f'href="/plans/{plan_id}/returns/2/submissions/1">Submission 1</a>,' in page.text
    assert "days late" in page.text


def test_a_plan_not_signed_off_has_no_returns_link_and_its_page_says_why(
    browser_for: BrowserFor, demo: Demo, session: Session
) -> None:
    plan_id = id_of(reporting_plan(session, status=PlanStatus.FINAL_SUBMITTED).plan)
    planner = browser_for("planner_a")

    assert f'href="/plans/{plan_id}/returns"' not in planner.get(f"/plans/{plan_id}").text
    refused = planner.get(f"/plans/{plan_id}/returns")
    assert refused.status_code == 409
    assert "signed off" in refused.text
