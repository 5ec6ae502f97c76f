"""A complete, internally consistent plan for the demonstration partnership: all four parts.

Pure data: no database and no HTTP. The figures are invented but realistic for a large urban
partnership, and the plan satisfies every rule of the NTA 2008/09 template: Table 2 spends each
source's plan-year figure exactly, so N15 equals 1.14 to the penny.
"""

import datetime
from collections.abc import Mapping, Sequence
from decimal import ROUND_DOWN, Decimal

from pydantic import BaseModel

from plan_schema import funding_totals
from plan_schema.funding import Funding, FundingYear
from plan_schema.money import PENNY, ZERO, format_money
from plan_schema.plan_year import first_calendar_year, plan_year_label
from plan_schema.planning_grids import PlanningGrids
from plan_schema.strategic_summary import StrategicSummary
from plan_schema.targets import Targets
from plan_schema.vocabulary import DEFAULT_EXPENDITURE_CATEGORIES, PartName
from service.demo import strategic_summary_text as summary_text
from service.demo.planning_grid_text import GRIDS, MonthDay
from service.demo.reference_data import FILLED_PLAN_PARTNERSHIP

DEFAULT_PCT_CODES: tuple[str, ...] = tuple(pct.code for pct in FILLED_PLAN_PARTNERSHIP.pcts)

# Table 1, previous year and plan year: field -> amount (pounds and pence). Mainstream rows
# (1.6 to 1.11) rise by at least the 2.5% inflation uplift; 1.9 stays empty because 1.7 and 1.8
# have money (Section 31 exclusivity); 1.5(a) is well under 2% of 1.5.
PREVIOUS_YEAR_FUNDING: dict[str, str] = {
    "smptb_allocation": "11842316.00",
    "young_peoples_allocation": "612480.00",
    "smptb_underspend_carried_forward": "148250.00",
    "dip_main_grant": "3418900.00",
    "dip_carry_forward": "52700.00",
    "police": "286400.00",
    "pct_mainstream": "4915600.00",
    "social_services": "1122350.00",
    "probation": "214800.00",
    "supporting_people": "1486200.00",
    "other": "95000.00",
    "dh_tier_4_capital": "350000.00",
}
PLAN_YEAR_FUNDING: dict[str, str] = {
    "smptb_allocation": "12516744.00",
    "young_peoples_allocation": "648210.00",
    "smptb_underspend_carried_forward": "96420.00",
    "dip_main_grant": "3352520.00",
    "dip_carry_forward": "41600.00",
    "police": "295000.00",
    "pct_mainstream": "5064312.48",
    "social_services": "1156900.00",
    "probation": "221400.00",
    "supporting_people": "1531800.00",
    "other": "60000.00",
    "dh_tier_4_capital": "420000.00",
}
PREVIOUS_YEAR_OTHER = "Neighbourhood Renewal Fund: outreach and employment support for drug users"
PLAN_YEAR_OTHER = "Working Neighbourhoods Fund: employment support for people in treatment"

# Table 2: how each source's plan-year money is spent, in per cent of that source, across the ten
# categories in template order:
#   open access, criminal justice, specialist prescribing, shared care, psychosocial, day programmes,
#   inpatient, residential rehabilitation, aftercare and reintegration, commissioning.
# The second item is the category (by index) that takes any rounding remainder.
EXPENDITURE_PROFILE: dict[str, tuple[tuple[int, ...], int]] = {
    "smptb_adult": ((12, 6, 26, 10, 14, 8, 7, 9, 3, 5), 2),
    "smptb_underspend_carried_forward": ((0, 0, 0, 0, 0, 0, 40, 60, 0, 0), 7),
    "dip_main_grant": ((4, 78, 8, 0, 4, 0, 0, 0, 2, 4), 1),
    "dip_carry_forward": ((0, 100, 0, 0, 0, 0, 0, 0, 0, 0), 1),
    "police": ((0, 100, 0, 0, 0, 0, 0, 0, 0, 0), 1),
    "pct_mainstream": ((10, 0, 38, 30, 8, 0, 9, 0, 0, 5), 2),
    "social_services": ((0, 0, 0, 0, 10, 15, 0, 55, 15, 5), 7),
    "probation": ((0, 60, 0, 0, 30, 10, 0, 0, 0, 0), 1),
    "supporting_people": ((0, 0, 0, 0, 0, 0, 0, 0, 100, 0), 8),
    "other": ((30, 0, 0, 0, 0, 0, 0, 0, 70, 0), 8),
    "dh_tier_4_capital": ((0, 0, 0, 0, 0, 0, 60, 40, 0, 0), 6),
}

