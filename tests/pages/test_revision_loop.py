"""After the panel requests revisions, the plan says what it asked and where each open comment's field is."""

from tests.pages.conftest import BrowserFor
from tests.pages.reviewing import assess, review


def test_the_plan_page_shows_the_panels_request_and_each_open_comment_with_its_field(
    browser_for: BrowserFor, submitted_plan: int
) -> None:
    reviewer = browser_for("reviewer_x")
    police = {"about": "funding|/table_1/1/police", "body": "Why did police funding fall by a third?"}
    assert review(reviewer, submitted_plan, "comments", police).status_code == 303
    whole = {"about": "strategic-summary|", "body": "Say more about likely demand."}
    assert review(reviewer, submitted_plan, "comments", whole).status_code == 303
    decision = {"decision": "revisions-requested", "comment": "Explain the fall in police funding."}
    assert assess(reviewer, submitted_plan, decision).status_code == 303

    page = browser_for("planner_a").get(f"/plans/{submitted_plan}").text

    banner = page[page.index('id="revisions-requested"') : page.index('id="open-comments"')]
    assert "The panel requested revisions on" in banner
    assert "Explain the fall in police funding." in banner
    assert '<a class="govuk-notification-banner__link" href="#open-comments">2 comments still open</a>' in banner
    listed = page[page.index('id="open-comments"') :]
    assert "Why did police funding fall by a third?" in listed
    assert "Part 4 — 1.6 Police," in listed
    assert f'href="/plans/{submitted_plan}/funding#table_1-' in listed
    assert f'href="/plans/{submitted_plan}/strategic-summary#">' not in listed
    assert f'href="/plans/{submitted_plan}/review#comment-' in listed
    assert "Revise the plan as the panel asked and make the final submission by" in page


def test_a_resolved_comment_leaves_the_list_and_the_review_page_lists_the_rest(
    browser_for: BrowserFor, submitted_plan: int
) -> None:
    reviewer, planner = browser_for("reviewer_x"), browser_for("planner_a")
    review(reviewer, submitted_plan, "comments", {"about": "funding|", "body": "Check Table 2."})
    review(reviewer, submitted_plan, "comments", {"about": "funding|", "body": "Check Table 1."})
    review_page = planner.get(f"/plans/{submitted_plan}/review").text
    first = review_page.split('id="comment-', 1)[1].split('"', 1)[0]

    review(planner, submitted_plan, f"comments/{first}/resolution")
    page = planner.get(f"/plans/{submitted_plan}/review").text

    listed = page[page.index('id="open-comments"') : page.index('id="comments"')]
    assert "Check Table 2." not in listed
    assert "Check Table 1." in listed
    assert f'href="/plans/{submitted_plan}/funding#' in listed or f'href="/plans/{submitted_plan}/funding"' in listed
