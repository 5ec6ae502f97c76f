"""Plans: one per partnership and cycle, created with an empty document for each part."""

import functools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, StrictBool
from sqlalchemy import RowMapping, bindparam, func
from sqlalchemy import select as select_columns
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.attributes import set_committed_value
from sqlmodel import Session, col, select

from plan_schema.funding import ExpenditureRow, Funding, FundingYear
from plan_schema.parts import empty_part, parse_part
from plan_schema.targets import PrimaryCare, Targets
from plan_schema.vocabulary import PartName
from service.access.plan_rows import PlanFact
from service.planning import reference, year_on_year
from service.platform.errors import Conflict, InvalidInput, NotFound
from service.platform.ids import DbId
from service.platform.pagination import PageRequest
from service.tables.columns import id_of
from service.tables.plans import Partnership, Plan, PlanCycle, PlanPart
from service.tables.returns import ReturnSubmission


class NewPlan(BaseModel):
    """Which partnership and cycle a new plan is for."""

    model_config = ConfigDict(extra="forbid")

    partnership_id: DbId
    cycle_id: DbId
    copy_previous: StrictBool = Field(False, description="Start from the partnership's plan for the previous year.")


@dataclass(frozen=True)
class PlanFilter:
    """What a list of plans may be narrowed to."""

    partnership_id: int | None = None
    cycle_id: int | None = None
    region_id: int | None = None
    # The caller's scope (service.access.policy.partnership_scope), applied on top of the filters.
    only_partnership: int | None = None
    only_region: int | None = None


@dataclass(frozen=True)
class PlanView:
    """A plan with the partnership and cycle it belongs to; and, where a page asked for them to be read with the plan
    (service/access/plan_rows.py), facts about it and some of its parts, each by name."""

    plan: Plan
    partnership: Partnership
    cycle: PlanCycle
    facts: Mapping[str, Any] = field(default_factory=dict, compare=False)
    parts: Mapping[str, PlanPart] = field(default_factory=dict, compare=False)

    def known(self, fact: PlanFact) -> Any:
        """`fact` as read with the plan, or None when the plan was found without it (ask the database then)."""
        return self.facts.get(fact.name)


def starting_document(part: PartName, *, cycle: PlanCycle, pct_codes: Sequence[str]) -> BaseModel:
    """The document a part starts with: the cycle's years and categories, one row per PCT."""
    return _blank(
        part,
        years=(cycle.previous_year, cycle.plan_year),
        categories=cycle.expenditure_categories,
        pct_codes=pct_codes,
    )


def _blank(part: PartName, *, years: Sequence[str], categories: Sequence[str], pct_codes: Sequence[str]) -> BaseModel:
    """A part with its frame (Table 1's years, Table 2's categories, a row per PCT) and nothing entered."""
    if part is PartName.FUNDING:
        return Funding(
            table_1=[FundingYear(year=year) for year in years],
            table_2=[ExpenditureRow(category=category) for category in categories],
        )
    if part is PartName.TARGETS:
        return Targets(primary_care=[PrimaryCare(pct_code=code) for code in pct_codes])
    return empty_part(part)


def is_started(part: PartName, document: BaseModel) -> bool:
    """True once a part holds something a person entered: anything beyond the frame a new plan starts with.

    The one meaning of "not started" that readiness, the task list, check your answers and the
    submission all ask. The frame is read from the document itself rather than from the cycle and
    today's PCTs, so a change to reference data never makes an untouched part look started.
    """
    if isinstance(document, Funding):
        years = tuple(column.year for column in document.table_1)
        frame = _frame(part, years=years, categories=tuple(row.category for row in document.table_2))
    elif isinstance(document, Targets):
        frame = _frame(part, pct_codes=tuple(row.pct_code for row in document.primary_care))
    else:
        frame = _frame(part)
    return document != frame


@functools.lru_cache(maxsize=256)
def _frame(
    part: PartName, *, years: tuple[str, ...] = (), categories: tuple[str, ...] = (), pct_codes: tuple[str, ...] = ()
) -> BaseModel:
    # Built once for each shape of frame, as building Part 4's took as long as checking it against every rule
    # (a save asks each time); only ever compared with, never handed out, so never changed.
    return _blank(part, years=years, categories=categories, pct_codes=pct_codes)


