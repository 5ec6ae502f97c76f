"""The demo data: last year's 2008/09 cycle and the coming plan year, worked out from the date."""

import datetime

import pytest
from sqlmodel import Session, col, select

from service.demo.seeding import TEMPLATE_PLAN_YEAR, coming_plan_year
from service.planning.timetable import Timetable, local_date
from service.tables.columns import utc_now
from service.tables.plans import Partnership, Plan, PlanCycle
from tests.conftest import ClientFor, Demo


@pytest.mark.parametrize(
    ("today", "plan_year"),
    [
        (datetime.date(2026, 12, 5), "2027/28"),
        (datetime.date(2027, 1, 14), "2027/28"),
        (datetime.date(2027, 1, 15), "2028/29"),
        (datetime.date(2027, 3, 31), "2028/29"),
        (datetime.date(2027, 4, 1), "2028/29"),
    ],
)
def test_the_coming_plan_year_is_the_next_whose_initial_submission_is_ahead(
    today: datetime.date, plan_year: str
) -> None:
    assert coming_plan_year(today) == plan_year


def test_the_demo_has_last_years_cycle_and_the_coming_one(session: Session, demo: Demo) -> None:
    years = session.exec(select(PlanCycle.plan_year).order_by(col(PlanCycle.plan_year))).all()

    assert years == [TEMPLATE_PLAN_YEAR, coming_plan_year(local_date(utc_now()))]


def test_every_deadline_of_the_current_cycle_is_after_today(session: Session, demo: Demo) -> None:
    current = session.get(PlanCycle, demo.current_cycle_id)
    assert current is not None
    today = local_date(utc_now())

    assert all(getattr(current, name) > today for name in Timetable.__dataclass_fields__)


def test_birmingham_has_both_years_plans_and_manchester_only_the_current_one(session: Session, demo: Demo) -> None:
    def plans_of(name: str) -> list[int]:
        rows = session.exec(
            select(Plan.cycle_id)
            .join(Partnership, col(Plan.partnership_id) == col(Partnership.id))
            .where(Partnership.name == name)
            .order_by(col(Plan.cycle_id))
        ).all()
        return list(rows)

    assert plans_of("Birmingham Drug Action Team") == sorted([demo.last_year_cycle_id, demo.current_cycle_id])
    assert plans_of("Manchester Drug Action Team") == [demo.current_cycle_id]


def test_the_filled_plans_carry_their_own_years(client_for: ClientFor, demo: Demo) -> None:
    planner = client_for("planner_a")
    current = planner.get(f"/api/v1/plans/{demo.filled_plan_id}").json()["cycle"]

    this_year = planner.get(f"/api/v1/plans/{demo.filled_plan_id}/parts/funding").json()["document"]
    last_year = planner.get(f"/api/v1/plans/{demo.last_year_plan_id}/parts/funding").json()["document"]

    assert [column["year"] for column in this_year["table_1"]] == [current["previous_year"], current["plan_year"]]
    assert [column["year"] for column in last_year["table_1"]] == ["2007/08", "2008/09"]
