"""The region's view of returns: each quarter's status, what the latest submission reports, and completeness."""

import datetime
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import event
from sqlmodel import Session, select

from plan_schema.planning_grids import PlanningGrids
from plan_schema.vocabulary import PartName
from service.planning import parts, plans
from service.planning.workflow import PlanStatus
from service.returns import region_view
from service.returns.quarters import ReturnQuarter
from service.returns.region_view import Completeness, ReturnStatus, quarter_return, status_of
from service.returns.submissions import submit_return
from service.returns.submitted import SubmittedQuarter
from service.tables.columns import id_of, utc_now
from service.tables.plans import Partnership
from service.tables.returns import ReturnSubmission
from tests.returns.year_of_returns import user_id, year_of_returns

Q1 = ReturnQuarter("2024/25", 1, ends=datetime.date(2024, 6, 30), due=datetime.date(2024, 7, 31))


def _made(days_late: int, *, latest_days_late: int = 0, sections: dict[str, Any] | None = None) -> SubmittedQuarter:
    latest = ReturnSubmission(
        plan_id=1,
        quarter=1,
        number=2,
        submitted_at=utc_now(),
        submitted_by=1,
        due=Q1.due,
        days_late=latest_days_late,
        sections=sections or {},
        findings=[],
        content_sha256="0" * 64,
    )
    return SubmittedQuarter(days_late, utc_now(), latest)


def test_a_return_is_not_yet_due_until_its_quarter_ends_then_due_then_overdue_after_its_date() -> None:
    assert status_of(Q1, None, datetime.date(2024, 6, 30)) is ReturnStatus.NOT_YET_DUE
    assert status_of(Q1, None, datetime.date(2024, 7, 1)) is ReturnStatus.DUE
    assert status_of(Q1, None, datetime.date(2024, 7, 31)) is ReturnStatus.DUE
    assert status_of(Q1, None, datetime.date(2024, 8, 1)) is ReturnStatus.OVERDUE


def test_on_time_or_late_is_the_first_submissions_so_a_late_correction_keeps_it_on_time() -> None:
    corrected = quarter_return(Q1, _made(0, latest_days_late=40), flagged_variances=0, today=datetime.date(2025, 1, 1))
    late = quarter_return(Q1, _made(3), flagged_variances=0, today=datetime.date(2025, 1, 1))

    assert (corrected.status, corrected.status_label, corrected.submissions) == (
        ReturnStatus.ON_TIME,
        "Submitted on time",
        2,
    )
    assert (late.status, late.status_label) == (ReturnStatus.LATE, "Submitted 3 days late")


def test_a_due_return_says_its_date_and_one_submitted_early_is_not_yet_expected() -> None:
    due = quarter_return(Q1, None, flagged_variances=None, today=datetime.date(2024, 7, 10))
    early = quarter_return(Q1, _made(0), flagged_variances=0, today=datetime.date(2024, 7, 10))

    assert (due.status_label, due.expected, due.red_metrics) == ("Due 31 July 2024", False, None)
    assert (early.status, early.expected) == (ReturnStatus.ON_TIME, False)


def test_reds_and_overdue_actions_are_counted_from_the_latest_submissions_snapshot() -> None:
    sections = {
        "actions": [
            {"reference": "1.1.1", "text": "Due in the quarter", "due": "2024-06-30", "status": "at-risk"},
            {"reference": "1.1.2", "text": "Done", "due": "2024-05-01", "status": "complete"},
            {"reference": "1.1.3", "text": "Due later", "due": "2024-07-01", "status": "off-track"},
            {"reference": "1.1.4", "text": "No date", "due": None, "status": "not-started"},
        ],
        "exceptions": [{"metric": "A", "rag": "red"}, {"metric": "B", "rag": "green"}, {"metric": "C", "rag": None}],
    }

    made = quarter_return(Q1, _made(0, sections=sections), flagged_variances=2, today=datetime.date(2025, 1, 1))

    assert (made.red_metrics, made.overdue_actions, made.flagged_variances) == (1, 1, 2)


