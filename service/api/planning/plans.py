"""Routes for plans: create, list, read."""

import datetime
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Response
from pydantic import BaseModel

from plan_schema.vocabulary import PART_TITLES, PartName
from service.access import policy
from service.access.guards import SignedIn, Viewer
from service.planning import plans, workflow
from service.platform.deps import PageDep, SessionDep
from service.platform.ids import DbId
from service.platform.pagination import Page
from service.tables.columns import id_of

router = APIRouter(tags=["plans"])


class PartnershipRef(BaseModel):
    """The partnership a plan belongs to."""

    id: int
    code: str
    name: str
    region_id: int


class CycleRef(BaseModel):
    """The cycle a plan belongs to, with the years its parts are labelled by."""

    id: int
    plan_year: str
    previous_year: str
    indicative_years: list[str]


class PartLink(BaseModel):
    """Where to read and write one part."""

    part: PartName
    title: str
    href: str


class PlanOut(BaseModel):
    """A plan and where its parts are."""

    id: int
    partnership: PartnershipRef
    cycle: CycleRef
    status: workflow.PlanStatus
    status_label: str
    created_at: datetime.datetime
    updated_at: datetime.datetime
    parts: list[PartLink]


def plan_out(view: plans.PlanView) -> PlanOut:
    """API form of a plan."""
    plan_id = id_of(view.plan)
    return PlanOut(
        id=plan_id,
        partnership=PartnershipRef.model_validate(view.partnership, from_attributes=True),
        cycle=CycleRef.model_validate(view.cycle, from_attributes=True),
        status=workflow.status_of(view.plan),
        status_label=workflow.STATUS_LABELS[workflow.status_of(view.plan)],
        created_at=view.plan.created_at,
        updated_at=view.plan.updated_at,
        parts=[
            PartLink(part=part, title=PART_TITLES[part], href=f"/api/v1/plans/{plan_id}/parts/{part.value}")
            for part in PartName
        ],
    )


@router.post("/plans", status_code=201, summary="Start a plan")
def create_plan(
    body: Annotated[plans.NewPlan, Depends(policy.plan_starter)], session: SessionDep, response: Response
) -> PlanOut:
    """Start a partnership's plan for a cycle, with every part empty."""
    view = plans.create_plan(
        session=session, partnership_id=body.partnership_id, cycle_id=body.cycle_id, copy_previous=body.copy_previous
    )
    response.headers["Location"] = f"/api/v1/plans/{view.plan.id}"
    return plan_out(view)


@router.get("/plans", summary="List plans")
def list_plans(
    session: SessionDep,
    page: PageDep,
    caller: SignedIn,
    partnership_id: Annotated[DbId | None, Query()] = None,
    cycle_id: Annotated[DbId | None, Query()] = None,
    region_id: Annotated[DbId | None, Query()] = None,
) -> Page[PlanOut]:
    """Plans the caller may see, newest cycle first, optionally of one partnership, cycle or region."""
    only_partnership, only_region = policy.partnership_scope(caller)
    where = plans.PlanFilter(
        partnership_id=partnership_id,
        cycle_id=cycle_id,
        region_id=region_id,
        only_partnership=only_partnership,
        only_region=only_region,
    )
    views, total = plans.list_plans(session=session, page=page, where=where)
    return Page(items=[plan_out(view) for view in views], page=page.page, page_size=page.page_size, total=total)


@router.get("/plans/{plan_id}", summary="Read a plan")
def read_plan(view: Viewer) -> PlanOut:
    """One plan."""
    return plan_out(view)
