"""After the panel requests revisions, the plan says what it asked and where each open comment's field is."""

from tests.pages.conftest import BrowserFor
from tests.pages.part_forms import form_of
from tests.pages.reviewing import assess, request_revisions, review


def test_the_plan_page_shows_the_panels_request_and_each_open_comment_with_its_field(
    browser_for: BrowserFor, submitted_plan: int
) -> None:
    comments = {
        "funding|/table_1/1/police": "Why did police funding fall by a third?",
        "strategic-summary|": "Say more about likely demand.",
    }
    request_revisions(browser_for("reviewer_x"), submitted_plan, comments, "Explain the fall in police funding.")

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


def test_the_part_page_shows_each_open_comment_beside_its_field_with_the_way_to_its_thread(
    browser_for: BrowserFor, submitted_plan: int
) -> None:
    comments = {
        "strategic-summary|/likely_demand": "Say how demand from prison leavers will change.",
        "strategic-summary|": "Shorten Part 1 overall.",
    }
    request_revisions(browser_for("reviewer_x"), submitted_plan, comments, "See comments.")
    planner = browser_for("planner_a")
    plan_page = planner.get(f"/plans/{submitted_plan}").text
    thread = plan_page.split(f'href="/plans/{submitted_plan}/review#comment-', 1)[1].split('"', 1)[0]

    page = planner.get(f"/plans/{submitted_plan}/strategic-summary").text

    assert f'href="/plans/{submitted_plan}/strategic-summary#likely_demand"' in plan_page
    field = page[
        page.index('<label class="govuk-label govuk-label--m" for="likely_demand">') : page.index(
            'id="likely_demand" name='
        )
    ]
    assert "Say how demand from prison leavers will change." in field
    assert f'href="/plans/{submitted_plan}/review#comment-{thread}">Reply or resolve' in field
    assert "<strong>Comment</strong> from " in field
    after_form = page[page.rindex("</form>") :]
    assert 'id="part-comments"' in after_form
    assert "Shorten Part 1 overall." in after_form
    assert "Say how demand from prison leavers" not in after_form  # shown once, beside its field


def test_a_part_page_says_what_to_do_next_after_the_error_summary(browser_for: BrowserFor, submitted_plan: int) -> None:
    reviewer = browser_for("reviewer_x")
    assert (
        assess(reviewer, submitted_plan, {"decision": "revisions-requested", "comment": "Revise."}).status_code == 303
    )
    planner = browser_for("planner_a")
    fields = form_of(planner.get(f"/plans/{submitted_plan}/strategic-summary").text)

    shown = planner.get(f"/plans/{submitted_plan}/strategic-summary").text
    refused = planner.post(
        f"/plans/{submitted_plan}/strategic-summary", data=fields | {"key_priorities-0-number": "many"}
    ).text

    assert 'id="next-step"' in shown
    assert "Revise the plan as the panel asked and make the final submission by" in shown
    main = refused[refused.index("<main") :]
    assert main.index('class="govuk-error-summary"') < main.index('id="next-step"')
