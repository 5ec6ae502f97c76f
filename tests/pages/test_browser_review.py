"""A reviewer in a real browser (Debian's Chromium): the region dashboard, comments, the decision, sign-off.

The planner's side of the timetable (submissions) goes through the running service's API with a bearer
token, as a partnership's own system would; everything the reviewer does goes through the pages.
"""

import re
from typing import Any

import pytest
from playwright.sync_api import expect

from service.tables.journey import SELF_AUDIT
from tests.pages.browser import (
    DEMO_PLAN_YEAR,
    PLANNER,
    SCREENSHOTS,
    api_client,
    axe_violations,
    sign_in,
    without_javascript,
)
from tests.pages.conftest import Axe
from tests.pages.reviewing import BIRMINGHAM
from tests.workflow.flow import PDF

pytestmark = pytest.mark.browser
REVIEWER = "reviewer@demo.example"

PLAN = 1  # the demo's filled plan, in West Midlands


def submit(base_url: str, stage: str) -> None:
    with api_client(base_url, PLANNER) as api:
        if stage == "initial":
            audit = {"file": ("audit.pdf", PDF, "application/pdf")}
            answer = api.post(f"/api/v1/plans/{PLAN}/attachments", files=audit, data={"kind": SELF_AUDIT})
            assert answer.status_code == 201, answer.text
        answer = api.post(f"/api/v1/plans/{PLAN}/submissions", json={"stage": stage})
        assert answer.status_code == 201, answer.text


def assert_accessible(page: Any, chromium: Any, base_url: str) -> None:
    """axe finds nothing, with JavaScript as the tab has it and as a browser without it shows the page."""
    assert axe_violations(page) == []
    assert axe_violations(without_javascript(page, chromium, base_url)) == []


def banner(page: Any) -> str:
    return str(page.locator(".govuk-notification-banner--success").inner_text())


