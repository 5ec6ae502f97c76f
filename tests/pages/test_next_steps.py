"""Every plan page and start page says what this user is to do next, by when, and for which plan."""

from sqlmodel import Session

from plan_schema.wording import long_date
from service.tables.plans import PlanCycle
from tests.conftest import ClientFor, Demo
from tests.pages.conftest import BrowserFor


def _cycle(session: Session, demo: Demo) -> PlanCycle:
    cycle = session.get(PlanCycle, demo.current_cycle_id)
    assert cycle is not None
    return cycle


def _sign(client_for: ClientFor, plan_id: int, actor: str) -> None:
    answer = client_for(actor).post(f"/api/v1/plans/{plan_id}/sign-offs")
    assert answer.status_code == 201, answer.text


def test_a_drafting_plan_asks_its_planner_for_the_initial_submission_by_its_date(
    browser_for: BrowserFor, demo: Demo, session: Session
) -> None:
    due = long_date(_cycle(session, demo).initial_submission_due)
    planner = browser_for("planner_a")

    plan = planner.get(f"/plans/{demo.filled_plan_id}").text
    start = planner.get("/").text

    assert f"Make the initial submission (Parts 1 and 4) by {due}" in plan
    assert f'href="/plans/{demo.filled_plan_id}/submit/initial">Make the initial submission' in plan
    assert f"Birmingham Drug Action Team {_cycle(session, demo).plan_year}: Make the initial submission" in start


def test_finance_is_asked_for_part_4_and_a_reviewer_has_nothing_to_do_yet(
    browser_for: BrowserFor, demo: Demo, session: Session
) -> None:
    finance = browser_for("finance_a").get(f"/plans/{demo.filled_plan_id}").text
    reviewer = browser_for("reviewer_x").get(f"/plans/{demo.filled_plan_id}").text

    assert "Complete Part 4 (funding) for the initial submission by" in finance
    assert "Nothing for you to do now: the plan is waiting for initial submission (Parts 1 and 4), due" in reviewer


def test_after_the_region_signs_the_planner_is_asked_to_sign_not_to_submit_again(
    final_plan: int, browser_for: BrowserFor, client_for: ClientFor, demo: Demo, session: Session
) -> None:
    _sign(client_for, final_plan, "reviewer_x")
    due = long_date(_cycle(session, demo).sign_off_due)

    plan = browser_for("planner_a").get(f"/plans/{final_plan}").text
    review = browser_for("reviewer_x").get(f"/plans/{final_plan}/review").text

    assert f"Sign the plan for the partnership by {due}" in plan
    assert f'href="/plans/{final_plan}/review#sign-off">Sign the plan for the partnership' in plan
    # Checking answers again is offered only as a correction, after the next step.
    assert plan.index("Sign the plan for the partnership") < plan.index("correct the final submission")
    assert "Nothing for you to do now: the plan is waiting for sign-off by the partnership" in review


def test_a_reviewers_start_page_lists_assessments_before_signatures(
    submitted_plan: int, browser_for: BrowserFor, client_for: ClientFor, demo: Demo, session: Session
) -> None:
    start = browser_for("reviewer_x").get("/").text

    attention = start[start.index('id="attention"') : start.index("</ul>", start.index('id="attention"'))]
    assert f"Assess the initial submission by {long_date(_cycle(session, demo).panel_response_due)}" in attention
    assert f'href="/plans/{submitted_plan}/review#assessment"' in attention


def test_once_signed_off_the_admin_is_asked_to_publish(
    final_plan: int, browser_for: BrowserFor, client_for: ClientFor, demo: Demo, session: Session
) -> None:
    _sign(client_for, final_plan, "reviewer_x")
    _sign(client_for, final_plan, "planner_a")

    start = browser_for("admin").get("/").text
    planner = browser_for("planner_a").get(f"/plans/{final_plan}").text

    assert f"Publish Parts 1, 2 and 4 by {long_date(_cycle(session, demo).publication_due)}" in start
    assert "Nothing for you to do now: the plan is waiting for publication" in planner


def test_a_step_whose_date_has_passed_says_it_is_overdue(browser_for: BrowserFor, demo: Demo, session: Session) -> None:
    current = _cycle(session, demo)
    last_year = session.get(PlanCycle, demo.last_year_cycle_id)
    assert last_year is not None

    start = browser_for("planner_a").get("/").text

    # The demo's earlier plan was never submitted; its date went by long ago.
    late = f"Make the initial submission (Parts 1 and 4) by {long_date(last_year.initial_submission_due)} (overdue)"
    assert f"Birmingham Drug Action Team {last_year.plan_year}: {late}" in start
    on_time = f"Make the initial submission (Parts 1 and 4) by {long_date(current.initial_submission_due)}</a>"
    assert f"Birmingham Drug Action Team {current.plan_year}: {on_time}" in start
