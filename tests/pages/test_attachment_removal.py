"""Taking back an attachment no submission has carried: asked first, then gone; a submitted one stays."""

from sqlmodel import Session, select

from service.journey import attachments
from service.tables.access import AuditEvent
from tests.conftest import ClientFor, Demo
from tests.pages.conftest import BrowserFor
from tests.pages.forms import post_form
from tests.workflow.flow import PDF


def _attach(browser_for: BrowserFor, plan_id: int, name: str) -> None:
    url = f"/plans/{plan_id}/attachments"
    answer = post_form(browser_for("planner_a"), url, url, {"kind": "supporting"}, (name, PDF, "application/pdf"))
    assert answer.status_code == 303


def _stored(session: Session, plan_id: int) -> dict[str, int]:
    return {item.filename: item.id or 0 for item in attachments.attachments_of(plan_id, session=session)}


def test_a_planner_is_asked_first_then_the_file_is_gone_and_the_removal_audited(
    browser_for: BrowserFor, demo: Demo, session: Session
) -> None:
    plan = demo.filled_plan_id
    _attach(browser_for, plan, "Wrong file.pdf")
    attachment = _stored(session, plan)["Wrong file.pdf"]
    planner = browser_for("planner_a")
    listing = f"/plans/{plan}/attachments"
    action = f"/plans/{plan}/attachments/{attachment}/remove"
    assert f'action="{action}"' in planner.get(listing).text

    asked = post_form(planner, listing, action, {})

    assert asked.status_code == 200
    assert "Are you sure you want to remove Wrong file.pdf?" in asked.text
    assert "Wrong file.pdf" in _stored(session, plan)  # nothing happens until "yes"

    done = post_form(planner, listing, action, {"confirmed": "yes"})

    assert done.status_code == 303
    assert "The file is removed from the plan." in planner.get(done.headers["location"]).text
    assert "Wrong file.pdf" not in _stored(session, plan)
    removed = session.exec(select(AuditEvent).where(AuditEvent.action == "attachment-removed")).all()
    assert [event.detail["attachment"] for event in removed] == [attachment]


def test_a_file_that_went_with_a_submission_stays_and_the_page_and_api_say_why(
    browser_for: BrowserFor, client_for: ClientFor, submitted_plan: int, session: Session
) -> None:
    attachment = _stored(session, submitted_plan)["audit.pdf"]
    planner = browser_for("planner_a")
    listing = f"/plans/{submitted_plan}/attachments"
    action = f"/plans/{submitted_plan}/attachments/{attachment}/remove"
    assert f'action="{action}"' not in planner.get(listing).text

    page = post_form(planner, listing, action, {"confirmed": "yes"})
    api = client_for("planner_a").delete(f"/api/v1/plans/{submitted_plan}/attachments/{attachment}")

    assert page.status_code == 409
    assert "audit.pdf went with submission 1 (initial" in page.text
    assert api.status_code == 409
    assert "went with submission 1" in api.json()["detail"]
    assert "audit.pdf" in _stored(session, submitted_plan)


def test_a_reviewer_is_offered_no_removal(browser_for: BrowserFor, demo: Demo, session: Session) -> None:
    _attach(browser_for, demo.filled_plan_id, "Evidence.pdf")
    attachment = _stored(session, demo.filled_plan_id)["Evidence.pdf"]

    page = browser_for("reviewer_x").get(f"/plans/{demo.filled_plan_id}/attachments")

    assert "Evidence.pdf" in page.text
    assert f"/attachments/{attachment}/remove" not in page.text
