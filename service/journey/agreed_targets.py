"""Agreeing the % planned change by the end of May, and the August baselines that make it numbers."""

import datetime
from collections.abc import Mapping
from decimal import Decimal
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field
from sqlmodel import Session

from plan_schema import wording
from plan_schema.target_numbers import MAX_PLANNED_CHANGE_PCT, MIN_PLANNED_CHANGE_PCT, targets_as_numbers
from plan_schema.vocabulary import IndicatorId
from service.access import audit
from service.access.identity import Member
from service.notifications import events
from service.planning import plans, workflow
from service.planning.timetable import local_date
from service.platform.errors import Conflict, InvalidInput
from service.tables.columns import utc_now
from service.tables.journey import AgreedTargets

# Only the effective-treatment indicators become numbers of people (guidance Part 2, 1).
AGREED_INDICATORS = (IndicatorId.CRACK_OPIATE_EFFECTIVE_TREATMENT, IndicatorId.ALL_ADULTS_EFFECTIVE_TREATMENT)
# What _check_indicators enforces, stated in a request's schema: targets for indicators 1.1 and 1.2 only.
ONLY_AGREED_INDICATORS: dict[str, Any] = {
    "propertyNames": {"enum": [indicator.value for indicator in AGREED_INDICATORS]}
}
MAX_BASELINE = 10_000_000  # people: far above any partnership's treatment population, so a typo is refused
# When each step is allowed is the transition table's to say; these say it to someone who tried too early.
WHEN_RECORDED = "Agreed targets are recorded once the plan is published."
WHEN_BASELINES = "Baselines are entered once the plan's agreed targets are confirmed."


class BaselinesRequest(BaseModel):
    """The annualised baselines per indicator, in people (the API's body and the admin page's check)."""

    model_config = ConfigDict(extra="forbid")

    baselines: Annotated[
        dict[str, Annotated[int, Field(ge=0, le=MAX_BASELINE)]], Field(json_schema_extra=ONLY_AGREED_INDICATORS)
    ]


class DeadlinePassed(Conflict):
    """The timetable's date for this step has gone by."""

    problem_type = "urn:adtp:problem:deadline-passed"


def current(plan_id: int, *, session: Session) -> AgreedTargets:
    """The plan's agreed targets row (empty until something is recorded)."""
    return session.get(AgreedTargets, plan_id) or AgreedTargets(plan_id=plan_id)


def still_open(due: datetime.date) -> bool:
    """True until the end of the day targets are due by (the timetable's local date)."""
    return local_date(utc_now()) <= due


def _check_indicators(values: Mapping[str, object], pointer: str) -> None:
    allowed = {indicator.value for indicator in AGREED_INDICATORS}
    for key in values:
        if key not in allowed:
            raise InvalidInput.at(f"{pointer}/{key}", f"targets are agreed for indicators {', '.join(sorted(allowed))}")


def record(plan_id: int, agreed_pct: Mapping[str, Decimal], *, reviewer: Member, session: Session) -> AgreedTargets:
    """The reviewer records the agreed % change per indicator, by the cycle's deadline."""
    plan = plans.lock_plan(plan_id, session=session)
    workflow.ensure_allowed(plan, workflow.Action.RECORD_TARGETS, why=WHEN_RECORDED)
    due = plans.get_plan(plan_id, session=session).cycle.targets_agreed_due
    if not still_open(due):
        raise DeadlinePassed(
            f"The deadline for agreeing targets ({wording.long_date(due)}) has passed. "
            "An administrator can move it in the cycle's timetable."
        )
    _check_indicators(agreed_pct, "/planned_change_pct")
    for key, pct in agreed_pct.items():
        if not MIN_PLANNED_CHANGE_PCT <= pct <= MAX_PLANNED_CHANGE_PCT:
            bounds = f"{MIN_PLANNED_CHANGE_PCT} and {MAX_PLANNED_CHANGE_PCT}"
            raise InvalidInput.at(f"/planned_change_pct/{key}", f"must be between {bounds}")
    targets = current(plan_id, session=session)
    before = dict(targets.planned_change_pct)
    targets.planned_change_pct = {key: format(pct, "f") for key, pct in agreed_pct.items()}
    targets.recorded_by, targets.recorded_at = reviewer.user_id, utc_now()
    targets.confirmed_by, targets.confirmed_at = None, None  # a changed agreement needs confirming again
    session.add(targets)
    session.flush()
    audit.record(
        "targets-recorded",
        session=session,
        user_id=reviewer.user_id,
        object_type="plan",
        object_id=plan_id,
        planned_change_pct=targets.planned_change_pct,
    )
    events.targets_recorded(plans.get_plan(plan_id, session=session), targets, before=before, session=session)
    return targets


def confirm(plan_id: int, *, planner: Member, session: Session) -> AgreedTargets:
    """The planner confirms what the reviewer recorded; the plan's targets are then agreed."""
    plan = plans.lock_plan(plan_id, session=session)
    workflow.ensure_allowed(plan, workflow.Action.CONFIRM_TARGETS)
    targets = current(plan_id, session=session)
    if targets.recorded_at is None:
        raise Conflict("The reviewer has not recorded the agreed targets yet.")
    targets.confirmed_by, targets.confirmed_at = planner.user_id, utc_now()
    session.add(targets)
    workflow.advance(plan, workflow.Action.CONFIRM_TARGETS, session=session)
    audit.record("targets-confirmed", session=session, user_id=planner.user_id, object_type="plan", object_id=plan_id)
    events.targets_agreed(plans.get_plan(plan_id, session=session), targets, session=session)
    return targets


def enter_baselines(plan_id: int, baselines: Mapping[str, int], *, admin: Member, session: Session) -> AgreedTargets:
    """The annualised baselines (August), once the targets are agreed: they then become numbers of people."""
    plan = plans.lock_plan(plan_id, session=session)
    workflow.ensure_allowed(plan, workflow.Action.ENTER_BASELINES, why=WHEN_BASELINES)
    _check_indicators(baselines, "/baselines")
    targets = current(plan_id, session=session)
    targets.baselines = dict(baselines)
    targets.baselines_entered_by, targets.baselines_entered_at = admin.user_id, utc_now()
    session.add(targets)
    session.flush()
    audit.record(
        "baselines-entered",
        session=session,
        user_id=admin.user_id,
        object_type="plan",
        object_id=plan_id,
        baselines=targets.baselines,
    )
    return targets


def numbers(targets: AgreedTargets) -> dict[str, int]:
    """Targets in numbers of people, for the indicators that have both a baseline and an agreed %."""
    agreed = {key: Decimal(value) for key, value in targets.planned_change_pct.items()}
    return targets_as_numbers(targets.baselines, agreed)
