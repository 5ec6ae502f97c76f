"""A plan's task list: each part's status, the latest submission and the next deadline."""

import datetime
import re

from sqlmodel import Session

from plan_schema.vocabulary import PartName
from service.planning import parts
from service.planning.part_status import PartStatus, part_status
from service.planning.workflow import PlanStatus
from service.tables.journey import Submission
from service.tables.plans import Plan, PlanCycle
from tests.conftest import Demo
from tests.pages.conftest import BrowserFor
from validators.findings import Finding, Severity


def _error(path: str) -> Finding:
    return Finding("F-010", Severity.ERROR, PartName.FUNDING, path, "wrong", "guidance §Part 4")


def test_a_filled_plan_lists_its_four_parts_as_completed(browser_for: BrowserFor, demo: Demo) -> None:
    page = browser_for("planner_a").get(f"/plans/{demo.filled_plan_id}")

    assert page.status_code == 200
    assert page.text.count('class="govuk-task-list__item') == 4
    assert page.text.count("Completed") == 4
    assert f'href="/plans/{demo.filled_plan_id}/funding"' in page.text


def test_an_empty_plan_lists_its_parts_as_not_started(browser_for: BrowserFor, demo: Demo) -> None:
    page = browser_for("planner_b").get(f"/plans/{demo.empty_plan_id}")

    assert page.text.count("Not started") == 4


# Every page about one plan (but a submission's confirmation, which says what was submitted).
PLAN_PAGES = (
    "",
    "/strategic-summary",
    "/targets",
    "/planning-grids",
    "/planning-grids/1",
    "/funding",
    "/funding/import",
    "/submit/initial",
    "/attachments",
    "/review",
    "/diff",
    "/reconciliation",
    "/publication",
    "/baselines",
)


def test_every_plan_page_shows_the_next_deadline_and_days_left(
    browser_for: BrowserFor, demo: Demo, session: Session
) -> None:
    cycle = session.get(PlanCycle, demo.current_cycle_id)
    assert cycle is not None
    admin = browser_for("admin")  # the one role that may open every page of a plan
    for path in PLAN_PAGES:
        page = admin.get(f"/plans/{demo.filled_plan_id}{path}")

        assert page.status_code == 200, path
        due = f"{cycle.initial_submission_due:%-d %B %Y}"
        assert f"Initial submission (Parts 1 and 4), due {due}" in page.text, path
        # The demo's current cycle has every deadline ahead of today.
        assert re.search(r"due in \d+ days?", page.text), path


def test_the_latest_submission_is_shown_with_its_lateness(
    browser_for: BrowserFor, demo: Demo, session: Session
) -> None:
    session.add(
        Submission(
            plan_id=demo.filled_plan_id,
            number=1,
            stage="initial",
            submitted_at=datetime.datetime(2008, 1, 18, 10, tzinfo=datetime.UTC),
            submitted_by=1,
            due=datetime.date(2008, 1, 15),
            days_late=3,
            parts={"strategic-summary": {}, "funding": {}},
            findings=[],
            content_sha256="0" * 64,
        )
    )
    plan = session.get(Plan, demo.filled_plan_id)
    assert plan is not None
    plan.status = PlanStatus.INITIAL_SUBMITTED.value  # as making the submission moves it
    session.flush()

    page = browser_for("planner_a").get(f"/plans/{demo.filled_plan_id}")

    assert "Submission 1 (initial: strategic summary, funding)" in page.text
    assert "made 18 January 2008" in page.text
    assert "3 days late (due 15 January 2008)" in page.text


def test_a_part_with_nothing_entered_is_not_started_whatever_its_findings(session: Session, demo: Demo) -> None:
    stored = parts.read_part(demo.empty_plan_id, PartName.FUNDING, session=session)

    assert part_status(stored, [_error("/table_1/0/police")], started=False) is PartStatus.NOT_STARTED
    assert part_status(stored, [], started=False) is PartStatus.NOT_STARTED


def test_errors_about_blanks_are_in_progress_and_errors_about_entries_are_errors(session: Session, demo: Demo) -> None:
    stored = parts.read_part(demo.filled_plan_id, PartName.STRATEGIC_SUMMARY, session=session)
    filled_in = next(key for key, value in stored.document.items() if isinstance(value, str) and value)

    assert part_status(stored, [], started=True) is PartStatus.COMPLETED
    assert part_status(stored, [_error("/no_such_field")], started=True) is PartStatus.IN_PROGRESS
    assert part_status(stored, [_error(f"/{filled_in}")], started=True) is PartStatus.HAS_ERRORS
