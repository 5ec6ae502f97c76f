"""Creating plan cycles with the guidance's defaults."""

from collections.abc import Mapping
from dataclasses import asdict
from decimal import Decimal

from sqlmodel import Session, select

from plan_schema.plan_year import first_calendar_year, plan_year_label
from plan_schema.vocabulary import DEFAULT_EXPENDITURE_CATEGORIES, TEMPLATE_VERSION
from service import audit
from service.errors import Conflict, InvalidInput
from service.models import PlanCycle
from service.timetable import default_timetable

DEFAULT_INFLATION_UPLIFT_PCT = Decimal("2.50")


def create_cycle(
    plan_year: str,
    *,
    session: Session,
    inflation_uplift_pct: Decimal = DEFAULT_INFLATION_UPLIFT_PCT,
    harm_reduction_self_audit_required: bool = True,
) -> PlanCycle:
    """A cycle with its previous year, two indicative years and the default timetable."""
    if session.exec(select(PlanCycle).where(PlanCycle.plan_year == plan_year)).first() is not None:
        raise Conflict(f"There is already a {plan_year} plan cycle.")
    start = first_calendar_year(plan_year)
    cycle = PlanCycle(
        plan_year=plan_year,
        previous_year=plan_year_label(start - 1),
        indicative_years=[plan_year_label(start + 1), plan_year_label(start + 2)],
        template_version=TEMPLATE_VERSION,
        inflation_uplift_pct=inflation_uplift_pct,
        harm_reduction_self_audit_required=harm_reduction_self_audit_required,
        expenditure_categories=list(DEFAULT_EXPENDITURE_CATEGORIES),
        **asdict(default_timetable(plan_year)),
    )
    session.add(cycle)
    session.flush()
    return cycle


def update_cycle(cycle: PlanCycle, changes: Mapping[str, object], *, by: int, session: Session) -> PlanCycle:
    """Change a cycle's dates or settings (admins move the timetable per region's practice)."""
    before = {name: str(getattr(cycle, name)) for name in changes}
    # Checked before anything changes, so a refusal leaves the cycle as it was (a page may still commit).
    dates = [changes.get(name, getattr(cycle, name)) for name in TIMETABLE_ORDER]
    if dates != sorted(dates):  # type: ignore[type-var]
        raise InvalidInput.at(
            "/timetable", "the dates must run in the timetable's order: initial, panel, final, sign-off, publication"
        )
    for name, value in changes.items():
        setattr(cycle, name, value)
    session.add(cycle)
    session.flush()
    audit.record(
        "cycle-changed",
        session=session,
        user_id=by,
        object_type="cycle",
        object_id=cycle.id,
        before=before,
        after={name: str(value) for name, value in changes.items()},
    )
    return cycle


# Dates that must not run backwards (targets and baselines follow publication by custom, not rule).
TIMETABLE_ORDER = (
    "initial_submission_due",
    "panel_response_due",
    "final_submission_due",
    "sign_off_due",
    "publication_due",
)
