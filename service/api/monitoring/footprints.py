"""Routes for areas and partnerships' footprints: which areas' figures make a partnership's, year by year."""

from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query
from pydantic import BaseModel, Field

from service.access import policy
from service.access.guards import Admin, SignedIn
from service.monitoring import areas
from service.monitoring.catalogue import Geography
from service.platform.deps import PageDep, SessionDep
from service.platform.ids import DbId
from service.platform.pagination import Page
from service.tables.columns import id_of
from service.tables.monitoring import Area
from service.tables.plans import Partnership

router = APIRouter(tags=["monitoring"])

# A partnership's footprint is made of the areas figures are published for below it; regions' and
# England's own areas come with the regions, not from here.
FootprintKind = Literal["local-authority", "primary-care-trust", "partnership", "police-force-area"]
PlanYear = Annotated[str, Field(pattern=r"^\d{4}/\d{2}$", examples=["2027/28"], description="A plan year.")]
AreaCode = Annotated[str, Field(min_length=1, max_length=40, pattern=r"^[A-Za-z0-9][A-Za-z0-9-]*$")]


class AreaOut(BaseModel):
    """A place figures are published for."""

    code: str
    name: str
    kind: str


class NewArea(BaseModel):
    """An area to add: its code as the publisher writes it, its name and what kind of place it is."""

    code: AreaCode
    name: Annotated[str, Field(min_length=1, max_length=200)]
    kind: FootprintKind


class CoverageOut(BaseModel):
    """A stretch of plan years for which a partnership's footprint covers an area (to valid_to, or still)."""

    id: int
    area: AreaOut
    valid_from: str
    valid_to: str | None


class NewCoverage(BaseModel):
    """An area to add to a footprint, from a plan year (to another, or open-ended)."""

    area_code: AreaCode
    valid_from: PlanYear
    valid_to: PlanYear | None = None


class CoverageEnd(BaseModel):
    """The last plan year a footprint covers an area."""

    valid_to: PlanYear


def area_out(area: Area) -> AreaOut:
    """API form of an area."""
    return AreaOut(code=area.code, name=area.name, kind=area.kind)


def _coverage_out(stretch: areas.Coverage) -> CoverageOut:
    return CoverageOut(
        id=stretch.id, area=area_out(stretch.area), valid_from=stretch.valid_from, valid_to=stretch.valid_to
    )


@router.get("/areas", summary="List areas")
def list_areas(
    session: SessionDep,
    page: PageDep,
    _caller: SignedIn,
    kind: Annotated[Geography | None, Query(description="Only areas of this kind.")] = None,
) -> Page[AreaOut]:
    """The areas figures are published for, by code."""
    rows, total = areas.list_areas(kind, offset=page.offset, limit=page.page_size, session=session)
    return Page(items=[area_out(row) for row in rows], page=page.page, page_size=page.page_size, total=total)


@router.post("/areas", status_code=201, summary="Add an area")
def add_area(body: NewArea, _admin: Admin, session: SessionDep) -> AreaOut:
    """Admins add a local authority, PCT, partnership or police force area to build footprints from."""
    return area_out(areas.add_area(body.code, body.name, Geography(body.kind), session=session))


@router.get("/partnerships/{partnership_id}/footprint", summary="A partnership's footprint")
def footprint(
    partnership: Annotated[Partnership, Depends(policy.visible_partnership)], session: SessionDep
) -> list[CoverageOut]:
    """Every area the partnership's figures are built from, with the plan years it covers each."""
    return [_coverage_out(stretch) for stretch in areas.footprint_of(id_of(partnership), session=session)]


@router.post("/partnerships/{partnership_id}/footprint", status_code=201, summary="Add an area to a footprint")
def add_coverage(partnership_id: DbId, body: NewCoverage, _admin: Admin, session: SessionDep) -> CoverageOut:
    """Admins add an area to a partnership's footprint; a stretch that shares a year with another is refused (409)."""
    area = areas.area_by_code(body.area_code, session=session)
    covered = areas.cover(partnership_id, id_of(area), body.valid_from, valid_to=body.valid_to, session=session)
    return CoverageOut(id=id_of(covered), area=area_out(area), valid_from=covered.valid_from, valid_to=covered.valid_to)


@router.patch(
    "/partnerships/{partnership_id}/footprint/{coverage_id}", summary="Change when a footprint stops covering an area"
)
def end_coverage(
    partnership_id: DbId, coverage_id: DbId, body: CoverageEnd, _admin: Admin, session: SessionDep
) -> CoverageOut:
    """Admins set the last plan year a footprint covers an area, as when a partnership's boundary changes."""
    covered = areas.end_cover(partnership_id, coverage_id, body.valid_to, session=session)
    stretch = next(item for item in areas.footprint_of(partnership_id, session=session) if item.id == id_of(covered))
    return _coverage_out(stretch)