def test_completeness_counts_only_returns_whose_due_date_has_passed() -> None:
    after = datetime.date(2024, 8, 1)
    returns = [
        quarter_return(Q1, _made(0), flagged_variances=0, today=after),
        quarter_return(Q1, _made(5), flagged_variances=0, today=after),
        quarter_return(Q1, None, flagged_variances=None, today=after),
        quarter_return(Q1, _made(0), flagged_variances=0, today=datetime.date(2024, 7, 2)),  # not expected yet
    ]

    done = region_view.completeness(returns)

    assert (done.expected, done.submitted, done.on_time) == (3, 2, 1)
    assert (done.submitted_pct, done.on_time_pct) == (67, 33)
    assert Completeness(0, 0, 0).submitted_pct is None


def test_the_region_shows_each_reporting_partnership_by_quarter_and_lists_the_rest(session: Session) -> None:
    view = year_of_returns(session)

    found = region_view.region_returns(
        view.partnership.region_id, view.cycle, session=session, today=datetime.date(2025, 6, 1)
    )

    assert [row.partnership for row in found.rows] == [view.partnership.name]
    assert [
        (q.status, q.days_late is not None, q.submissions, q.red_metrics, q.overdue_actions, q.flagged_variances)
        for q in found.rows[0].quarters
    ] == [
        (ReturnStatus.LATE, True, 2, 1, 0, 0),
        (ReturnStatus.ON_TIME, True, 1, 0, 1, 1),
        (ReturnStatus.LATE, True, 1, 0, 1, 1),
        (ReturnStatus.OVERDUE, False, 0, None, None, None),
    ]
    assert view.partnership.name not in [other.partnership for other in found.not_reporting]
    assert {other.plan_status for other in found.not_reporting} == {"no plan started"}
    assert (found.year_so_far.expected, found.year_so_far.submitted, found.year_so_far.on_time) == (4, 3, 1)
    by_quarter = [(q.expected, q.submitted, q.on_time) for q in found.by_quarter]
    assert by_quarter == [(1, 1, 0), (1, 1, 1), (1, 1, 0), (1, 0, 0)]


@contextmanager
def _counted(session: Session) -> Iterator[list[str]]:
    statements: list[str] = []
    connection = session.connection()

    def count(*args: Any) -> None:
        statements.append(args[2])

    event.listen(connection, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        event.remove(connection, "before_cursor_execute", count)


def test_the_region_is_read_in_the_same_few_queries_however_many_partnerships_report(session: Session) -> None:
    view = year_of_returns(session)
    region_id, today = view.partnership.region_id, datetime.date(2025, 6, 1)
    session.flush()
    session.expire_all()
    with _counted(session) as one_reporting:
        region_view.region_returns(region_id, view.cycle, session=session, today=today)
    neighbour = session.exec(
        select(Partnership).where(Partnership.region_id == region_id, Partnership.id != view.partnership.id)
    ).first()
    assert neighbour is not None
    other = plans.create_plan(session=session, partnership_id=id_of(neighbour), cycle_id=id_of(view.cycle))
    parts.replace_part(id_of(other.plan), PartName.PLANNING_GRIDS, PlanningGrids(), expected_version=1, session=session)
    other.plan.status = PlanStatus.SIGNED_OFF.value
    session.add(other.plan)
    submit_return(id_of(other.plan), 1, submitted_by=user_id(session, "admin@demo.example"), session=session)
    session.flush()
    session.expire_all()

    with _counted(session) as two_reporting:
        found = region_view.region_returns(region_id, view.cycle, session=session, today=today)

    assert len(found.rows) == 2
    assert len(two_reporting) == len(one_reporting) <= 8  # plans, submissions, Table 2, the reviews' three
