"""Check your answers, the declaration and the submission, as a planner sees them; and the plan's history."""

import re
from decimal import Decimal

import httpx
from fastapi.testclient import TestClient
from sqlmodel import Session

from plan_schema.funding import Funding
from plan_schema.vocabulary import PartName
from service.journey import submissions
from service.planning import parts
from service.tables.plans import PlanCycle
from tests.conftest import Demo
from tests.pages.conftest import BrowserFor
from tests.pages.forms import csrf_token, post_form
from tests.workflow.flow import PDF


def attach_self_audit(browser: TestClient, plan_id: int) -> None:
    url = f"/plans/{plan_id}/attachments"
    answer = post_form(
        browser, url, url, {"kind": "harm-reduction-self-audit"}, ("self-audit.pdf", PDF, "application/pdf")
    )
    assert answer.status_code == 303, answer.text


def submit_initial(browser: TestClient, plan_id: int, **fields: str) -> httpx.Response:
    url = f"/plans/{plan_id}/submit/initial"
    return post_form(browser, url, url, fields)


def break_part_4(session: Session, plan_id: int) -> None:
    """Police money in Table 1 that Table 2 does not spend: N15 no longer equals 1.14 (an error)."""
    stored = parts.read_part(plan_id, PartName.FUNDING, session=session)
    assert isinstance(stored.model, Funding)
    document = stored.model.model_dump(mode="json")
    document["table_1"][-1]["police"] = str(Decimal(document["table_1"][-1]["police"]) + 1000)
    parts.replace_part(
        plan_id, PartName.FUNDING, Funding.model_validate(document), expected_version=stored.version, session=session
    )


def test_check_answers_lists_the_parts_the_initial_submission_carries_and_the_missing_self_audit(
    browser_for: BrowserFor, demo: Demo, session: Session
) -> None:
    page = browser_for("planner_a").get(f"/plans/{demo.filled_plan_id}/submit/initial")

    assert page.status_code == 200
    assert "Check your answers before making the initial submission" in page.text
    assert 'id="strategic-summary"' in page.text
    assert 'id="funding"' in page.text
    assert 'id="planning-grids"' not in page.text
    assert "The harm reduction strategy self-audit is not attached." in page.text
    assert "Not attached" in page.text
    assert 'name="declaration"' not in page.text  # nothing to declare while something blocks it
    cycle = session.get(PlanCycle, demo.current_cycle_id)
    assert cycle is not None
    assert f"Initial submission (Parts 1 and 4), due {cycle.initial_submission_due:%-d %B %Y}" in page.text


def test_without_the_declaration_ticked_nothing_is_submitted(
    browser_for: BrowserFor, demo: Demo, session: Session
) -> None:
    planner = browser_for("planner_a")
    attach_self_audit(planner, demo.filled_plan_id)
    assert 'name="declaration"' in planner.get(f"/plans/{demo.filled_plan_id}/submit/initial").text

    answer = submit_initial(planner, demo.filled_plan_id)

    assert answer.status_code == 422
    assert "govuk-error-summary" in answer.text
    assert '<a href="#declaration">Confirm the declaration to make the submission</a>' in answer.text
    assert 'id="declaration-error"' in answer.text
    assert submissions.list_for(demo.filled_plan_id, session=session) == []


def test_a_declared_submission_is_made_and_confirmed_with_its_number_and_lateness(
    browser_for: BrowserFor, demo: Demo, session: Session
) -> None:
    planner = browser_for("planner_a")
    attach_self_audit(planner, demo.filled_plan_id)

    answer = submit_initial(planner, demo.filled_plan_id, declaration="confirmed")

    assert answer.status_code == 303
    made = submissions.list_for(demo.filled_plan_id, session=session)
    assert [submission.stage for submission in made] == ["initial"]
    assert answer.headers["location"] == f"/plans/{demo.filled_plan_id}/submissions/{made[0].id}"
    confirmation = planner.get(answer.headers["location"])
    assert "Initial submission made" in confirmation.text
    assert re.search(r'id="submission-number">1<', confirmation.text)
    # The demo's current cycle is before its initial submission date.
    assert f"On time (due {made[0].due:%-d %B %Y})" in confirmation.text
    assert f"/api/v1/plans/{demo.filled_plan_id}/submissions/{made[0].id}/documents/funding" in confirmation.text


