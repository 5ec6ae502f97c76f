"""The panel's decision and a signature are asked about first ("Are you sure…?"); nothing happens until confirmed."""

from sqlmodel import Session

from service.planning import plans
from tests.pages.conftest import BrowserFor
from tests.pages.forms import post_form


def _status(session: Session, plan_id: int) -> str:
    plan = plans.get_plan(plan_id, session=session).plan
    session.refresh(plan)
    return plan.status


def test_the_panels_decision_is_asked_about_before_it_is_recorded(
    browser_for: BrowserFor, submitted_plan: int, session: Session
) -> None:
    reviewer = browser_for("reviewer_x")
    review_url = f"/plans/{submitted_plan}/review"
    fields = {"decision": "revisions-requested", "comment": "Explain the fall in 1.7 PCT mainstream."}

    asked = post_form(reviewer, review_url, f"{review_url}/assessment", fields)

    assert asked.status_code == 200
    assert "Are you sure you want to request revisions?" in asked.text
    assert "The partnership sees it, with your comment" in asked.text
    assert 'name="confirmed" value="yes"' in asked.text
    assert 'value="revisions-requested"' in asked.text
    assert "Explain the fall in 1.7 PCT mainstream." in asked.text
    assert f'href="{review_url}#assessment">No, go back' in asked.text
    assert _status(session, submitted_plan) == "initial-submitted"
    assert "The panel has not assessed this plan yet." in reviewer.get(review_url).text

    confirmed = post_form(reviewer, review_url, f"{review_url}/assessment", fields | {"confirmed": "yes"})

    assert confirmed.status_code == 303
    assert _status(session, submitted_plan) == "revisions-requested"


def test_a_decision_missing_its_comment_is_refused_before_the_question(
    browser_for: BrowserFor, submitted_plan: int
) -> None:
    review_url = f"/plans/{submitted_plan}/review"
    refused = post_form(
        browser_for("reviewer_x"), review_url, f"{review_url}/assessment", {"decision": "revisions-requested"}
    )

    assert refused.status_code == 422
    assert "Are you sure" not in refused.text
    assert "Say what needs revising" in refused.text


def test_a_signature_is_asked_about_before_it_is_recorded(
    browser_for: BrowserFor, final_plan: int, session: Session
) -> None:
    planner = browser_for("planner_a")
    review_url = f"/plans/{final_plan}/review"

    asked = post_form(planner, review_url, f"{review_url}/sign-off", {})

    assert "Are you sure you want to sign the plan for the partnership?" in asked.text
    assert "The region then signs too" in asked.text
    assert "Yes, sign for the partnership</button>" in asked.text
    assert _status(session, final_plan) == "final-submitted"

    signed = post_form(planner, review_url, f"{review_url}/sign-off", {"confirmed": "yes"})

    assert signed.status_code == 303
    assert _status(session, final_plan) == "signed-by-partnership"
