"""A new cycle's plan started from the partnership's previous plan, so planners revise rather than retype.

Pure: the previous plan's parts in, the new plan's parts out. Each part is rebuilt through its
plan_schema model, so computed figures (1.3, 1.14, Table 2 totals) are worked out afresh and the
carried-over plan is a valid plan whatever the previous one held.
"""

from collections.abc import Mapping, Sequence
from typing import Any

from pydantic import BaseModel

from plan_schema import funding_totals
from plan_schema.funding import Funding
from plan_schema.parts import PART_MODELS
from plan_schema.plan_year import check_plan_year, first_calendar_year
from plan_schema.planning_grids import PlanningGrids
from plan_schema.strategic_summary import StrategicSummary
from plan_schema.targets import Targets
from plan_schema.vocabulary import PartName


def _document(previous: Mapping[PartName, BaseModel], part: PartName) -> dict[str, Any]:
    """The previous plan's part as a plain document, or the part's empty document if it had none."""
    model = previous.get(part)
    if model is None:
        # A plan abandoned before Part 3 was written still gives its other parts to the next year.
        model = PART_MODELS[part]()
    document: dict[str, Any] = model.model_dump(mode="json")
    return document


def carry_over_strategic_summary(previous: Mapping[PartName, BaseModel]) -> StrategicSummary:
    """Part 1 as it was: the planner revises the text and key priorities for the new year."""
    return StrategicSummary.model_validate(_document(previous, PartName.STRATEGIC_SUMMARY))


def carry_over_targets(previous: Mapping[PartName, BaseModel], pct_codes: Sequence[str]) -> Targets:
    """Part 2 empty, except a primary care row per PCT covered now, with last year's counts where known."""
    # Baselines and planned changes belong to last year's years (2006/07, 2007/08 …) and would be
    # wrong if carried; practice counts describe PCTs as they are and are only revised.
    earlier = {entry["pct_code"]: entry for entry in _document(previous, PartName.TARGETS)["primary_care"]}
    # dict.fromkeys: a code listed twice would otherwise make a second row the model refuses.
    rows = [earlier.get(code, {"pct_code": code}) for code in dict.fromkeys(pct_codes)]
    return Targets.model_validate({"primary_care": rows})


def carry_over_planning_grids(previous: Mapping[PartName, BaseModel]) -> PlanningGrids:
    """Part 3 with every objective kept but every date cleared, for the planner to set in the new year."""
    # Last year's dates fall outside the new plan year; clearing them makes the rules ask for each
    # one again rather than letting a stale date pass as planned.
    document = _document(previous, PartName.PLANNING_GRIDS)
    for grid in document["grids"]:
        for objective in grid["objectives"]:
            objective["target_date"] = None
            for action in objective["actions"]:
                action["due"] = None
    return PlanningGrids.model_validate(document)


def carry_over_funding(
    previous: Mapping[PartName, BaseModel],
    *,
    previous_plan_year: str,
    new_plan_year: str,
    new_previous_year: str,
    expenditure_categories: Sequence[str],
) -> Funding:
    """Part 4: last plan year's Table 1 column as the new previous year, an empty plan year, Table 2 empty."""
    old_funding = Funding.model_validate(_document(previous, PartName.FUNDING))
    old_column = funding_totals.year_column(old_funding, previous_plan_year)
    if old_column is None:
        # Nothing to carry: the previous-year column is there to be filled, as the template expects.
        previous_column: dict[str, Any] = {"year": new_previous_year}
    else:
        # The computed 1.3 and 1.14 travel along but the model drops and recomputes them.
        previous_column = {**old_column.model_dump(mode="json"), "year": new_previous_year}
    # Any other columns (the year before, indicative later years) are not carried: the new Table 1
    # starts with the two columns the template requires, and the planner adds any others.
    return Funding.model_validate(
        {
            "table_1": [previous_column, {"year": new_plan_year}],
            "table_2": [{"category": category} for category in expenditure_categories],
        }
    )


def carry_over(
    previous: Mapping[PartName, BaseModel],
    *,
    previous_plan_year: str,
    new_plan_year: str,
    new_previous_year: str,
    expenditure_categories: Sequence[str],
    pct_codes: Sequence[str],
) -> dict[PartName, BaseModel]:
    """The four parts of a new cycle's plan, started from the partnership's previous plan."""
    for label in (previous_plan_year, new_plan_year, new_previous_year):
        check_plan_year(label)
    if first_calendar_year(new_previous_year) >= first_calendar_year(new_plan_year):
        # Otherwise the new Table 1 would hold one year twice, or its years the wrong way round.
        raise ValueError(f"the previous year {new_previous_year} must come before the plan year {new_plan_year}")
    return {
        PartName.STRATEGIC_SUMMARY: carry_over_strategic_summary(previous),
        PartName.TARGETS: carry_over_targets(previous, pct_codes),
        PartName.PLANNING_GRIDS: carry_over_planning_grids(previous),
        PartName.FUNDING: carry_over_funding(
            previous,
            previous_plan_year=previous_plan_year,
            new_plan_year=new_plan_year,
            new_previous_year=new_previous_year,
            expenditure_categories=expenditure_categories,
        ),
    }
