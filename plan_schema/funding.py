"""Part 4: Table 1 funding by source and year, Table 2 expenditure profile (guidance Part 4)."""

from decimal import Decimal
from typing import Annotated, Any

from pydantic import Field, PlainSerializer, field_validator, model_validator

from plan_schema import funding_totals
from plan_schema.base import PlanDocument
from plan_schema.money import ZERO, Money, format_money
from plan_schema.plan_year import PlanYear
from plan_schema.text import ShortText
from plan_schema.vocabulary import DEFAULT_EXPENDITURE_CATEGORIES

# Worked-out figures: shown in every response, ignored in every request, never bounded by
# the input limit (a total of twelve sources may pass £1bn even when no input does).
ComputedMoney = Annotated[
    Decimal,
    PlainSerializer(format_money, return_type=str, when_used="json"),
    Field(json_schema_extra={"readOnly": True, "type": "string"}),
]
MAX_FUNDING_YEARS = 6


def _drop(data: Any, *computed: str) -> Any:
    """Remove computed keys from input, so a GET body can be PUT back unchanged."""
    if isinstance(data, dict):
        return {key: value for key, value in data.items() if key not in computed}
    return data


class FundingYear(PlanDocument):
    """One column of Table 1: every funding source for one year."""

    year: PlanYear
    smptb_allocation: Money = ZERO
    young_peoples_allocation: Money = ZERO
    smptb_adult: ComputedMoney = Field(ZERO, description="1.3 = 1.1 − 1.2, computed.")
    smptb_underspend_carried_forward: Money = ZERO
    dip_main_grant: Money = ZERO
    dip_carry_forward: Money = Field(ZERO, description="1.5(a): at most 2% of the DIP main grant.")
    police: Money = ZERO
    pct_mainstream: Money = ZERO
    social_services: Money = ZERO
    section_31_pooled: Money = ZERO
    probation: Money = ZERO
    supporting_people: Money = ZERO
    other: Money = ZERO
    other_description: ShortText = ""
    dh_tier_4_capital: Money = ZERO
    total: ComputedMoney = Field(ZERO, description="1.14 = 1.3 + 1.4 + … + 1.13, computed.")

    @model_validator(mode="before")
    @classmethod
    def _ignore_computed(cls, data: Any) -> Any:
        return _drop(data, "smptb_adult", "total")


class ExpenditureRow(PlanDocument):
    """One row of Table 2: a commissioning category across the twelve funding sources."""

    category: ShortText
    smptb_adult: Money = ZERO
    smptb_underspend_carried_forward: Money = ZERO
    dip_main_grant: Money = ZERO
    dip_carry_forward: Money = ZERO
    police: Money = ZERO
    pct_mainstream: Money = ZERO
    social_services: Money = ZERO
    section_31_pooled: Money = ZERO
    probation: Money = ZERO
    supporting_people: Money = ZERO
    other: Money = ZERO
    dh_tier_4_capital: Money = ZERO
    total: ComputedMoney = Field(ZERO, description="Column N, computed.")

    @model_validator(mode="before")
    @classmethod
    def _ignore_computed(cls, data: Any) -> Any:
        return _drop(data, "total")


class ExpenditureTotals(PlanDocument):
    """Table 2 row 15: each source's total, and the grand total in N15."""

    smptb_adult: ComputedMoney = ZERO
    smptb_underspend_carried_forward: ComputedMoney = ZERO
    dip_main_grant: ComputedMoney = ZERO
    dip_carry_forward: ComputedMoney = ZERO
    police: ComputedMoney = ZERO
    pct_mainstream: ComputedMoney = ZERO
    social_services: ComputedMoney = ZERO
    section_31_pooled: ComputedMoney = ZERO
    probation: ComputedMoney = ZERO
    supporting_people: ComputedMoney = ZERO
    other: ComputedMoney = ZERO
    dh_tier_4_capital: ComputedMoney = ZERO
    total: ComputedMoney = Field(ZERO, description="Cell N15: must equal 1.14 for the plan year.")


def default_expenditure_rows() -> list[ExpenditureRow]:
    """Table 2 with the template's ten categories and nothing spent."""
    return [ExpenditureRow(category=category) for category in DEFAULT_EXPENDITURE_CATEGORIES]


class Funding(PlanDocument):
    """Part 4: Table 1 (a column per year) and Table 2 (the plan year's expenditure)."""

    table_1: Annotated[list[FundingYear], Field(max_length=MAX_FUNDING_YEARS)] = []
    table_2: Annotated[
        list[ExpenditureRow],
        Field(min_length=len(DEFAULT_EXPENDITURE_CATEGORIES), max_length=len(DEFAULT_EXPENDITURE_CATEGORIES)),
    ] = Field(default_factory=default_expenditure_rows)
    # A new one each time (a default instance would be copied at every validation: 25 µs).
    table_2_totals: ExpenditureTotals = Field(default_factory=ExpenditureTotals, json_schema_extra={"readOnly": True})

    @model_validator(mode="before")
    @classmethod
    def _ignore_computed(cls, data: Any) -> Any:
        return _drop(data, "table_2_totals")

    @field_validator("table_1")
    @classmethod
    def _years_once_each_in_order(cls, years: list[FundingYear]) -> list[FundingYear]:
        labels = [column.year for column in years]
        for label in labels:
            if labels.count(label) > 1:
                raise ValueError(f"year {label} appears more than once")
        return sorted(years, key=lambda column: column.year)

    @model_validator(mode="after")
    def _compute(self) -> "Funding":
        funding_totals.fill_computed(self)
        return self
