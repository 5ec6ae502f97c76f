"""A signed-off plan of a plan year whose quarters have all ended, with actions and a metric red in Q1."""

import datetime

from sqlmodel import Session, select

from plan_schema.planning_grids import Action, Objective, PlanningGrids
from plan_schema.vocabulary import PartName
from service.demo.reference_data import FILLED_PLAN_PARTNERSHIP
from service.monitoring.metric_versions import load_shipped_catalogue
from service.monitoring.targets import set_local_target
from service.planning import parts, plans
from service.planning.cycles import create_cycle
from service.planning.workflow import PlanStatus
from service.tables.columns import id_of
from service.tables.plans import Partnership, PlanCycle
from tests.monitoring.stored_figures import imported, without_demo_figures

YEAR = "2024/25"
RED_METRIC = "OF-16"


def planning_grids() -> PlanningGrids:
    """Grid 1 with one objective of two actions, grid 2 with one of one."""
    grids = PlanningGrids()
    grids.grids[0].objectives = [
        Objective(
            text="Cut waiting times",
            actions=[
                Action(text="Recruit two keyworkers", postholder="Service manager", due=datetime.date(2024, 9, 30)),
                Action(text="Open an evening clinic", postholder="Lead nurse", due=datetime.date(2024, 12, 31)),
            ],
        )
    ]
    grids.grids[1].objectives = [
        Objective(text="Keep people in treatment", actions=[Action(text="Review care plans", postholder="Lead GP")])
    ]
    return grids


def reporting_plan(session: Session, *, status: PlanStatus = PlanStatus.SIGNED_OFF) -> plans.PlanView:
    """The demo partnership A's plan for 2024/25 (so every quarter has ended), at `status`, OF-16 red in Q1 only."""
    partnership = session.exec(select(Partnership).where(Partnership.code == FILLED_PLAN_PARTNERSHIP.code)).one()
    cycle = session.exec(select(PlanCycle).where(PlanCycle.plan_year == YEAR)).first() or create_cycle(
        YEAR, session=session
    )
    view = plans.create_plan(session=session, partnership_id=id_of(partnership), cycle_id=id_of(cycle))
    plan_id = id_of(view.plan)
    parts.replace_part(plan_id, PartName.PLANNING_GRIDS, planning_grids(), expected_version=1, session=session)
    view.plan.status = status.value
    session.add(view.plan)
    without_demo_figures(session)
    load_shipped_catalogue(session=session)
    area = "LA-" + FILLED_PLAN_PARTNERSHIP.code.split("-")[0].upper()
    # Q1 30 % against 18 % expected (lower is better): red; Q2 10 % against 14 %: green.
    imported(f"OF-16,1,{area},{YEAR} Q1,,30,100,", f"OF-16,1,{area},{YEAR} Q2,,10,100,", session=session)
    set_local_target(id_of(partnership), RED_METRIC, YEAR, baseline=22.0, annual=6.0, by=None, session=session)
    session.flush()
    return plans.get_plan(plan_id, session=session)