@pytest.mark.parametrize("page", [True], indirect=True, ids=["javascript"])
def test_a_reviewer_comments_requests_revisions_and_both_sides_sign_off(
    page: Any, chromium: Any, base_url: str
) -> None:
    submit(base_url, "initial")
    sign_in(page, REVIEWER)

    # The dashboard, from the start page: the plan was submitted on time and waits for the panel.
    page.get_by_role("link", name=re.compile("^West Midlands")).click()
    page.wait_for_url(re.compile(r"/regions/\d+/dashboard$"))
    row = page.get_by_role("row").filter(has_text=BIRMINGHAM)
    assert "Initial submission made, awaiting panel assessment" in row.inner_text()
    assert "On time" in row.inner_text()  # the demo's deadlines lie ahead
    page.set_viewport_size({"width": 1280, "height": 900})
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    shot = SCREENSHOTS / "reviewer-dashboard.png"
    page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 10_000
    assert page.evaluate("document.documentElement.scrollWidth") <= 1280
    assert_accessible(page, chromium, base_url)

    # A comment anchored to a field of Part 4.
    row.get_by_role("link", name=re.compile("^Review")).click()
    page.wait_for_url(re.compile(rf"/plans/{PLAN}/review$"))
    assert_accessible(page, chromium, base_url)
    page.get_by_label("What is the comment about?").select_option(label=f"Part 4 — 1.6 Police, {DEMO_PLAN_YEAR}")
    page.get_by_label("Comment", exact=True).fill("Why did police funding fall by a third?")
    page.get_by_role("button", name="Add the comment").click()
    assert "Your comment is added" in banner(page)
    assert f"Part 4 — 1.6 Police, {DEMO_PLAN_YEAR}" in page.locator(".adtp-thread").first.inner_text()

    # Revisions requested: first without saying what, which the page refuses field by field.
    page.get_by_label("Revisions requested").check()
    page.get_by_role("button", name="Record the assessment").click()
    summary = page.locator(".govuk-error-summary")
    assert "Say what needs revising" in summary.inner_text()
    assert page.get_by_label("Revisions requested").is_checked()
    assert_accessible(page, chromium, base_url)
    page.get_by_label("Comment for the partnership").fill("Explain the fall in police funding (1.6).")
    page.get_by_role("button", name="Record the assessment").click()
    # Nothing is recorded until the reviewer confirms the decision on the question page.
    expect(page.get_by_role("heading", name="Are you sure you want to request revisions?")).to_be_visible()
    assert_accessible(page, chromium, base_url)
    page.get_by_role("button", name="Yes, record the decision").click()
    assert "assessment is recorded" in banner(page)
    assert "Revisions requested" in page.locator("#main-content").inner_text()
    # The plan page says what the panel asked, and lists the open comment beside a link to its field.
    page.goto(f"/plans/{PLAN}")
    assert "The panel requested revisions on" in page.locator("#revisions-requested").inner_text()
    assert "Why did police funding fall by a third?" in page.locator("#main-content").inner_text()
    assert_accessible(page, chromium, base_url)
    page.goto(f"/plans/{PLAN}/review")

    # The planner revises and makes the final submission; the panel accepts the revisions, then both sign.
    submit(base_url, "final")
    page.goto(f"/plans/{PLAN}/diff")
    assert "Submission 2 (final)" in page.locator("#to").inner_text()
    assert_accessible(page, chromium, base_url)
    page.goto(f"/plans/{PLAN}/review")
    assert page.get_by_role("button", name="Sign off the final submission").count() == 0
    page.get_by_label("Revisions accepted").check()
    page.get_by_role("button", name="Record the assessment").click()
    page.get_by_role("button", name="Yes, record the decision").click()
    assert "assessment is recorded" in banner(page)
    assert "Revisions accepted" in page.locator("#current-assessment").inner_text()
    page.get_by_role("button", name="Sign off the final submission").click()
    assert "Are you sure you want to sign the plan for the region?" in page.locator("h1").inner_text()
    page.get_by_role("button", name="Yes, sign for the region").click()
    assert "Your signature is recorded" in banner(page)

    planner = chromium.new_context(base_url=base_url).new_page()
    sign_in(planner, PLANNER)
    planner.goto(f"/plans/{PLAN}/review")
    assert "Why did police funding fall by a third?" in planner.locator("#comments").inner_text()
    planner.get_by_label("Reply to this comment").fill("A one-off grant ended in 2007/08.")
    planner.get_by_role("button", name="Reply to this comment").click()
    planner.get_by_role("button", name=re.compile("^Mark as resolved")).click()
    planner.get_by_role("button", name="Sign off the final submission").click()
    assert "the plan is signed off and locked" in planner.locator("#main-content").inner_text()
    planner.get_by_role("button", name="Yes, sign for the partnership").click()
    assert "Your signature is recorded" in banner(planner)
    assert "Signed off" in planner.locator("#main-content").inner_text()
    assert "Resolved" in planner.locator("#comments").inner_text()
    planner.context.close()


def test_a_reviewer_accepts_an_initial_submission_without_javascript(chromium: Any, fresh_url: str) -> None:
    submit(fresh_url, "initial")
    tab = chromium.new_context(base_url=fresh_url, java_script_enabled=False).new_page()
    sign_in(tab, REVIEWER)
    tab.goto(f"/plans/{PLAN}/review")

    tab.get_by_label("Accepted").check()
    tab.get_by_role("button", name="Record the assessment").click()
    expect(tab.get_by_role("heading", name="Are you sure you want to accept the submission?")).to_be_visible()
    tab.get_by_role("button", name="Yes, record the decision").click()

    assert "assessment is recorded" in banner(tab)
    assert "Accepted by the panel" in tab.locator("#main-content").inner_text()
    assert tab.get_by_role("button", name="Record the assessment").count() == 0
    tab.context.close()


# After the walkthrough: the plan has submissions, comments, an assessment and signatures to show.
REVIEWER_PAGES = {
    "region-dashboard": "/regions/{region}/dashboard",
    "region-dashboard-filtered": "/regions/{region}/dashboard?status=signed-off&sort=errors",
    "review": f"/plans/{PLAN}/review",
    "diff": f"/plans/{PLAN}/diff",
}


@pytest.mark.parametrize("path", REVIEWER_PAGES.values(), ids=REVIEWER_PAGES.keys())
def test_every_reviewer_page_type_meets_wcag_2_2_aa_by_axe(page: Any, path: str, axe: Axe) -> None:
    sign_in(page, REVIEWER)
    region = re.search(r'href="/regions/(\d+)/dashboard"', page.content())
    assert region is not None
    page.goto(path.format(region=region.group(1)))

    assert axe(page) == []
