"""Quarterly returns filled in and submitted, as the tests of their review and their documents need them.

`submitted_return`: a signed-off plan whose Q1 return is submitted (submission 1), its red metric's
exception given. `filled_return`: every section filled (progress, exception, commentary, spend with a
profile) and submitted.
"""

from decimal import Decimal

from sqlmodel import Session, select

from plan_schema.funding import ExpenditureRow
from plan_schema.quarterly_return import ActionProgress, ActionsProgress, ActionStatus, MetricReport, MetricReports
from plan_schema.vocabulary import PartName
from service.access.accounts import find_user
from service.access.identity import Member
from service.planning import parts, plans
from service.planning.workflow import PlanStatus
from service.returns import actions, exceptions, spend, submissions
from service.returns.quarters import quarter_of
from service.returns.submissions import submit_return
from service.tables.access import Role, User
from service.tables.columns import id_of
from service.tables.returns import ReturnSubmission
from tests.conftest import ACTORS
from tests.documents.document_builders import demo_funding
from tests.returns.reporting_plan import RED_METRIC, reporting_plan

SHARED_CARE = "Shared care / GP prescribing"


def user_id(session: Session, actor: str) -> int:
    """The id of one of the tests' demo accounts."""
    user = find_user(ACTORS[actor], session=session)
    if user is None:
        raise LookupError(actor)
    return id_of(user)


def member(session: Session, actor: str) -> Member:
    """A demo account as the domain's functions take it (as a signed-in member)."""
    user = session.exec(select(User).where(User.email == ACTORS[actor])).one()
    return Member(
        user_id=id_of(user),
        email=user.email,
        role=Role(user.role),
        partnership_id=user.partnership_id,
        region_id=user.region_id,
        credential="personal-token",
    )


def submitted_return(session: Session) -> plans.PlanView:
    """The reporting plan with its Q1 return submitted once by partnership A's planner."""
    view = reporting_plan(session)
    exception = MetricReport(
        metric=RED_METRIC, reason="Deaths", recovery_action="Naloxone", owner="Lead", recovery_date="2025-03-31"
    )
    planner = user_id(session, "planner_a")
    exceptions.save_exceptions(
        view,
        quarter_of(view.cycle, 1),
        MetricReports(metrics=[exception]),
        expected_version=0,
        by=planner,
        session=session,
    )
    submit_return(id_of(view.plan), 1, submitted_by=planner, session=session)
    return view


def resubmit(session: Session, view: plans.PlanView, note: str) -> None:
    """Change the return's progress on action 1.1.2 and submit it again (the next number)."""
    planner = user_id(session, "planner_a")
    plan_id = id_of(view.plan)
    _, stored = actions.read_actions(plan_id, 1, session=session)
    progress = ActionsProgress(actions=[ActionProgress(grid=1, objective=1, action=2, status="at-risk", note=note)])
    actions.save_actions(plan_id, 1, progress, expected_version=stored.version, by=planner, session=session)
    submit_return(plan_id, 1, submitted_by=planner, session=session)


NOTE = "Recruitment stalled: <no applicants> & the post is re-advertised"
REASON = "Two deaths among older users"
COMMENTARY = "Waiting times fell for the third quarter running"
# Police spend in Part 4's first category, in the quarter: 1,234.50 against a profile to date that is entered.
POLICE_SPENT = Decimal("1234.50")
POLICE_PROFILE = Decimal("1000.00")


def filled_return(session: Session, quarter: int = 1) -> tuple[plans.PlanView, ReturnSubmission]:
    """The reporting plan with Part 4 filled, its quarter's return filled in and submitted by the demo planner."""
    view = reporting_plan(session, status=PlanStatus.DRAFTING)
    plan_id = id_of(view.plan)
    planner, finance = user_id(session, "planner_a"), user_id(session, "finance_a")
    parts.replace_part(plan_id, PartName.FUNDING, demo_funding(), expected_version=1, session=session)
    view.plan.status = PlanStatus.SIGNED_OFF.value  # Part 4 is frozen once signed off: filled in before
    session.add(view.plan)
    progress = ActionsProgress(
        actions=[
            ActionProgress(grid=1, objective=1, action=1, status=ActionStatus.COMPLETE, completed="2024-06-20"),
            ActionProgress(grid=1, objective=1, action=2, status=ActionStatus.OFF_TRACK, note=NOTE),
        ]
    )
    actions.save_actions(plan_id, quarter, progress, expected_version=0, by=planner, session=session)
    reports = [
        MetricReport(
            metric=RED_METRIC,
            reason=REASON,
            recovery_action="Naloxone for everyone leaving treatment",
            owner="Clinical lead",
            recovery_date="2025-03-31",
            commentary=COMMENTARY,
        )
    ]
    exceptions.save_exceptions(
        view,
        quarter_of(view.cycle, quarter),
        MetricReports(metrics=reports),
        expected_version=0,
        by=planner,
        session=session,
    )
    categories = [row.category for row in spend.table_2(plan_id, session=session)]
    actual = [ExpenditureRow(category=category) for category in categories]
    actual[0] = ExpenditureRow(category=categories[0], police=POLICE_SPENT)
    profile = [ExpenditureRow(category=category) for category in categories]
    profile[0] = ExpenditureRow(category=categories[0], police=POLICE_PROFILE)
    entry = spend.SpendEntry(actual=actual, profile=profile, forecast_outturn=Decimal("5000"))
    spend.save_spend(plan_id, quarter, entry, expected_version=0, by=finance, session=session)
    made = submissions.submit_return(plan_id, quarter, submitted_by=planner, session=session)
    return plans.get_plan(plan_id, session=session), made