def create_plan(*, session: Session, partnership_id: int, cycle_id: int, copy_previous: bool = False) -> PlanView:
    """Start a partnership's plan for a cycle, empty or from last year's; a second plan for the pair is a conflict."""
    partnership = session.get(Partnership, partnership_id)
    if partnership is None:
        raise InvalidInput.at("/partnership_id", f"there is no partnership {partnership_id}")
    cycle = session.get(PlanCycle, cycle_id)
    if cycle is None:
        raise InvalidInput.at("/cycle_id", f"there is no plan cycle {cycle_id}")
    existing = session.exec(
        select(Plan).where(Plan.partnership_id == partnership_id, Plan.cycle_id == cycle_id)
    ).first()
    if existing is not None:
        raise _already_exists(partnership, cycle, existing.id)
    plan = Plan(partnership_id=partnership_id, cycle_id=cycle_id)
    pct_codes = [pct.code for pct in reference.pcts_of(partnership_id, session=session)]
    documents = (
        _carried_over(partnership, cycle, pct_codes, session=session)
        if copy_previous
        else {part: starting_document(part, cycle=cycle, pct_codes=pct_codes) for part in PartName}
    )
    try:
        with session.begin_nested():
            session.add(plan)
            session.flush()
            for part, document in documents.items():
                session.add(PlanPart(plan_id=id_of(plan), part=part.value, document=document.model_dump(mode="json")))
            session.flush()
    except IntegrityError:
        # Someone created the same plan between our check and our insert.
        raise _already_exists(partnership, cycle, None) from None
    return PlanView(plan=plan, partnership=partnership, cycle=cycle)


def previous_plan(partnership_id: int, cycle: PlanCycle, *, session: Session) -> tuple[Plan, PlanCycle] | None:
    """The partnership's plan in the latest cycle before this one, however many years back it is."""
    # The latest earlier plan, not only the previous_year's: a partnership (or a new installation
    # such as the demo's 2008/09 and 2027/28) may have years without a plan between them.
    row = session.exec(
        select(Plan, PlanCycle)
        .join(PlanCycle, col(Plan.cycle_id) == col(PlanCycle.id))
        .where(Plan.partnership_id == partnership_id, col(PlanCycle.plan_year) < cycle.plan_year)
        .order_by(col(PlanCycle.plan_year).desc())
    ).first()
    return None if row is None else (row[0], row[1])


def _carried_over(
    partnership: Partnership, cycle: PlanCycle, pct_codes: list[str], *, session: Session
) -> dict[PartName, BaseModel]:
    """Last year's plan as the start of this year's (objectives kept, dates cleared, figures moved along)."""
    found = previous_plan(id_of(partnership), cycle, session=session)
    if found is None:
        raise InvalidInput.at("/copy_previous", no_earlier_plan(partnership.name))
    previous, old_cycle = found
    rows = session.exec(select(PlanPart).where(PlanPart.plan_id == id_of(previous))).all()
    # What last year's returns said of each action, so the unfinished ones are carried and marked.
    returns = session.exec(
        select(ReturnSubmission.quarter, ReturnSubmission.number, ReturnSubmission.sections).where(
            ReturnSubmission.plan_id == id_of(previous)
        )
    ).all()
    reported = (
        year_on_year.latest_reported((quarter, number, kept.get("actions")) for quarter, number, kept in returns)
        if returns
        else None
    )
    return year_on_year.carry_over(
        {PartName(row.part): parse_part(PartName(row.part), row.document) for row in rows},
        previous_plan_year=old_cycle.plan_year,
        new_plan_year=cycle.plan_year,
        new_previous_year=cycle.previous_year,
        expenditure_categories=cycle.expenditure_categories,
        pct_codes=pct_codes,
        reported=reported,
    )


def no_earlier_plan(partnership_name: str) -> str:
    """Why a plan cannot start from last year's."""
    return f"There is no earlier plan of {partnership_name}'s to start from"


@dataclass(frozen=True)
class Startable:
    """A cycle a partnership has no plan for yet, and the earlier plan's year it could start from, if any."""

    cycle: PlanCycle
    previous_plan_year: str | None

    @property
    def can_copy_previous(self) -> bool:
        """True when an earlier plan of the partnership's exists to start from."""
        return self.previous_plan_year is not None


