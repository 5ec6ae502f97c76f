"""Routes for reference data: regions, partnerships, plan cycles."""

from decimal import Decimal
from typing import Annotated

from fastapi import APIRouter, Depends, Query
from pydantic import BaseModel, ConfigDict, Field, StrictBool
from sqlmodel import Session

from plan_schema.dates import IsoDate
from plan_schema.decimals import PERCENT_0_TO_100, decimal_json_schema
from plan_schema.plan_year import CycleYear, PlanYear
from service.access import policy
from service.access.guards import Admin, SignedIn
from service.planning import cycles, reference
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


class CycleChange(BaseModel):
    """Dates and settings of a cycle to change; anything left out stays as it is."""

    model_config = ConfigDict(extra="forbid")

    initial_submission_due: IsoDate | None = None
    panel_response_due: IsoDate | None = None
    final_submission_due: IsoDate | None = None
    sign_off_due: IsoDate | None = None
    publication_due: IsoDate | None = None
    targets_agreed_due: IsoDate | None = None
    baseline_due: IsoDate | None = None
    inflation_uplift_pct: (
        Annotated[
            Decimal,
            Field(ge=0, le=100, decimal_places=2),
            decimal_json_schema(minimum=0, maximum=100, string_pattern=PERCENT_0_TO_100),
        ]
        | None
    ) = None
    harm_reduction_self_audit_required: StrictBool | None = None


class NewCycle(CycleChange):
    """A plan cycle to create: its year, and any years, dates or settings other than the guidance's defaults."""

    plan_year: CycleYear
    previous_year: PlanYear | None = Field(None, description="Defaults to the year before the plan year.")
    indicative_years: Annotated[list[PlanYear], Field(max_length=5)] | None = Field(
        None, description="Defaults to the two years after the plan year."
    )


def new_cycle(body: NewCycle, *, by: int, session: Session) -> PlanCycle:
    """Create the cycle a NewCycle describes (the API's and the admin page's one way in)."""
    settings = body.model_dump(include=set(cycles.VALIDATED_SETTINGS), exclude_none=True)
    dates = body.model_dump(include=set(Timetable.__dataclass_fields__), exclude_none=True)
    return cycles.create_cycle(
        body.plan_year,
        session=session,
        previous_year=body.previous_year,
        indicative_years=body.indicative_years,
        dates=dates,
        by=by,
        **settings,
    )


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
