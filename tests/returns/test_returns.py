"""A quarter's return: its actions read from Part 3, its exceptions from the scorecard, its rules and submissions."""

import datetime

import pytest
from sqlalchemy import update
from sqlalchemy.exc import DBAPIError
from sqlmodel import Session

from plan_schema.quarterly_return import ActionProgress, ActionsProgress, MetricReport, MetricReports
from service.monitoring.judgements import Rag
from service.planning.plans import get_plan
from service.planning.workflow import PlanStatus
from service.platform.errors import Conflict, InvalidInput, NotFound, PreconditionFailed
from service.returns import actions, exceptions
from service.returns.quarters import NotReporting, quarter_of, quarters_of
from service.returns.submissions import ReturnInvalid, check_return, return_sections, submit_return
from service.tables.columns import id_of
from service.tables.returns import ReturnSubmission
from tests.returns.reporting_plan import RED_METRIC, reporting_plan

AFTER_THE_YEAR = datetime.date(2025, 5, 1)
EXCEPTION = MetricReport(
    metric=RED_METRIC,
    reason="Two deaths among older users",
    recovery_action="Naloxone for everyone leaving treatment",
    owner="Clinical lead",
    recovery_date=datetime.date(2025, 3, 31),
)


def _rule_ids(session: Session, plan_id: int, quarter: int, today: datetime.date = AFTER_THE_YEAR) -> list[str]:
    return [
        f.rule_id
        for f in check_return(get_plan(plan_id, session=session), quarter, today=today, session=session).findings
    ]


def test_the_quarters_are_due_a_month_after_they_end(session: Session) -> None:
    view = reporting_plan(session)

    assert [(q.ends, q.due) for q in quarters_of(view.cycle)] == [
        (datetime.date(2024, 6, 30), datetime.date(2024, 7, 31)),
        (datetime.date(2024, 9, 30), datetime.date(2024, 10, 31)),
        (datetime.date(2024, 12, 31), datetime.date(2025, 1, 31)),
        (datetime.date(2025, 3, 31), datetime.date(2025, 4, 30)),
    ]
    with pytest.raises(NotFound):
        quarter_of(view.cycle, 5)


def test_every_part_3_action_is_named_by_its_number_and_text_not_started_until_said(session: Session) -> None:
    view = reporting_plan(session)

    lines, stored = actions.read_actions(id_of(view.plan), 1, session=session)

    assert stored.version == 0
    assert [(line.planned.reference, line.planned.text, line.progress.status.value) for line in lines] == [
        ("1.1.1", "Recruit two keyworkers", "not-started"),
        ("1.1.2", "Open an evening clinic", "not-started"),
        ("2.1.1", "Review care plans", "not-started"),
    ]


def test_progress_is_kept_in_plan_order_and_a_stale_version_is_refused(session: Session) -> None:
    view = reporting_plan(session)
    plan_id = id_of(view.plan)
    said = ActionsProgress(actions=[ActionProgress(grid=2, objective=1, action=1, status="on-track", note="Half done")])

    saved = actions.save_actions(plan_id, 1, said, expected_version=0, by=1, session=session)

    assert saved.version == 1
    lines, _ = actions.read_actions(plan_id, 1, session=session)
    assert [(line.planned.reference, line.progress.status.value) for line in lines][2] == ("2.1.1", "on-track")
    with pytest.raises(PreconditionFailed):
        actions.save_actions(plan_id, 1, said, expected_version=0, by=1, session=session)
    assert actions.save_actions(plan_id, 1, said, expected_version=1, by=1, session=session).version == 2


def test_progress_on_an_action_the_plan_does_not_have_is_refused_by_its_field(session: Session) -> None:
    view = reporting_plan(session)
    said = ActionsProgress(
        actions=[
            ActionProgress(grid=1, objective=1, action=9),
            ActionProgress(grid=1, objective=1, action=1),
            ActionProgress(grid=1, objective=1, action=1),
        ]
    )

    with pytest.raises(InvalidInput) as refused:
        actions.save_actions(id_of(view.plan), 1, said, expected_version=0, by=1, session=session)

    assert [error["pointer"] for error in refused.value.extensions["errors"]] == ["/actions/0", "/actions/2"]


