"""A reviewer asks about a submitted return's action, reads the planner's reply beside it and accepts the return,
in Chromium, checked by axe-core."""

import itertools
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect
from sqlmodel import Session, select

from plan_schema.vocabulary import PartName
from service.demo.reference_data import FILLED_PLAN_PARTNERSHIP
from service.planning import parts, plans
from service.planning.cycles import create_cycle
from service.planning.workflow import PlanStatus
from service.platform.db import create_db_engine
from service.tables.columns import id_of
from service.tables.plans import Partnership
from tests.pages.browser import api_client, sign_in
from tests.pages.conftest import Axe
from tests.returns.reporting_plan import YEAR, planning_grids

pytestmark = pytest.mark.browser
REVIEWER = "reviewer@demo.example"
PLANNER = "planner@demo.example"
# The signed-off 2024/25 plan the module's service is given (its id is known only once made).
PAST_PLAN: dict[str, int] = {}
RUNS = itertools.count(1)  # each run's return says something new, so that it can be submitted again


@pytest.fixture(scope="module")
def base_url(base_url: str, tmp_path_factory: pytest.TempPathFactory) -> str:
    """The module's own service with a signed-off 2024/25 plan (every quarter ended) whose Part 3 has actions."""
    (database,) = {
        path.resolve() for path in tmp_path_factory.getbasetemp().glob("test_browser_return_review*/*.sqlite3")
    }
    engine = create_db_engine(f"sqlite:///{database}")
    with Session(engine) as session:
        cycle = create_cycle(YEAR, session=session)
        partnership = session.exec(select(Partnership).where(Partnership.code == FILLED_PLAN_PARTNERSHIP.code)).one()
        view = plans.create_plan(session=session, partnership_id=id_of(partnership), cycle_id=id_of(cycle))
        parts.replace_part(
            id_of(view.plan), PartName.PLANNING_GRIDS, planning_grids(), expected_version=1, session=session
        )
        view.plan.status = PlanStatus.SIGNED_OFF.value
        session.add(view.plan)
        PAST_PLAN["id"] = id_of(view.plan)
        session.commit()
    engine.dispose()
    return base_url


def _a_new_submission(base_url: str, note: str) -> int:
    """The planner changes the Q1 return and submits it: each run of the test reviews a submission of its own."""
    planner = api_client(base_url, PLANNER)
    base = f"/api/v1/plans/{PAST_PLAN['id']}/returns/1"
    tag = planner.get(f"{base}/actions").headers["ETag"]
    body = {"actions": [{"grid": 1, "objective": 1, "action": 2, "status": "at-risk", "note": note}]}
    assert planner.put(f"{base}/actions", json=body, headers={"If-Match": tag}).status_code == 200
    made = planner.post(f"{base}/submissions")
    assert made.status_code == 201, made.text
    planner.close()
    return int(made.json()["number"])


def _planner_replies(base_url: str, question_id: int) -> None:
    planner = api_client(base_url, PLANNER)
    url = f"/api/v1/plans/{PAST_PLAN['id']}/returns/1/questions/{question_id}/replies"
    assert planner.post(url, json={"body": "A keyworker left in May; the post is advertised."}).status_code == 201
    planner.close()


def test_a_reviewer_asks_reads_the_reply_beside_the_action_and_accepts_with_no_axe_violations(
    page: Any, axe: Axe, base_url: str, tmp_path: Path
) -> None:
    number = _a_new_submission(base_url, f"Recruitment paused ({next(RUNS)})")
    sign_in(page, REVIEWER)
    page.goto(f"/plans/{PAST_PLAN['id']}/returns")
    page.get_by_role("link", name=f"Submission {number}").click()
    expect(page.get_by_role("heading", name=f"return: submission {number}")).to_be_visible()

    page.get_by_label("What is the question about?").select_option("action|1.1.2")
    page.get_by_label("Your question").fill("What is holding up the evening clinic?")
    page.get_by_role("button", name="Ask the question").click()

    expect(page.get_by_text("Your question is added.")).to_be_visible()
    action = page.locator("#action-1-1-2")
    expect(action).to_contain_text("What is holding up the evening clinic?")
    # The newest thread: an earlier run's question, closed, is shown too (carried over from its submission).
    question_id = int(action.locator(".adtp-thread").last.get_attribute("id").removeprefix("question-"))
    thread = page.locator(f"#question-{question_id}")
    _planner_replies(base_url, question_id)
    page.reload()
    expect(thread).to_contain_text("A keyworker left in May")
    expect(page.locator("#review-state")).to_contain_text("Questions open")
    assert axe(page) == []
    page.set_viewport_size({"width": 1280, "height": 900})
    page.screenshot(path=str(tmp_path / "return-review.png"), full_page=True)

    page.get_by_role("button", name="Accept the return").click()
    expect(page.get_by_role("heading", name=f"Are you sure you want to accept submission {number}")).to_be_visible()
    page.get_by_role("button", name="Yes, accept the return").click()

    expect(page.get_by_text("The return is accepted.")).to_be_visible()
    expect(page.locator("#review-state")).to_contain_text("Accepted")
    expect(thread).to_contain_text("Closed: return accepted")
    assert axe(page) == []
