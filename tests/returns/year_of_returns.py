"""A reporting plan with three quarters of returns: Q1 late (submitted twice), Q2 on time, Q3 late, Q4 none.

Q1: 1.1.1 on track, OF-16 red with its exception, £1,000 police spend against a £4,000 year: on profile.
Q2: 1.1.1 at risk (due 30 September: overdue), 1.1.2 off track, £2,000 more: £3,000 against £2,000, flagged.
Q3: 1.1.1 complete, 1.1.2 off track (due 31 December: overdue), 2.1.1 at risk, £1,000 more: £4,000 against
£3,000, flagged. So next year's plan carries 1.1.2 and 2.1.1 over and leaves 1.1.1 out.
"""

import datetime
from decimal import Decimal

from sqlmodel import Session

from plan_schema.funding import ExpenditureRow, Funding
from plan_schema.quarterly_return import ActionProgress, ActionsProgress, ActionStatus, MetricReport, MetricReports
from plan_schema.vocabulary import PartName
from service.access.accounts import find_user
from service.planning import parts, plans
from service.planning.timetable import local_date
from service.returns import actions, exceptions, spend
from service.returns.quarters import quarter_of
from service.returns.submissions import submit_return
from service.tables.columns import id_of, utc_now
from tests.returns.reporting_plan import RED_METRIC, reporting_plan

EXCEPTION = MetricReport(
    metric=RED_METRIC,
    reason="Two deaths among older users",
    recovery_action="Naloxone for everyone leaving treatment",
    owner="Clinical lead",
    recovery_date=datetime.date(2025, 3, 31),
)
Q2_DUE = datetime.date(2024, 10, 31)


def user_id(session: Session, email: str) -> int:
    """A demo account's id."""
    user = find_user(email, session=session)
    if user is None or user.id is None:
        raise LookupError(email)
    return user.id


def _progress(*said: tuple[str, ActionStatus, dict[str, object]]) -> ActionsProgress:
    found = []
    for reference, status, more in said:
        grid, objective, action = (int(n) for n in reference.split("."))
        found.append(ActionProgress(grid=grid, objective=objective, action=action, status=status, **more))
    return ActionsProgress(actions=found)


def _spend(session: Session, plan_id: int, police: str) -> spend.SpendEntry:
    rows = [ExpenditureRow(category=row.category) for row in spend.table_2(plan_id, session=session)]
    rows[0] = ExpenditureRow(category=rows[0].category, police=Decimal(police))
    return spend.SpendEntry(actual=rows)


def _quarter(session: Session, view: plans.PlanView, quarter: int, progress: ActionsProgress, police: str) -> None:
    plan_id, planner = id_of(view.plan), user_id(session, "planner@demo.example")
    version = actions.read_actions(plan_id, quarter, session=session)[1].version
    actions.save_actions(plan_id, quarter, progress, expected_version=version, by=planner, session=session)
    if quarter == 1:
        asked = quarter_of(view.cycle, 1)
        exceptions.save_exceptions(
            view,
            asked,
            MetricReports(metrics=[EXCEPTION]),
            expected_version=exceptions.read_exceptions(view, asked, session=session)[1].version,
            by=planner,
            session=session,
        )
    finance = user_id(session, "finance@demo.example")
    version = spend.read_spend(plan_id, quarter, session=session).version
    spend.save_spend(
        plan_id, quarter, _spend(session, plan_id, police), expected_version=version, by=finance, session=session
    )
    submit_return(plan_id, quarter, submitted_by=planner, session=session)


def year_of_returns(session: Session) -> plans.PlanView:
    """The reporting plan with Q1 and Q2 submitted as the module says."""
    view = reporting_plan(session)
    plan_id = id_of(view.plan)
    funding = Funding()
    funding.table_2[0] = ExpenditureRow(category=funding.table_2[0].category, police=Decimal(4000))
    # The plan is signed off, so no save may change Part 4: its row is written as if it had been signed so.
    row = parts.read_part(plan_id, PartName.FUNDING, session=session).row
    row.document = funding.model_dump(mode="json")
    session.add(row)
    session.flush()
    on_track = _progress(("1.1.1", ActionStatus.ON_TRACK, {}))
    _quarter(session, view, 1, on_track, "1000")
    on_track_again = _progress(("1.1.1", ActionStatus.ON_TRACK, {"note": "Two posts advertised"}))
    _quarter(session, view, 1, on_track_again, "1000")
    # Q2 is sent before its due date: moved into the future while it is submitted, then back.
    view.cycle.q2_return_due = local_date(utc_now()) + datetime.timedelta(days=30)
    session.add(view.cycle)
    q2 = _progress(
        ("1.1.1", ActionStatus.AT_RISK, {}),
        ("1.1.2", ActionStatus.OFF_TRACK, {"note": "No nurse yet"}),
    )
    _quarter(session, view, 2, q2, "2000")
    view.cycle.q2_return_due = Q2_DUE
    session.add(view.cycle)
    session.flush()
    q3 = _progress(
        ("1.1.1", ActionStatus.COMPLETE, {"completed": datetime.date(2024, 11, 1)}),
        ("1.1.2", ActionStatus.OFF_TRACK, {"note": "Still no nurse"}),
        ("2.1.1", ActionStatus.AT_RISK, {}),
    )
    _quarter(session, view, 3, q3, "1000")
    return plans.get_plan(plan_id, session=session)
