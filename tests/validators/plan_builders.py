"""Small builders of valid, complete plan parts, and of variations on them by JSON Pointer."""

import copy
import dataclasses
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any, TypeVar

from pydantic import BaseModel

from plan_schema.funding import Funding
from plan_schema.funding_totals import SOURCE_FIELDS
from plan_schema.money import PENNY
from plan_schema.planning_grids import PlanningGrids
from plan_schema.strategic_summary import StrategicSummary
from plan_schema.targets import Targets
from plan_schema.vocabulary import DEFAULT_EXPENDITURE_CATEGORIES, CrossCuttingTheme, PartName
from validators.context import PlanContext

PLAN_YEAR = "2008/09"
PREVIOUS_YEAR = "2007/08"
PCT_CODES = ("5K5", "5LA")
REMOVE = object()  # a change that deletes the member at its pointer

_SENTENCE = "The partnership will widen access to effective treatment for drug users across the area. "


def plan_context(**changes: Any) -> PlanContext:
    """The 2008/09 cycle for a partnership covering two PCTs, with a 2.5% inflation uplift."""
    context = PlanContext(
        plan_year=PLAN_YEAR,
        previous_year=PREVIOUS_YEAR,
        indicative_years=("2009/10", "2010/11"),
        inflation_uplift_pct=Decimal("2.5"),
        harm_reduction_self_audit_required=True,
        pct_codes=PCT_CODES,
    )
    return dataclasses.replace(context, **changes)