# Part 2, indicator 4: practices in the area, in shared care and in other models, per PCT. A PCT
# not listed here gets the fallback figures.
PRIMARY_CARE: dict[str, tuple[int, int, int]] = {
    "5PG": (82, 26, 5),
    "5MX": (91, 30, 6),
    "5M1": (71, 19, 4),
}
PRIMARY_CARE_FALLBACK: tuple[int, int, int] = (45, 12, 3)


def _years(plan_year: str) -> dict[str, str]:
    """The labels the texts refer to, worked out from the plan year."""
    start = first_calendar_year(plan_year)
    return {
        "plan": plan_year,
        "prev": plan_year_label(start - 1),
        "base": plan_year_label(start - 2),
        "next": plan_year_label(start + 1),
        "later": plan_year_label(start + 2),
        "drafting_year": str(start - 1),
    }


def _date_in_plan_year(plan_year: str, month_day: MonthDay) -> datetime.date:
    """April to December in the plan year's first calendar year, January to March in its second."""
    month, day = month_day
    start = first_calendar_year(plan_year)
    return datetime.date(start if month >= 4 else start + 1, month, day)


def strategic_summary(plan_year: str) -> StrategicSummary:
    """Part 1: the five elements and seven numbered key priorities."""
    years = _years(plan_year)
    return StrategicSummary.model_validate(
        {
            "direction_and_purpose": summary_text.DIRECTION_AND_PURPOSE.format(**years),
            "likely_demand": summary_text.LIKELY_DEMAND.format(**years),
            "needs_assessment_findings": summary_text.NEEDS_ASSESSMENT_FINDINGS.format(**years),
            "outcome_improvements": summary_text.OUTCOME_IMPROVEMENTS.format(**years),
            "priorities_for_next_year": summary_text.PRIORITIES_FOR_NEXT_YEAR.format(**years),
            "key_priorities": [
                {"number": number, "title": title.format(**years), "description": description.format(**years)}
                for number, (title, description) in enumerate(summary_text.KEY_PRIORITIES, start=1)
            ],
        }
    )


def targets(pct_codes: Sequence[str]) -> Targets:
    """Part 2: indicators 1.1 and 1.2 with three years of planned change, 2 and 3, and 4 per PCT."""
    primary_care = []
    for code in pct_codes:
        in_area, shared_care, other_models = PRIMARY_CARE.get(code, PRIMARY_CARE_FALLBACK)
        primary_care.append(
            {
                "pct_code": code,
                "practices_in_area": in_area,
                "practices_in_shared_care": shared_care,
                "practices_in_other_models": other_models,
                "notes": "Shared care under the JCG's locally enhanced service; other models are practice-based "
                "clinics with their own drug workers.",
            }
        )
    return Targets.model_validate(
        {
            "crack_opiate_users_in_effective_treatment": {
                "baseline_actual": 3412,
                "baseline_predicted": 3580,
                "planned_change_pct": {
                    "plan_year": "3.00",
                    "first_indicative_year": "2.50",
                    "second_indicative_year": "2.00",
                },
            },
            "all_adults_in_effective_treatment": {
                "baseline_actual": 4386,
                "baseline_predicted": 4571,
                "planned_change_pct": {
                    "plan_year": "2.50",
                    "first_indicative_year": "2.00",
                    "second_indicative_year": "2.00",
                },
            },
            "retention": {
                "baseline_actual": "78.40",
                "baseline_predicted": "80.10",
                "planned_change_pct": {"plan_year": "2.00"},
            },
            "care_planned_exits": {
                "baseline_actual": "41.20",
                "baseline_predicted": "43.50",
                "planned_change_pct": {"plan_year": "5.00"},
            },
            "primary_care": primary_care,
        }
    )


