"""Public routes, no sign-in: published plans' Parts 1, 2 and 4."""

import datetime
from typing import Any

from fastapi import APIRouter, Depends
from pydantic import BaseModel, Field

from plan_schema.vocabulary import PART_TITLES, PUBLIC_PARTS, PartName
from service.access import policy
from service.api.monitoring.scorecards import ScorecardOut, scorecard_out
from service.monitoring import scorecards
from service.oversight import public_plans
from service.platform.deps import SessionDep
from service.platform.ids import DbId

router = APIRouter(prefix="/public", tags=["published plans"], dependencies=[Depends(policy.public)])


class PublishedPart(BaseModel):
    """Where to read one published part."""

    part: PartName
    title: str
    href: str


class PublishedPlanOut(BaseModel):
    """A published plan."""

    id: int
    partnership: str
    plan_year: str
    previous_year: str = Field(description="The year of Part 2's predicted baselines and Table 1's previous column.")
    baseline_year: str = Field(description="The year of Part 2's actual baselines.")
    indicative_years: list[str] = Field(description="The years of Part 2's indicative planned changes.")
    published_at: datetime.datetime
    parts: list[PublishedPart]


def _out(plan: public_plans.PublishedPlan) -> PublishedPlanOut:
    return PublishedPlanOut(
        id=plan.plan_id,
        partnership=plan.partnership,
        plan_year=plan.plan_year,
        previous_year=plan.previous_year,
        baseline_year=plan.baseline_year,
        indicative_years=list(plan.indicative_years),
        published_at=plan.published_at,
        parts=[
            PublishedPart(
                part=part, title=PART_TITLES[part], href=f"/api/v1/public/plans/{plan.plan_id}/parts/{part.value}"
            )
            for part in PUBLIC_PARTS
        ],
    )


@router.get("/plans", summary="Published plans")
def list_published(session: SessionDep) -> list[PublishedPlanOut]:
    """Every published plan."""
    return [_out(plan) for plan in public_plans.list_published(session=session)]


@router.get("/plans/{plan_id}", summary="A published plan")
def read_published(plan_id: DbId, session: SessionDep) -> PublishedPlanOut:
    """A published plan and its public parts."""
    return _out(public_plans.published(plan_id, session=session))


@router.get("/plans/{plan_id}/parts/{part}", summary="A published part")
def read_published_part(plan_id: DbId, part: PartName, session: SessionDep) -> dict[str, Any]:
    """Part 1, 2 or 4 as signed off; Part 3 is never published."""
    return public_plans.published_part(plan_id, part, session=session)


@router.get("/plans/{plan_id}/scorecard", summary="A published plan's scorecard")
def read_published_scorecard(plan_id: DbId, session: SessionDep) -> ScorecardOut:
    """The partnership's scorecard for the plan's year, counts of 1 to 5 and what would reveal them hidden."""
    plan = public_plans.published(plan_id, session=session)
    card = scorecards.partnership_scorecard(plan.partnership_id, plan.plan_year, session=session, public=True)
    return scorecard_out(card, public=True)
