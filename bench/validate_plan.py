"""Time validate_plan on a large plan: 4 grids x 12 objectives x 6 actions, every part full.

Run from the project root: `.venv/bin/python bench/validate_plan.py [runs]`. Target: under 5 ms a plan.
"""

import datetime
import statistics
import sys
import time
from decimal import Decimal
from typing import Any

from pydantic import BaseModel

from plan_schema.funding import Funding
from plan_schema.funding_totals import SOURCE_FIELDS
from plan_schema.planning_grids import PlanningGrids
from plan_schema.strategic_summary import StrategicSummary
from plan_schema.targets import Targets
from plan_schema.vocabulary import (
    DEFAULT_EXPENDITURE_CATEGORIES,
    STRATEGIC_SUMMARY_ELEMENTS,
    CrossCuttingTheme,
    PartName,
)
from validators.catalogue import ALL_RULES, validate_plan
from validators.context import PlanContext

GRIDS, OBJECTIVES, ACTIONS = 4, 12, 6
PCT_CODES = tuple(f"5K{number}" for number in range(1, 5))
_SENTENCE = (
    "The partnership will widen access to effective treatment, shorten waiting times and keep more "
    "people in treatment for twelve weeks or longer, working with housing and employment services."
)
_PROSE = _SENTENCE.split(" ")


def prose(words: int) -> str:
    """Plain text of exactly `words` words."""
    return " ".join(_PROSE[index % len(_PROSE)] for index in range(words))


def strategic_summary() -> StrategicSummary:
    """Part 1 of about 3,000 words with ten key priorities."""
    elements = {field: prose(560) for field, _ in STRATEGIC_SUMMARY_ELEMENTS}
    priorities = [{"number": n, "title": f"Key priority {n}", "description": prose(25)} for n in range(1, 11)]
    return StrategicSummary.model_validate({**elements, "key_priorities": priorities})


def targets() -> Targets:
    """Part 2 with every value and primary care for four PCTs."""
    effective = {
        "baseline_actual": 1500,
        "baseline_predicted": 1560,
        "planned_change_pct": {"plan_year": "3", "first_indicative_year": "2.5", "second_indicative_year": "2"},
    }
    system = {"baseline_actual": "80", "baseline_predicted": "81", "planned_change_pct": {"plan_year": "1.5"}}
    primary = [
        {"pct_code": code, "practices_in_area": 50, "practices_in_shared_care": 20, "practices_in_other_models": 8}
        for code in PCT_CODES
    ]
    return Targets.model_validate(
        {
            "crack_opiate_users_in_effective_treatment": effective,
            "all_adults_in_effective_treatment": effective,
            "retention": system,
            "care_planned_exits": system,
            "primary_care": primary,
        }
    )


def planning_grids() -> PlanningGrids:
    """Part 3: 4 grids x 12 objectives x 6 actions, every field filled in."""
    themes = list(CrossCuttingTheme)
    due = datetime.date(2008, 4, 1)
    grids: list[dict[str, Any]] = []
    for number in range(1, GRIDS + 1):
        objectives = [
            {
                "text": prose(40),
                "measure": "Quarterly NDTMS report against the baseline",
                "target_date": "2009-03-31",
                "key_priority": 1 + (number * OBJECTIVES + index) % 10,
                "themes": [themes[index % len(themes)], themes[(index + number) % len(themes)]],
                "actions": [
                    {
                        "text": prose(20),
                        "postholder": "Joint commissioning manager",
                        "due": (due + datetime.timedelta(days=30 * action)).isoformat(),
                    }
                    for action in range(ACTIONS)
                ],
            }
            for index in range(OBJECTIVES)
        ]
        grids.append({"number": number, "key_priorities": prose(60), "objectives": objectives})
    return PlanningGrids.model_validate({"grids": grids})


def funding(underspend: str = "10000.00") -> Funding:
    """Part 4: three years of Table 1, mainstream growing 5% a year, and a Table 2 that matches 2008/09."""
    figures = {field: Decimal("10000.00") for field in SOURCE_FIELDS if field != "smptb_adult"}
    figures |= {"smptb_allocation": Decimal(1250000), "young_peoples_allocation": Decimal(150000)}
    figures |= {"dip_main_grant": Decimal(400000), "dip_carry_forward": Decimal(8000), "section_31_pooled": Decimal(0)}
    figures["smptb_underspend_carried_forward"] = Decimal(underspend)
    adult = figures["smptb_allocation"] - figures["young_peoples_allocation"]
    categories = len(DEFAULT_EXPENDITURE_CATEGORIES)
    rows = [
        {"category": category}
        | {field: str((adult if field == "smptb_adult" else figures[field]) / categories) for field in SOURCE_FIELDS}
        for category in DEFAULT_EXPENDITURE_CATEGORIES
    ]
    years = [
        {"year": year, "other_description": "Neighbourhood renewal fund"}
        | {field: str((amount * growth).quantize(Decimal("0.01"))) for field, amount in figures.items()}
        for year, growth in (("2007/08", Decimal("0.95")), ("2008/09", Decimal(1)), ("2009/10", Decimal("1.05")))
    ]
    return Funding.model_validate({"table_1": years, "table_2": rows})


def main() -> None:
    """Build the plan once, validate it many times, print the median."""
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 500
    plan: dict[PartName, BaseModel] = {
        PartName.STRATEGIC_SUMMARY: strategic_summary(),
        PartName.TARGETS: targets(),
        PartName.PLANNING_GRIDS: planning_grids(),
        PartName.FUNDING: funding(),
    }
    context = PlanContext(
        plan_year="2008/09",
        previous_year="2007/08",
        indicative_years=("2009/10", "2010/11"),
        inflation_uplift_pct=Decimal("2.5"),
        harm_reduction_self_audit_required=True,
        pct_codes=PCT_CODES,
        initial_submission_funding=funding(underspend="4000.00"),
    )
    findings = validate_plan(plan, context)
    for _ in range(20):  # warm-up
        validate_plan(plan, context)
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        validate_plan(plan, context)
        timings.append((time.perf_counter() - start) * 1000)
    found = sum(len(part) for part in findings.values())
    print(
        f"validate_plan: {GRIDS} grids x {OBJECTIVES} objectives x {ACTIONS} actions, "
        f"{len(ALL_RULES)} rules, {found} findings; "
        f"median {statistics.median(timings):.2f} ms per plan "
        f"(min {min(timings):.2f}, p95 {statistics.quantiles(timings, n=20)[-1]:.2f}) over {runs} runs"
    )


if __name__ == "__main__":
    main()