def test_a_plan_not_yet_signed_off_makes_no_returns(session: Session) -> None:
    view = reporting_plan(session, status=PlanStatus.FINAL_SUBMITTED)

    with pytest.raises(NotReporting):
        actions.save_actions(id_of(view.plan), 1, ActionsProgress(), expected_version=0, by=1, session=session)


def test_the_metric_red_in_its_quarter_needs_an_exception_and_not_in_another(session: Session) -> None:
    view = reporting_plan(session)
    plan_id = id_of(view.plan)

    judged = {j.code: j.rag for j in exceptions.quarter_judgements(view, quarter_of(view.cycle, 1), session=session)}
    assert judged[RED_METRIC] is Rag.RED
    # Its reason, recovery action, owner and date, each named.
    assert _rule_ids(session, plan_id, 1) == ["R-040"] * 4
    assert _rule_ids(session, plan_id, 2) == []

    exceptions.save_exceptions(
        view, quarter_of(view.cycle, 1), MetricReports(metrics=[EXCEPTION]), expected_version=0, by=1, session=session
    )
    assert _rule_ids(session, plan_id, 1) == []


def test_a_commentary_on_a_metric_not_on_the_scorecard_is_refused(session: Session) -> None:
    view = reporting_plan(session)
    said = MetricReports(metrics=[MetricReport(metric="NOPE", commentary="?")])

    with pytest.raises(InvalidInput) as refused:
        exceptions.save_exceptions(view, quarter_of(view.cycle, 2), said, expected_version=0, by=1, session=session)

    assert refused.value.extensions["errors"][0]["pointer"] == "/metrics/0/metric"


def test_a_quarter_not_yet_ended_cannot_be_submitted(session: Session) -> None:
    view = reporting_plan(session)

    assert _rule_ids(session, id_of(view.plan), 2, today=datetime.date(2024, 9, 30)) == ["R-050"]


def test_a_return_with_errors_is_refused_naming_each(session: Session) -> None:
    view = reporting_plan(session)

    with pytest.raises(ReturnInvalid) as refused:
        submit_return(id_of(view.plan), 1, submitted_by=1, session=session)

    assert {f["rule_id"] for f in refused.value.extensions["findings"]} == {"R-040"}


def test_a_submission_snapshots_the_sections_with_their_hash_and_lateness_then_a_change_is_submission_2(
    session: Session,
) -> None:
    view = reporting_plan(session)
    plan_id = id_of(view.plan)
    admin = 1

    first = submit_return(plan_id, 2, submitted_by=admin, session=session)

    assert (first.number, first.due, first.days_late > 0) == (1, datetime.date(2024, 10, 31), True)
    assert first.sections == return_sections(plan_id, 2, session)
    assert [line["reference"] for line in first.sections["actions"]] == ["1.1.1", "1.1.2", "2.1.1"]
    assert RED_METRIC in [line["metric"] for line in first.sections["exceptions"]]
    assert len(first.content_sha256) == 64
    with pytest.raises(Conflict):
        submit_return(plan_id, 2, submitted_by=admin, session=session)
    said = ActionsProgress(
        actions=[ActionProgress(grid=1, objective=1, action=1, status="complete", completed="2024-08-01")]
    )
    actions.save_actions(plan_id, 2, said, expected_version=0, by=admin, session=session)
    second = submit_return(plan_id, 2, submitted_by=admin, session=session)
    assert second.number == 2
    assert second.sections["actions"][0]["status"] == "complete"
    assert first.sections["actions"][0]["status"] == "not-started"


def test_the_database_refuses_to_change_a_submitted_return(session: Session) -> None:
    view = reporting_plan(session)
    submit_return(id_of(view.plan), 2, submitted_by=1, session=session)

    change = update(ReturnSubmission).values(days_late=0)

    with pytest.raises(DBAPIError), session.begin_nested():
        session.execute(change)
