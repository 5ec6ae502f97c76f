"""A signed-off plan whose Q1 return is submitted (submission 1), its red metric's exception given."""

from sqlmodel import Session, select

from plan_schema.quarterly_return import ActionProgress, ActionsProgress, MetricReport, MetricReports
from service.access.accounts import find_user
from service.access.identity import Member
from service.planning import plans
from service.returns import actions, exceptions
from service.returns.quarters import quarter_of
from service.returns.submissions import submit_return
from service.tables.access import Role, User
from service.tables.columns import id_of
from tests.conftest import ACTORS
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