def planning_grids(plan_year: str) -> PlanningGrids:
    """Part 3: grids 1 to 4, every objective linked to a key priority, every action owned and dated."""
    years = _years(plan_year)
    grids = [
        {
            "number": grid.number,
            "key_priorities": grid.key_priorities.format(**years),
            "objectives": [
                {
                    "text": objective.text.format(**years),
                    "measure": objective.measure.format(**years),
                    "target_date": _date_in_plan_year(plan_year, objective.target),
                    "key_priority": objective.key_priority,
                    "themes": list(objective.themes),
                    "actions": [
                        {
                            "text": action.text.format(**years),
                            "postholder": action.postholder,
                            "due": _date_in_plan_year(plan_year, action.due),
                        }
                        for action in objective.actions
                    ],
                }
                for objective in grid.objectives
            ],
        }
        for grid in GRIDS
    ]
    return PlanningGrids.model_validate({"grids": grids})


def split_across_categories(amount: Decimal, shares: Sequence[int], remainder_index: int) -> list[Decimal]:
    """Split an amount by whole-per-cent shares, rounding down, with the remainder in one category.

    The parts add up to the amount exactly, to the penny.
    """
    if sum(shares) != 100:
        raise ValueError(f"shares add up to {sum(shares)}%, not 100%")
    parts = [(amount * share / 100).quantize(PENNY, rounding=ROUND_DOWN) for share in shares]
    parts[remainder_index] += amount - sum(parts, ZERO)
    return parts


def expenditure_profile(plan_year_column: Mapping[str, Decimal]) -> list[dict[str, str]]:
    """Table 2 rows: each source's plan-year figure spread across the ten categories."""
    rows: list[dict[str, str]] = [{"category": category} for category in DEFAULT_EXPENDITURE_CATEGORIES]
    for source, (shares, remainder_index) in EXPENDITURE_PROFILE.items():
        amounts = split_across_categories(plan_year_column[source], shares, remainder_index)
        for row, amount in zip(rows, amounts, strict=True):
            if amount:
                row[source] = format_money(amount)
    return rows


def funding(plan_year: str) -> Funding:
    """Part 4: Table 1 for the previous year and the plan year, Table 2 for the plan year."""
    previous_year = plan_year_label(first_calendar_year(plan_year) - 1)
    table_1 = [
        {"year": previous_year, **PREVIOUS_YEAR_FUNDING, "other_description": PREVIOUS_YEAR_OTHER},
        {"year": plan_year, **PLAN_YEAR_FUNDING, "other_description": PLAN_YEAR_OTHER},
    ]
    # Split the plan year's own figures, 1.3 worked out exactly as Part 4 works it out.
    plan_column = FundingYear.model_validate(table_1[-1])
    sources = {source: funding_totals.source_figure(plan_column, source) for source in EXPENDITURE_PROFILE}
    return Funding.model_validate({"table_1": table_1, "table_2": expenditure_profile(sources)})


def filled_plan(plan_year: str = "2008/09", pct_codes: Sequence[str] = DEFAULT_PCT_CODES) -> dict[PartName, BaseModel]:
    """The four parts of a complete plan for the demonstration partnership.

    `pct_codes` are the PCTs the partnership covers: Part 2 has one primary care entry for each.
    """
    return {
        PartName.STRATEGIC_SUMMARY: strategic_summary(plan_year),
        PartName.TARGETS: targets(pct_codes),
        PartName.PLANNING_GRIDS: planning_grids(plan_year),
        PartName.FUNDING: funding(plan_year),
    }
