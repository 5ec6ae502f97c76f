"""The start page's "Your deadlines": what the person still owes, soonest first, gone once it is done."""

import html
import re

from sqlmodel import Session

from service.tables.plans import PlanCycle
from tests.conftest import ClientFor, Demo
from tests.pages.conftest import BrowserFor
from tests.workflow.flow import PDF

HEADING = "Your deadlines"


def _deadlines(page: str) -> list[str]:
    """The section's items as the person reads them: what to do, then when."""
    section = page.split('id="your-deadlines"', 1)[1].split("</ul>", 1)[0]
    return [" ".join(html.unescape(re.sub(r"<[^>]+>", " ", item)).split()) for item in section.split("<li>")[1:]]


def test_a_planner_sees_their_deadlines_soonest_first_and_a_submission_made_leaves_the_list(
    browser_for: BrowserFor, client_for: ClientFor, demo: Demo, session: Session
) -> None:
    cycle = session.get(PlanCycle, demo.current_cycle_id)
    assert cycle is not None
    planner = browser_for("planner_a")

    listed = _deadlines(planner.get("/").text)

    assert listed[0].startswith("Make the initial submission of Birmingham Drug Action Team's")
    assert listed[0].endswith(f"Due {cycle.initial_submission_due.day} {cycle.initial_submission_due:%B %Y}")
    assert any(item.startswith("Make the final submission") for item in listed)
    assert not any("Assess" in item for item in listed)  # the panel's deadline is the reviewer's

    files = {"file": ("audit.pdf", PDF, "application/pdf")}
    attached = client_for("planner_a").post(
        f"/api/v1/plans/{demo.filled_plan_id}/attachments", files=files, data={"kind": "harm-reduction-self-audit"}
    )
    assert attached.status_code == 201, attached.text
    made = client_for("planner_a").post(f"/api/v1/plans/{demo.filled_plan_id}/submissions", json={"stage": "initial"})
    assert made.status_code == 201, made.text

    after = _deadlines(planner.get("/").text)
    assert not any(item.startswith("Make the initial submission of Birmingham") for item in after)
    reviewer = _deadlines(browser_for("reviewer_x").get("/").text)
    assert reviewer[0].startswith("Assess the initial submission of Birmingham Drug Action Team's")


def test_someone_who_owes_nothing_is_told_so(browser_for: BrowserFor) -> None:
    page = browser_for("admin").get("/").text

    assert HEADING in page
    assert "You have no deadlines open." in page
