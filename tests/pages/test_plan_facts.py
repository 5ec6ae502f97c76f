"""The task list and the part pages read what they ask about the plan with the caller (service/access/plan_rows.py):
each answer is the database's as the page is asked for, and a page asks no statement of its own for it."""

from collections.abc import Callable

import pytest
from sqlalchemy import Connection, event

from tests.conftest import Demo
from tests.pages.conftest import BrowserFor
from tests.pages.forms import post_form
from tests.pages.reviewing import review
from tests.workflow.flow import PDF

Statements = Callable[[Callable[[], object]], list[str]]


@pytest.fixture
def statements(connection: Connection) -> Statements:
    """The statements run on the test's connection while `action` runs (but the savepoints each request's session
    is opened and closed with, on the test's transaction)."""

    def during(action: Callable[[], object]) -> list[str]:
        executed: list[str] = []
        listener = lambda *args: executed.append(args[2])  # noqa: E731
        event.listen(connection, "before_cursor_execute", listener)
        try:
            action()
        finally:
            event.remove(connection, "before_cursor_execute", listener)
        return [statement for statement in executed if "SAVEPOINT" not in statement]

    return during


def test_a_drafting_plans_task_list_asks_two_statements_and_its_part_page_one(
    browser_for: BrowserFor, demo: Demo, statements: Statements
) -> None:
    planner = browser_for("planner_a")
    plan = demo.filled_plan_id
    planner.get(f"/plans/{plan}").raise_for_status()  # Part 2's judgements worked out, then kept (generation.py)

    task_list = statements(lambda: planner.get(f"/plans/{plan}").raise_for_status())
    part_page = statements(lambda: planner.get(f"/plans/{plan}/strategic-summary").raise_for_status())

    # The caller with the plan and what the page asks about it; then the plan's parts.
    assert len(task_list) == 2, task_list
    assert all(table in task_list[0] for table in ("web_session", "comment", "attachment", "monitoring_generation"))
    assert "FROM plan_part" in task_list[1]
    assert len(part_page) == 1, part_page  # the part read with the caller too
    assert all(table in part_page[0] for table in ("web_session", "comment", "plan_part"))


def test_a_comment_shows_on_the_task_list_and_its_part_page_as_soon_as_made_and_leaves_when_resolved(
    browser_for: BrowserFor, submitted_plan: int
) -> None:
    reviewer, planner = browser_for("reviewer_x"), browser_for("planner_a")
    assert 'id="open-comments"' not in planner.get(f"/plans/{submitted_plan}").text

    review(reviewer, submitted_plan, "comments", {"about": "strategic-summary|", "body": "Say more about demand."})

    assert "Say more about demand." in planner.get(f"/plans/{submitted_plan}").text
    assert "Say more about demand." in planner.get(f"/plans/{submitted_plan}/strategic-summary").text
    thread = planner.get(f"/plans/{submitted_plan}/review").text
    comment_id = thread.split('id="comment-', 1)[1].split('"', 1)[0]
    review(planner, submitted_plan, f"comments/{comment_id}/resolution")
    assert "Say more about demand." not in planner.get(f"/plans/{submitted_plan}").text
    assert "Say more about demand." not in planner.get(f"/plans/{submitted_plan}/strategic-summary").text


def test_the_task_list_says_the_self_audit_is_missing_until_it_is_attached(browser_for: BrowserFor, demo: Demo) -> None:
    planner = browser_for("planner_a")
    plan = demo.filled_plan_id
    missing = "The harm reduction strategy self-audit is not attached."
    assert missing in planner.get(f"/plans/{plan}").text

    url = f"/plans/{plan}/attachments"
    attached = post_form(
        planner, url, url, {"kind": "harm-reduction-self-audit"}, ("Self audit.pdf", PDF, "application/pdf")
    )

    assert attached.status_code == 303
    assert missing not in planner.get(f"/plans/{plan}").text
