"""The review page: the submission history, the panel's decision, sign-off and agreed targets."""

import datetime
import re

from sqlmodel import Session

from plan_schema.typed_numbers import PERCENTAGE_PROBLEM
from service.journey import submissions
from service.planning import plans
from tests.conftest import ClientFor, Demo
from tests.pages.conftest import BrowserFor
from tests.pages.reviewing import BIRMINGHAM, assess, review


def history_table(page: str) -> str:
    """The submission history table, as the plan page and the review page both render it."""
    return page.split('id="submission-history"')[1].split("</table>")[0]


def test_the_review_page_lists_submissions_with_lateness_and_their_documents(
    browser_for: BrowserFor, late_plan: int, session: Session
) -> None:
    submitted_plan = late_plan
    browser = browser_for("reviewer_x")
    made = submissions.list_for(submitted_plan, session=session)[0]

    page = browser.get(f"/plans/{submitted_plan}/review").text
    history = history_table(page)
    links = re.findall(rf'href="(/api/v1/plans/{submitted_plan}/submissions/{made.id}/documents/[a-z-]+)"', history)

    assert '<h1 class="govuk-heading-l">Review and sign-off</h1>' in page
    assert f'href="/plans/{submitted_plan}/submissions/{made.id}">1: initial</a>' in history
    assert 'govuk-tag--red">3 days late</strong>' in history  # the initial date was moved to three days ago
    assert f"(due {made.due:%-d %B %Y})" in history
    assert sorted(link.rsplit("/", 1)[1] for link in links) == ["funding", "strategic-summary"]
    assert "Part 1 (Word)" in history
    assert 'Part 4 (Excel)<span class="govuk-visually-hidden"> from submission 1</span>' in history
    assert "See what changed between submissions" not in page  # one submission: nothing to compare
    download = browser.get(links[0])
    assert download.status_code == 200
    assert download.content[:2] == b"PK"  # a Word or Excel file
    # The reviewer may follow the submission's link to its page.
    assert browser.get(f"/plans/{submitted_plan}/submissions/{made.id}").status_code == 200


def test_the_review_page_lists_the_newest_submission_first_and_links_to_the_diff(
    browser_for: BrowserFor, final_plan: int, session: Session
) -> None:
    initial, final = submissions.list_for(final_plan, session=session)

    page = browser_for("reviewer_x").get(f"/plans/{final_plan}/review").text
    history = history_table(page)

    assert history.index(f"/submissions/{final.id}") < history.index(f"/submissions/{initial.id}")
    assert f'href="/plans/{final_plan}/submissions/{final.id}">2: final</a>' in history
    assert "Part 3 (Word)" in history  # the final submission carries all four parts
    assert f'href="/plans/{final_plan}/diff">See what changed between submissions</a>' in page
    on_the_plan_page = history_table(browser_for("planner_a").get(f"/plans/{final_plan}").text)
    assert history.split("<tbody")[1] == on_the_plan_page.split("<tbody")[1]  # the same rows as the plan page


def test_a_planner_of_another_partnership_is_told_the_plan_does_not_exist(browser_for: BrowserFor, demo: Demo) -> None:
    browser = browser_for("planner_b")

    for path in ("review", "diff"):
        answer = browser.get(f"/plans/{demo.filled_plan_id}/{path}")
        assert answer.status_code == 404
        assert BIRMINGHAM not in answer.text


def test_a_finance_officer_cannot_assess_a_plan(browser_for: BrowserFor, submitted_plan: int) -> None:
    browser = browser_for("finance_a")

    page = browser.get(f"/plans/{submitted_plan}/review").text
    answer = assess(browser, submitted_plan, {"decision": "accepted"})

    assert "Record the assessment" not in page
    assert answer.status_code == 403
    assert "Your role (finance) cannot assess plans." in answer.text
    assert "You cannot do that" in answer.text


def test_revisions_requested_without_a_comment_show_the_form_again_with_the_choice_kept(
    browser_for: BrowserFor, submitted_plan: int
) -> None:
    answer = assess(browser_for("reviewer_x"), submitted_plan, {"decision": "revisions-requested"})

    assert answer.status_code == 422
    assert "<title>Error: Review and sign-off" in answer.text
    assert '<a href="#assessment-comment">Say what needs revising' in answer.text
    assert 'value="revisions-requested" checked' in answer.text
    assert 'aria-describedby="assessment-comment-hint assessment-comment-error"' in answer.text