def test_a_submission_refused_for_errors_shows_each_blocking_finding_and_submits_nothing(
    browser_for: BrowserFor, demo: Demo, session: Session
) -> None:
    break_part_4(session, demo.filled_plan_id)
    planner = browser_for("planner_a")

    answer = submit_initial(planner, demo.filled_plan_id, declaration="confirmed")

    assert answer.status_code == 422
    summary = answer.text.split('class="govuk-error-summary"')[1].split("</ul>")[0]
    assert re.search(r'href="#funding-errors">Part 4: [^<]*N15', summary), summary
    assert 'href="#self-audit">Attach the harm reduction strategy self-audit' in summary
    assert submissions.list_for(demo.filled_plan_id, session=session) == []


def test_a_submission_the_timetable_does_not_allow_now_is_refused_on_the_page(
    browser_for: BrowserFor, demo: Demo, session: Session
) -> None:
    planner = browser_for("planner_a")
    attach_self_audit(planner, demo.filled_plan_id)
    assert submit_initial(planner, demo.filled_plan_id, declaration="confirmed").status_code == 303

    again = submit_initial(planner, demo.filled_plan_id, declaration="confirmed")

    assert again.status_code == 409
    assert "govuk-error-summary" in again.text
    assert "cannot be given its initial submission now" in again.text
    assert len(submissions.list_for(demo.filled_plan_id, session=session)) == 1


def test_only_the_planner_is_offered_the_declaration_and_others_are_refused(
    browser_for: BrowserFor, demo: Demo
) -> None:
    planner = browser_for("planner_a")
    attach_self_audit(planner, demo.filled_plan_id)
    finance = browser_for("finance_a")
    page = finance.get(f"/plans/{demo.filled_plan_id}/submit/initial")

    assert "planner can make a submission" in page.text
    assert 'name="declaration"' not in page.text
    refused = finance.post(
        f"/plans/{demo.filled_plan_id}/submit/initial",
        data={"csrf_token": csrf_token(page.text), "declaration": "confirmed"},
    )
    assert refused.status_code == 403


def test_a_stage_that_does_not_exist_is_not_found(browser_for: BrowserFor, demo: Demo) -> None:
    assert browser_for("planner_a").get(f"/plans/{demo.filled_plan_id}/submit/interim").status_code == 404


def test_the_task_list_offers_the_next_submission_the_drafts_and_the_attachments(
    browser_for: BrowserFor, demo: Demo
) -> None:
    page = browser_for("planner_a").get(f"/plans/{demo.filled_plan_id}").text

    assert f'href="/plans/{demo.filled_plan_id}/submit/initial"' in page
    assert "The harm reduction strategy self-audit is not attached." in page
    assert "Nothing has been submitted yet" in page
    for part in PartName:
        assert f'href="/api/v1/plans/{demo.filled_plan_id}/documents/{part.value}"' in page
    assert f'href="/plans/{demo.filled_plan_id}/attachments"' in page


def test_the_history_lists_each_submission_apart_from_the_parts_completed(
    browser_for: BrowserFor, demo: Demo, session: Session
) -> None:
    planner = browser_for("planner_a")
    attach_self_audit(planner, demo.filled_plan_id)
    submit_initial(planner, demo.filled_plan_id, declaration="confirmed")
    made = submissions.list_for(demo.filled_plan_id, session=session)[0]

    page = planner.get(f"/plans/{demo.filled_plan_id}").text
    history = page.split('id="submission-history"')[1].split("</table>")[0]

    assert f'href="/plans/{demo.filled_plan_id}/submissions/{made.id}">1: initial</a>' in history
    assert "On time" in history
    assert "/documents/strategic-summary" in history
    assert "/documents/funding" in history
    assert "/documents/targets" not in history  # the initial submission carries Parts 1 and 4 only
    assert page.count("Completed") == 4  # completed is about errors; submitted is the history's
    assert "No submission is due from the partnership now" in page
    document = planner.get(f"/api/v1/plans/{demo.filled_plan_id}/submissions/{made.id}/documents/funding")
    assert document.status_code == 200
    assert document.content.startswith(b"PK")