def startable_cycles(partnership_id: int, *, session: Session) -> list[Startable]:
    """The cycles the partnership could start a plan for, newest first."""
    years_planned = set(
        session.exec(
            select(PlanCycle.plan_year)
            .join(Plan, col(Plan.cycle_id) == col(PlanCycle.id))
            .where(Plan.partnership_id == partnership_id)
        ).all()
    )
    cycles = session.exec(select(PlanCycle).order_by(col(PlanCycle.plan_year).desc())).all()
    startable = []
    for cycle in cycles:
        if cycle.plan_year not in years_planned:
            found = previous_plan(partnership_id, cycle, session=session)
            startable.append(Startable(cycle, None if found is None else found[1].plan_year))
    return startable


def _already_exists(partnership: Partnership, cycle: PlanCycle, plan_id: int | None) -> Conflict:
    return Conflict(f"{partnership.name} already has a plan for {cycle.plan_year}.", existing_plan_id=plan_id)


def list_plans(*, session: Session, page: PageRequest, where: PlanFilter) -> tuple[list[PlanView], int]:
    """Plans matching the filter, by cycle (newest first) then partnership name."""
    query = (
        select(Plan, Partnership, PlanCycle)
        .join(Partnership, col(Plan.partnership_id) == col(Partnership.id))
        .join(PlanCycle, col(Plan.cycle_id) == col(PlanCycle.id))
    )
    conditions = (
        (Plan.partnership_id, where.partnership_id),
        (Plan.partnership_id, where.only_partnership),
        (Plan.cycle_id, where.cycle_id),
        (Partnership.region_id, where.region_id),
        (Partnership.region_id, where.only_region),
    )
    for column, value in conditions:
        if value is not None:
            query = query.where(column == value)
    total = session.exec(select(func.count()).select_from(query.subquery())).one()
    ordered = query.order_by(col(PlanCycle.plan_year).desc(), col(Partnership.name), col(Plan.id))
    rows = session.exec(ordered.offset(page.offset).limit(page.page_size)).all()
    return [PlanView(plan=plan, partnership=partnership, cycle=cycle) for plan, partnership, cycle in rows], total


def get_plan(plan_id: int, *, session: Session) -> PlanView:
    """A plan by id with its partnership and cycle (one query: every request that names a plan asks)."""
    row = session.exec(
        select(Plan, Partnership, PlanCycle)
        .join(Partnership, col(Plan.partnership_id) == col(Partnership.id))
        .join(PlanCycle, col(Plan.cycle_id) == col(PlanCycle.id))
        .where(Plan.id == plan_id)
    ).first()
    if row is None:
        raise NotFound(f"There is no plan {plan_id}.")
    plan, partnership, cycle = row
    return PlanView(plan=plan, partnership=partnership, cycle=cycle)


@dataclass(frozen=True)
class LockedPlan:
    """What a part's save asks of the plan it has locked: where it is on the timetable, and its context version."""

    status: str
    context_version: int


def locking(*also: Any) -> Any:
    """A statement that locks the plan's row as lock_plan does and reads its status and context version, and `also`
    (columns of tables the caller joins, in the same statement: FOR UPDATE OF plan locks none of their rows)."""
    query = select_columns(col(Plan.status), col(Plan.context_version), *also)
    return query.where(col(Plan.id) == bindparam("plan_id")).with_for_update(of=Plan)


def locked(plan_id: int, row: RowMapping | Mapping[str, Any], *, session: Session) -> LockedPlan:
    """The plan as a `locking` statement read it; the plan this session holds is brought up to date with it."""
    plan = LockedPlan(row["status"], row["context_version"])
    held = session.identity_map.get(session.identity_key(Plan, plan_id))
    if held is not None:
        # As lock_plan's read afresh would (another request may have just changed it), without a second query.
        set_committed_value(held, "status", plan.status)
        set_committed_value(held, "context_version", plan.context_version)
    return plan


def lock_plan(plan_id: int, *, session: Session) -> Plan:
    """The plan row, locked until the transaction ends (SQLite writers already hold the lock)."""
    # populate_existing: a plan this session already holds is read afresh, as another request may have just
    # changed it (one query where a refresh after the lock was a second).
    query = select(Plan).where(Plan.id == plan_id).with_for_update().execution_options(populate_existing=True)
    plan = session.exec(query).first()
    if plan is None:
        raise NotFound(f"There is no plan {plan_id}.")
    return plan
