"""Checking and submitting a quarter's return from the pages, and the confirmation."""

import re

from sqlmodel import Session

from plan_schema.quarterly_return import MetricReport, MetricReports
from service.pages.journey.attachment_pages import size_text
from service.returns import exceptions
from service.returns.quarters import quarter_of
from service.tables.columns import id_of
from tests.pages.conftest import BrowserFor
from tests.pages.forms import csrf_token
from tests.returns.reporting_plan import RED_METRIC, reporting_plan
from tests.returns.submitted_return import filled_return


def test_a_return_with_a_red_metric_and_no_exception_offers_no_button_and_says_why(
    browser_for: BrowserFor, session: Session
) -> None:
    plan_id = id_of(reporting_plan(session).plan)

    page = browser_for("planner_a").get(f"/plans/{plan_id}/returns/1/submit")

    assert page.status_code == 200
    assert "The return cannot be submitted yet" in page.text
    assert f"Enter who owns the recovery for {RED_METRIC}" in page.text
    assert "Submit the return</button>" not in page.text


def test_a_complete_return_is_submitted_and_confirmed_then_an_unchanged_one_is_refused(
    browser_for: BrowserFor, session: Session
) -> None:
    view = reporting_plan(session)
    plan_id = id_of(view.plan)
    exception = MetricReport(
        metric=RED_METRIC, reason="Deaths", recovery_action="Naloxone", owner="Lead", recovery_date="2025-03-31"
    )
    exceptions.save_exceptions(
        view, quarter_of(view.cycle, 1), MetricReports(metrics=[exception]), expected_version=0, by=1, session=session
    )
    browser = browser_for("planner_a")
    url = f"/plans/{plan_id}/returns/1/submit"
    page = browser.get(url)
    assert "Submit the return</button>" in page.text

    made = browser.post(url, data={"csrf_token": csrf_token(page.text)}, follow_redirects=False)

    assert made.status_code == 303
    assert made.headers["location"] == f"/plans/{plan_id}/returns/1/submissions/1"
    confirmation = browser_for("reviewer_x").get(made.headers["location"])
    assert "Quarter 1 (April to June 2024) return: submission 1" in confirmation.text
    assert "Submitted</strong>" in confirmation.text  # and awaiting the reviewer
    assert "days late (due 31 July 2024)" in confirmation.text
    again = browser.post(url, data={"csrf_token": csrf_token(page.text)})
    assert again.status_code == 422
    assert "Nothing has changed since submission 1" in again.text


def test_the_submission_page_offers_its_word_document_and_spend_workbook_with_type_and_size(
    browser_for: BrowserFor, session: Session
) -> None:
    view, made = filled_return(session)
    base = f"/api/v1/plans/{id_of(view.plan)}/returns/1/submissions/1"
    reviewer = browser_for("reviewer_x")

    page = reviewer.get(f"/plans/{id_of(view.plan)}/returns/1/submissions/1").text
    document = reviewer.get(f"{base}/document")
    workbook = reviewer.get(f"{base}/spend.xlsx")

    links = re.findall(r'<a class="govuk-link" href="([^"]+)" download>([^<]+)</a>', page)
    assert links == [
        (f"{base}/document", f"The return as submitted (Word document, {size_text(len(document.content))})"),
        (
            f"{base}/spend.xlsx",
            f"The quarter&#39;s spend as submitted (Excel workbook, {size_text(len(workbook.content))})",
        ),
    ]
    assert made.number == 1
