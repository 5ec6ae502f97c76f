"""Reference data: regions, partnerships with their PCTs, and plan cycles."""

from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import bindparam, func
from sqlmodel import Session, col, select

from service.platform.errors import NotFound
from service.platform.pagination import PageRequest
from service.tables.plans import Partnership, PartnershipPct, Pct, Plan, PlanCycle, Region


def list_regions(*, session: Session, page: PageRequest) -> tuple[Sequence[Region], int]:
    """Regions in name order, and how many there are."""
    total = session.exec(select(func.count()).select_from(Region)).one()
    rows = session.exec(select(Region).order_by(col(Region.name)).offset(page.offset).limit(page.page_size)).all()
    return rows, total


def get_region(region_id: int, *, session: Session) -> Region:
    """A region by id."""
    region = session.get(Region, region_id)
    if region is None:
        raise NotFound(f"There is no region {region_id}.")
    return region


def list_partnerships(
    *,
    session: Session,
    page: PageRequest,
    region_id: int | None = None,
    only_partnership: int | None = None,
    only_region: int | None = None,
) -> tuple[Sequence[Partnership], int]:
    """Partnerships in name order, optionally of one region, within the caller's scope."""
    query = select(Partnership)
    for column, value in (
        (Partnership.region_id, region_id),
        (Partnership.region_id, only_region),
        (Partnership.id, only_partnership),
    ):
        if value is not None:
            query = query.where(column == value)
    total = session.exec(select(func.count()).select_from(query.subquery())).one()
    rows = session.exec(query.order_by(col(Partnership.name)).offset(page.offset).limit(page.page_size)).all()
    return rows, total


def get_partnership(partnership_id: int, *, session: Session) -> Partnership:
    """A partnership by id."""
    partnership = session.get(Partnership, partnership_id)
    if partnership is None:
        raise NotFound(f"There is no partnership {partnership_id}.")
    return partnership


def pcts_of(partnership_id: int, *, session: Session) -> Sequence[Pct]:
    """The PCTs a partnership covers, in code order."""
    query = (
        select(Pct)
        .join(PartnershipPct, col(PartnershipPct.pct_id) == col(Pct.id))
        .where(PartnershipPct.partnership_id == partnership_id)
        .order_by(col(Pct.code))
    )
    return session.exec(query).all()


def _codes_covered(partnership_id: Any) -> Any:
    """The codes of the PCTs covered by `partnership_id` (a bound parameter, or the column of a plan being read)."""
    covered = select(Pct.code).join(PartnershipPct, col(PartnershipPct.pct_id) == col(Pct.id))
    return covered.where(col(PartnershipPct.partnership_id) == partnership_id)


# Built once, and only the codes: what the rules read of a partnership's PCTs when they run on a stored plan.
_PCT_CODES = _codes_covered(bindparam("partnership_id"))


def pct_codes_column() -> Any:
    """The codes of the PCTs covered by the partnership of the plan a statement reads, as one column (read with
    `pct_codes_in`): for a statement that reads the plan anyway (a save's lock), one statement fewer."""
    codes = _codes_covered(col(Plan.partnership_id)).with_only_columns(func.aggregate_strings(col(Pct.code), ","))
    return codes.scalar_subquery().label("pct_codes")


def pct_codes_in(column: str | None) -> tuple[str, ...]:
    """The codes pct_codes_column read, in code order as pct_codes_of gives them."""
    return _in_code_order(column.split(",")) if column else ()


def _in_code_order(codes: Iterable[str]) -> tuple[str, ...]:
    # Sorted here rather than by the database, whose collation may differ from one server to another: the rules
    # name PCTs in this order, and a save's kept findings must read as a read's found afresh do.
    return tuple(sorted(codes))


def pct_codes_of(partnership_id: int, *, session: Session) -> tuple[str, ...]:
    """The codes of the PCTs a partnership covers, in code order (pcts_of, without loading the rows)."""
    session.flush()  # the connection's statement sees what the session has pending, as the session's own would
    return _in_code_order(session.connection().execute(_PCT_CODES, {"partnership_id": partnership_id}).scalars())


def list_cycles(*, session: Session, page: PageRequest) -> tuple[Sequence[PlanCycle], int]:
    """Plan cycles, newest first."""
    total = session.exec(select(func.count()).select_from(PlanCycle)).one()
    query = select(PlanCycle).order_by(col(PlanCycle.plan_year).desc()).offset(page.offset).limit(page.page_size)
    return session.exec(query).all(), total


def get_cycle(cycle_id: int, *, session: Session) -> PlanCycle:
    """A plan cycle by id."""
    cycle = session.get(PlanCycle, cycle_id)
    if cycle is None:
        raise NotFound(f"There is no plan cycle {cycle_id}.")
    return cycle