def test_a_form_without_a_decision_names_the_decision(browser_for: BrowserFor, submitted_plan: int) -> None:
    answer = assess(browser_for("reviewer_x"), submitted_plan, {"comment": "Kept, this."})

    assert answer.status_code == 422
    assert '<a href="#decision">Select whether the panel accepts the plan or requests revisions</a>' in answer.text
    assert "Kept, this.</textarea>" in answer.text


def test_the_reviewer_requests_revisions_and_then_the_planner_sees_the_decision(
    browser_for: BrowserFor, submitted_plan: int
) -> None:
    fields = {"decision": "revisions-requested", "comment": "Explain the fall in 1.7 PCT mainstream."}

    answer = assess(browser_for("reviewer_x"), submitted_plan, fields)
    page = browser_for("planner_a").get(f"/plans/{submitted_plan}/review").text

    assert answer.status_code == 303
    assert answer.headers["location"] == f"/plans/{submitted_plan}/review?done=assessed"
    assert "Revisions requested" in page
    assert "Explain the fall in 1.7 PCT mainstream." in page
    assert "Revisions requested" in page.split('id="assessment"')[1]
    assert "Record the assessment" not in page


def test_both_sides_sign_off_the_final_submission(browser_for: BrowserFor, final_plan: int, session: Session) -> None:
    reviewer, planner = browser_for("reviewer_x"), browser_for("planner_a")

    before = reviewer.get(f"/plans/{final_plan}/review").text
    signed = [review(who, final_plan, "sign-off").status_code for who in (planner, reviewer)]
    after = reviewer.get(f"/plans/{final_plan}/review").text

    assert "Sign off the final submission" in before
    assert signed == [303, 303]
    assert "Signed for the partnership by" in after
    assert "Signed for the region by" in after
    assert "Sign off the final submission" not in after
    assert plans.get_plan(final_plan, session=session).plan.status == "signed-off"


def test_signing_before_the_final_submission_is_an_error_page(browser_for: BrowserFor, demo: Demo) -> None:
    answer = review(browser_for("planner_a"), demo.filled_plan_id, "sign-off")

    assert answer.status_code == 409
    assert "That cannot be done now" in answer.text


def test_the_reviewer_records_agreed_targets_and_the_planner_confirms_them(
    browser_for: BrowserFor, final_plan: int, client_for: ClientFor, session: Session
) -> None:
    reviewer, planner = browser_for("reviewer_x"), browser_for("planner_a")
    review(planner, final_plan, "sign-off")
    review(reviewer, final_plan, "sign-off")
    cycle = plans.get_plan(final_plan, session=session).cycle
    cycle.targets_agreed_due = datetime.datetime.now(tz=datetime.UTC).date() + datetime.timedelta(
        days=30
    )  # the demo's is long past
    session.add(cycle)
    session.flush()
    assert client_for("admin").post(f"/api/v1/plans/{final_plan}/publication").status_code == 201

    refused = review(reviewer, final_plan, "agreed-targets", {"pct-1.1": "lots", "pct-1.2": "2"})
    recorded = review(reviewer, final_plan, "agreed-targets", {"pct-1.1": "3", "pct-1.2": "+2.5 %"})

    assert refused.status_code == 422
    assert f'<a href="#pct-1.1">1.1: {PERCENTAGE_PROBLEM}</a>' in refused.text
    assert 'value="lots"' in refused.text
    assert recorded.status_code == 303
    page = planner.get(f"/plans/{final_plan}/review").text
    assert "3% change" in page
    assert "2.5% change" in page
    assert "Not yet: the partnership" in page
    confirmed = review(planner, final_plan, "agreed-targets/confirmation")
    assert confirmed.status_code == 303
    page = planner.get(f"/plans/{final_plan}/review").text
    assert "The agreed targets are confirmed." not in page  # the banner only follows the redirect
    assert "Not yet: the partnership" not in page
    assert plans.get_plan(final_plan, session=session).plan.status == "targets-agreed"
