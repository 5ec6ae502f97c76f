"""Routes for reference data: regions, partnerships, plan cycles."""

from decimal import Decimal
from typing import Annotated

from fastapi import APIRouter, Depends, Query
from pydantic import BaseModel, Field

from service.access import policy
from service.access.guards import Admin, SignedIn
from service.planning import cycles, reference
from service.planning.cycles import CycleChange, NewCycle, new_cycle
from service.planning.timetable import Timetable, timetable_of
from service.platform.deps import PageDep, SessionDep
from service.platform.ids import DbId
from service.platform.pagination import Page
from service.tables.columns import id_of
from service.tables.plans import Partnership, PlanCycle, Region

router = APIRouter(tags=["reference data"])


class RegionOut(BaseModel):
    """A region."""

    id: int
    code: str
    name: str


class PctOut(BaseModel):
    """A primary care trust."""

    code: str
    name: str


class PartnershipOut(BaseModel):
    """A partnership and the PCTs it covers."""

    id: int
    code: str
    name: str
    region_id: int
    pcts: list[PctOut]


class CycleOut(BaseModel):
    """A plan cycle with its years, timetable and settings."""

    id: int
    plan_year: str
    previous_year: str
    indicative_years: list[str]
    template_version: str
    timetable: Timetable
    inflation_uplift_pct: Decimal
    harm_reduction_self_audit_required: bool
    expenditure_categories: list[str]
    amber_tolerance: Decimal = Field(description="How far short of the trajectory is still amber.")
    amber_tolerance_relative: bool = Field(description="True: per cent of the value expected; false: metric units.")
    spend_variance_threshold_pct: Decimal = Field(description="Spend further than this % from its profile is flagged.")


def region_out(region: Region) -> RegionOut:
    """API form of a region."""
    return RegionOut.model_validate(region, from_attributes=True)


def partnership_out(partnership: Partnership, session: SessionDep) -> PartnershipOut:
    """API form of a partnership, with its PCTs."""
    pcts = [PctOut(code=pct.code, name=pct.name) for pct in reference.pcts_of(id_of(partnership), session=session)]
    return PartnershipOut(
        id=id_of(partnership),
        code=partnership.code,
        name=partnership.name,
        region_id=partnership.region_id,
        pcts=pcts,
    )


def cycle_out(cycle: PlanCycle) -> CycleOut:
    """API form of a plan cycle."""
    return CycleOut(
        **cycle.model_dump(include=set(CycleOut.model_fields) - {"timetable"}),
        timetable=timetable_of(cycle),
    )


@router.get("/regions", summary="List regions")
def list_regions(session: SessionDep, page: PageDep, _caller: SignedIn) -> Page[RegionOut]:
    """The nine English regions."""
    rows, total = reference.list_regions(session=session, page=page)
    return Page(items=[region_out(row) for row in rows], page=page.page, page_size=page.page_size, total=total)


@router.get("/regions/{region_id}", summary="Read a region")
def read_region(region_id: DbId, session: SessionDep, _caller: SignedIn) -> RegionOut:
    """One region."""
    return region_out(reference.get_region(region_id, session=session))


@router.get("/partnerships", summary="List partnerships")
def list_partnerships(
    session: SessionDep, page: PageDep, caller: SignedIn, region_id: Annotated[DbId | None, Query()] = None
) -> Page[PartnershipOut]:
    """Partnerships the caller may see, optionally of one region."""
    only_partnership, only_region = policy.partnership_scope(caller)
    rows, total = reference.list_partnerships(
        session=session, page=page, region_id=region_id, only_partnership=only_partnership, only_region=only_region
    )
    items = [partnership_out(row, session) for row in rows]
    return Page(items=items, page=page.page, page_size=page.page_size, total=total)


@router.get("/partnerships/{partnership_id}", summary="Read a partnership")
def read_partnership(
    partnership: Annotated[Partnership, Depends(policy.visible_partnership)], session: SessionDep
) -> PartnershipOut:
    """One partnership with its PCTs."""
    return partnership_out(partnership, session)


@router.get("/cycles", summary="List plan cycles")
def list_cycles(session: SessionDep, page: PageDep, _caller: SignedIn) -> Page[CycleOut]:
    """Plan cycles, newest first."""
    rows, total = reference.list_cycles(session=session, page=page)
    return Page(items=[cycle_out(row) for row in rows], page=page.page, page_size=page.page_size, total=total)


@router.get("/cycles/{cycle_id}", summary="Read a plan cycle")
def read_cycle(cycle_id: DbId, session: SessionDep, _caller: SignedIn) -> CycleOut:
    """One plan cycle."""
    return cycle_out(reference.get_cycle(cycle_id, session=session))


@router.post("/cycles", status_code=201, summary="Create a plan cycle")
def create_cycle(body: NewCycle, admin: Admin, session: SessionDep) -> CycleOut:
    """Admins open a plan year: the guidance's timetable moved to that year unless other dates are given."""
    return cycle_out(new_cycle(body, by=admin.user_id, session=session))


@router.patch("/cycles/{cycle_id}", summary="Change a cycle's timetable or settings")
def change_cycle(cycle_id: DbId, body: CycleChange, admin: Admin, session: SessionDep) -> CycleOut:
    """Admins move a cycle's dates (they must stay in order) or change its settings (until a plan is submitted)."""
    cycle = reference.get_cycle(cycle_id, session=session)
    changed = cycles.update_cycle(cycle, body.model_dump(exclude_none=True), by=admin.user_id, session=session)
    return cycle_out(changed)
