"""The panel's assessment of the revisions on the pages: offered only while a submission awaits it, and
the latest assessment is what the plan, review and public pages show."""

import datetime

import httpx
from fastapi.testclient import TestClient
from sqlmodel import Session

from service.planning import plans
from tests.conftest import ClientFor
from tests.pages.conftest import BrowserFor
from tests.pages.reviewing import assess, region_of, review, submit

ASSESS_FORM = "Record the assessment</button>"
SIGN_FORM = "Sign off the final submission</button>"
TARGETS_FORM = "Record the agreed targets</button>"


def panel_row(page: str) -> str:
    """The "Panel's assessment" row of the plan heading."""
    return page.split('id="panel-assessment"')[1].split("</dd>")[0]


def revise(client_for: ClientFor, browser_for: BrowserFor, plan_id: int) -> None:
    """From the initial submission: the panel requests revisions and the planner makes the final submission."""
    answer = assess(browser_for("reviewer_x"), plan_id, {"decision": "revisions-requested", "comment": "Revise 1.4."})
    assert answer.status_code == 303
    submit(client_for, plan_id, "final")


def test_the_reviewer_accepts_the_revisions_and_every_page_shows_the_latest_assessment(
    browser_for: BrowserFor, client_for: ClientFor, visitor: TestClient, submitted_plan: int
) -> None:
    reviewer, planner = browser_for("reviewer_x"), browser_for("planner_a")
    plan = submitted_plan
    revise(client_for, browser_for, plan)
    waiting = reviewer.get(f"/plans/{plan}/review").text
    before = planner.get(f"/plans/{plan}").text

    accepted = assess(reviewer, plan, {"decision": "accepted", "comment": "1.4 is now right."})
    review_page = reviewer.get(f"/plans/{plan}/review").text
    plan_page = planner.get(f"/plans/{plan}").text

    assert "decision on the revisions in submission 2 (final)" in waiting
    assert "Revisions accepted</label>" in waiting
    assert "Further revisions requested</label>" in waiting
    assert SIGN_FORM not in waiting
    assert "Neither side signs until the panel has assessed the revisions" in waiting
    assert "Revisions requested: submission 1 (initial)" in panel_row(before)
    assert accepted.status_code == 303
    current = review_page.split('id="current-assessment"')[1].split("</div>")[0]
    assert "<strong>Revisions accepted</strong>" in current
    assert "on submission 2 (final)" in current
    assert SIGN_FORM in review_page
    assert ASSESS_FORM not in review_page
    assert "Revisions accepted: submission 2 (final)" in panel_row(plan_page)
    assert "Revisions requested" not in panel_row(plan_page)
    assert "Final submission made, awaiting sign-off" in plan_page

    assert [review(who, plan, "sign-off").status_code for who in (planner, reviewer)] == [303, 303]
    assert client_for("admin").post(f"/api/v1/plans/{plan}/publication").status_code == 201
    public = visitor.get(f"/published/{plan}").text
    assert "The regional panel's assessment: revisions accepted (submission 2, final)" in public
    assert "1.4 is now right." not in public  # the panel's comments stay between it and the partnership


def test_the_assessment_form_is_offered_only_while_a_submission_awaits_it(
    browser_for: BrowserFor, client_for: ClientFor, submitted_plan: int
) -> None:
    reviewer = browser_for("reviewer_x")
    plan = submitted_plan
    api = client_for("reviewer_x")

    def offered() -> bool:
        return ASSESS_FORM in reviewer.get(f"/plans/{plan}/review").text

    def refused_by_the_api() -> bool:
        answer: httpx.Response = api.post(f"/api/v1/plans/{plan}/assessments", json={"decision": "accepted"})
        return answer.status_code == 409

    initial_submitted = offered()
    assess(reviewer, plan, {"decision": "revisions-requested", "comment": "Revise 1.4."})
    revisions_requested = (offered(), refused_by_the_api())
    submit(client_for, plan, "final")
    revisions_submitted = offered()
    assess(reviewer, plan, {"decision": "accepted"})
    final_submitted = (offered(), refused_by_the_api())

    assert initial_submitted is True
    assert revisions_requested == (False, True)
    assert revisions_submitted is True
    assert final_submitted == (False, True)


def test_the_planner_cannot_assess_the_revisions(
    browser_for: BrowserFor, client_for: ClientFor, submitted_plan: int
) -> None:
    revise(client_for, browser_for, submitted_plan)
    planner = browser_for("planner_a")

    page = planner.get(f"/plans/{submitted_plan}/review").text
    answer = assess(planner, submitted_plan, {"decision": "accepted"})

    assert ASSESS_FORM not in page
    assert answer.status_code == 403


def test_the_agreed_targets_form_is_offered_only_once_the_plan_is_published(
    browser_for: BrowserFor, client_for: ClientFor, final_plan: int, session: Session
) -> None:
    reviewer, planner = browser_for("reviewer_x"), browser_for("planner_a")
    cycle = plans.get_plan(final_plan, session=session).cycle
    cycle.targets_agreed_due = datetime.datetime.now(tz=datetime.UTC).date() + datetime.timedelta(days=30)
    session.add(cycle)
    session.flush()
    assert [review(who, final_plan, "sign-off").status_code for who in (planner, reviewer)] == [303, 303]

    signed_off = reviewer.get(f"/plans/{final_plan}/review").text
    posted = review(reviewer, final_plan, "agreed-targets", {"pct-1.1": "3", "pct-1.2": "2"})
    assert client_for("admin").post(f"/api/v1/plans/{final_plan}/publication").status_code == 201
    published = reviewer.get(f"/plans/{final_plan}/review").text

    assert TARGETS_FORM not in signed_off
    assert posted.status_code == 409
    assert '<a href="#agreed-targets">The plan is signed off, so it cannot have its agreed targets recorded now.' in (
        posted.text
    )
    assert TARGETS_FORM in published
    assert TARGETS_FORM not in planner.get(f"/plans/{final_plan}/review").text  # the reviewer records them


def test_the_region_dashboard_shows_revisions_awaiting_the_panel_and_its_latest_assessment(
    browser_for: BrowserFor, client_for: ClientFor, submitted_plan: int, session: Session
) -> None:
    revise(client_for, browser_for, submitted_plan)
    region = region_of(session, submitted_plan)

    page = browser_for("reviewer_x").get(f"/regions/{region}/dashboard").text
    rows = client_for("reviewer_x").get(f"/api/v1/regions/{region}/dashboard").json()["partnerships"]
    row = next(row for row in rows if row["plan_id"] == submitted_plan)

    assert "Final submission made, awaiting the panel&#39;s assessment of the revisions" in page
    assert "Panel's assessment: revisions requested" in page
    assert (row["status"], row["panel_assessment"]) == ("revisions-submitted", "Revisions requested")
