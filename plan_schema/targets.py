"""Part 2: effective-treatment targets, retention, exits and primary care (guidance Part 2)."""

from decimal import Decimal
from typing import Annotated

from pydantic import Field, field_validator

from plan_schema.base import PlanDocument
from plan_schema.decimals import PERCENT_0_TO_100, PERCENT_WITHIN_100_000, decimal_json_schema
from plan_schema.text import ShortText

# Storable bounds, wider than any sensible plan: the rules (validators) say what is
# sensible, such as a planned change between -100% and +500%.
Percentage = Annotated[
    Decimal,
    Field(ge=-100_000, le=100_000, decimal_places=2, allow_inf_nan=False),
    decimal_json_schema(minimum=-100_000, maximum=100_000, string_pattern=PERCENT_WITHIN_100_000),
]
PeopleCount = Annotated[int, Field(ge=0, le=10_000_000)]
Rate = Annotated[
    Decimal,
    Field(ge=0, le=100, decimal_places=2, allow_inf_nan=False),
    decimal_json_schema(minimum=0, maximum=100, string_pattern=PERCENT_0_TO_100),
]
PracticeCount = Annotated[int, Field(ge=0, le=10_000)]
MAX_PCTS = 20


class PlannedChange(PlanDocument):
    """Planned % change for the plan year and the two indicative years."""

    plan_year: Percentage | None = None
    first_indicative_year: Percentage | None = None
    second_indicative_year: Percentage | None = None


class EffectiveTreatmentTarget(PlanDocument):
    """Indicators 1.1 and 1.2: numbers of people in effective treatment."""

    baseline_actual: PeopleCount | None = Field(None, description="Actual figure for the year before last (2006/07).")
    baseline_predicted: PeopleCount | None = Field(None, description="Predicted figure for last year (2007/08).")
    planned_change_pct: PlannedChange = PlannedChange()


class PlanYearChange(PlanDocument):
    """Planned % change for the plan year only."""

    plan_year: Percentage | None = None


class SystemTarget(PlanDocument):
    """Indicators 2 and 3: rates (in %) with baselines and a plan-year change."""

    baseline_actual: Rate | None = None
    baseline_predicted: Rate | None = None
    planned_change_pct: PlanYearChange = PlanYearChange()


class PrimaryCare(PlanDocument):
    """Indicator 4, for one PCT, counted in practices."""

    pct_code: Annotated[str, Field(min_length=1, max_length=10, pattern=r"^[A-Z0-9]+$")]
    practices_in_area: PracticeCount | None = None
    practices_in_shared_care: PracticeCount | None = None
    practices_in_other_models: PracticeCount | None = None
    notes: ShortText = ""


class Targets(PlanDocument):
    """Part 2: indicators 1.1, 1.2, 2, 3 and 4."""

    crack_opiate_users_in_effective_treatment: EffectiveTreatmentTarget = EffectiveTreatmentTarget()
    all_adults_in_effective_treatment: EffectiveTreatmentTarget = EffectiveTreatmentTarget()
    retention: SystemTarget = SystemTarget()
    care_planned_exits: SystemTarget = SystemTarget()
    primary_care: Annotated[list[PrimaryCare], Field(max_length=MAX_PCTS)] = []

    @field_validator("primary_care")
    @classmethod
    def _one_entry_per_pct(cls, entries: list[PrimaryCare]) -> list[PrimaryCare]:
        codes = [entry.pct_code for entry in entries]
        for code in codes:
            if codes.count(code) > 1:
                raise ValueError(f"PCT {code} has more than one primary care entry")
        return entries