def changed(document: Mapping[str, Any], changes: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """A deep copy of a JSON document with each JSON Pointer set to a value (or REMOVE)."""
    result: dict[str, Any] = copy.deepcopy(dict(document))
    for path, value in (changes or {}).items():
        *parents, last = [part.replace("~1", "/").replace("~0", "~") for part in path.split("/")[1:]]
        node: Any = result
        for part in parents:
            node = node[int(part)] if isinstance(node, list) else node[part]
        if isinstance(node, list) and last == "-":  # RFC 6901: "-" is the place after the last item
            node.append(value)
            continue
        key: Any = int(last) if isinstance(node, list) else last
        if value is REMOVE:
            del node[key]
        else:
            node[key] = value
    return result


ModelT = TypeVar("ModelT", bound=BaseModel)


def stored(document: ModelT, path: str, value: Any) -> ModelT:
    """A copy of a part with one value set by JSON Pointer, unchecked: data stored before today's schema."""
    result = document.model_copy(deep=True)
    *parents, last = path.split("/")[1:]
    node: Any = result
    for part in parents:
        node = node[int(part)] if isinstance(node, list) else getattr(node, part)
    if isinstance(node, list):
        node[int(last)] = value
    else:
        setattr(node, last, value)  # models here do not validate assignment
    return result


def words(count: int) -> str:
    """Plain prose of exactly count words."""
    pool = _SENTENCE.split()
    return " ".join(pool[index % len(pool)] for index in range(count))


def strategic_summary_document(words_per_element: int = 400) -> dict[str, Any]:
    """Part 1 with the five elements written and four key priorities (about 2,100 words)."""
    return {
        "direction_and_purpose": words(words_per_element),
        "likely_demand": words(words_per_element),
        "needs_assessment_findings": words(words_per_element),
        "outcome_improvements": words(words_per_element),
        "priorities_for_next_year": words(words_per_element),
        "key_priorities": [
            {"number": number, "title": f"Key priority {number}", "description": words(20)} for number in range(1, 5)
        ],
    }


def targets_document() -> dict[str, Any]:
    """Part 2 with every baseline and planned change, and primary care for both PCTs."""
    effective = {
        "baseline_actual": 1200,
        "baseline_predicted": 1260,
        "planned_change_pct": {"plan_year": "3.00", "first_indicative_year": "2.50", "second_indicative_year": "2.00"},
    }
    system = {"baseline_actual": "78.50", "baseline_predicted": "80.00", "planned_change_pct": {"plan_year": "2.00"}}
    return {
        "crack_opiate_users_in_effective_treatment": effective,
        "all_adults_in_effective_treatment": copy.deepcopy(effective),
        "retention": system,
        "care_planned_exits": copy.deepcopy(system),
        "primary_care": [
            {
                "pct_code": code,
                "practices_in_area": 40,
                "practices_in_shared_care": 12,
                "practices_in_other_models": 5,
            }
            for code in PCT_CODES
        ],
    }


def planning_grids_document(objectives_per_grid: int = 2, actions_per_objective: int = 2) -> dict[str, Any]:
    """Part 3: grids 1 to 4, SMART objectives linked to key priorities 1-4, all eight themes covered."""
    themes = list(CrossCuttingTheme)
    grids = []
    for number in range(1, 5):
        objectives = []
        for index in range(objectives_per_grid):
            serial = (number - 1) * objectives_per_grid + index
            objectives.append(
                {
                    "text": f"Objective {number}.{index + 1}: {words(25)}",
                    "measure": "Quarterly NDTMS report",
                    "target_date": "2009-03-31",
                    "key_priority": number,
                    "themes": [themes[serial % len(themes)], themes[(serial + 1) % len(themes)]],
                    "actions": [
                        {"text": words(15), "postholder": "Joint commissioning manager", "due": "2008-09-30"}
                        for _ in range(actions_per_objective)
                    ],
                }
            )
        grids.append({"number": number, "key_priorities": words(30), "objectives": objectives})
    return {"grids": grids}


PREVIOUS_FIGURES: dict[str, str] = {
    "smptb_allocation": "1200000.00",
    "young_peoples_allocation": "140000.00",
    "smptb_underspend_carried_forward": "20000.00",
    "dip_main_grant": "390000.00",
    "dip_carry_forward": "5000.00",
    "police": "48000.00",
    "pct_mainstream": "580000.00",
    "social_services": "115000.00",
    "probation": "39000.00",
    "supporting_people": "78000.00",
}
# Each mainstream figure is at least the previous year's plus 2.5%, so nothing fires.
PLAN_FIGURES: dict[str, str] = {
    "smptb_allocation": "1250000.00",
    "young_peoples_allocation": "150000.00",
    "smptb_underspend_carried_forward": "25000.00",
    "dip_main_grant": "400000.00",
    "dip_carry_forward": "6000.00",
    "police": "50000.00",
    "pct_mainstream": "600000.00",
    "social_services": "120000.00",
    "probation": "40000.00",
    "supporting_people": "80000.00",
    "other": "10000.00",
    "other_description": "Neighbourhood renewal fund",
    "dh_tier_4_capital": "30000.55",
}


def plan_year_sources(figures: Mapping[str, str]) -> dict[str, Decimal]:
    """Table 1's plan-year amount for each of Table 2's twelve source columns, 1.3 included."""
    adult = Decimal(figures["smptb_allocation"]) - Decimal(figures["young_peoples_allocation"])
    return {field: adult if field == "smptb_adult" else Decimal(figures.get(field, "0")) for field in SOURCE_FIELDS}


def matching_table_2(figures: Mapping[str, str]) -> list[dict[str, Any]]:
    """Table 2 spending exactly each plan-year source, split over two categories per source."""
    rows: list[dict[str, Any]] = [{"category": category} for category in DEFAULT_EXPENDITURE_CATEGORIES]
    for position, (field, amount) in enumerate(plan_year_sources(figures).items()):
        first = (amount / 3).quantize(PENNY, rounding="ROUND_DOWN")
        rows[position % len(rows)][field] = str(first)
        rows[(position + 3) % len(rows)][field] = str(amount - first)
    return rows


def funding_document() -> dict[str, Any]:
    """Part 4 with 2007/08 and 2008/09 (index 1) and a Table 2 that exactly matches 2008/09."""
    return {
        "table_1": [{"year": PREVIOUS_YEAR, **PREVIOUS_FIGURES}, {"year": PLAN_YEAR, **PLAN_FIGURES}],
        "table_2": matching_table_2(PLAN_FIGURES),
    }


def strategic_summary(changes: Mapping[str, Any] | None = None) -> StrategicSummary:
    """A valid Part 1, with changes applied by JSON Pointer."""
    return StrategicSummary.model_validate(changed(strategic_summary_document(), changes))


def targets(changes: Mapping[str, Any] | None = None) -> Targets:
    """A valid Part 2, with changes applied by JSON Pointer."""
    return Targets.model_validate(changed(targets_document(), changes))


def planning_grids(changes: Mapping[str, Any] | None = None) -> PlanningGrids:
    """A valid Part 3, with changes applied by JSON Pointer."""
    return PlanningGrids.model_validate(changed(planning_grids_document(), changes))


def funding(changes: Mapping[str, Any] | None = None) -> Funding:
    """A valid Part 4, with changes applied by JSON Pointer."""
    return Funding.model_validate(changed(funding_document(), changes))


def plan() -> dict[PartName, BaseModel]:
    """A complete valid plan: every part, no errors and no warnings."""
    return {
        PartName.STRATEGIC_SUMMARY: strategic_summary(),
        PartName.TARGETS: targets(),
        PartName.PLANNING_GRIDS: planning_grids(),
        PartName.FUNDING: funding(),
    }


def rule_ids_fired(cases: Sequence[Any]) -> set[str]:
    """The rule ids a table of pytest.param(document, (rule id, severity, path)) cases covers."""
    return {case.values[1][0] for case in cases}


def rule_ids_quiet(cases: Sequence[Any]) -> set[str]:
    """The rule ids a table of pytest.param(document, rule id) cases shows staying quiet."""
    return {case.values[1] for case in cases}
