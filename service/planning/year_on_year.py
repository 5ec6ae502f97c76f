"""A new cycle's plan started from the partnership's previous plan, so planners revise rather than retype.

Pure: the previous plan's parts in, the new plan's parts out. Each part is rebuilt through its
plan_schema model, so computed figures (1.3, 1.14, Table 2 totals) are worked out afresh and the
carried-over plan is a valid plan whatever the previous one held.

When the previous plan made quarterly returns, Part 3 keeps every objective but only the actions its
returns did not report complete, each marked "Carried over from 2024/25: " at the start of its text, so the
planner sees what is unfinished, nothing unfinished is lost, and a marked action is revised or removed
like any other. An action no return reported on counts as unfinished. The marker is in the text, not a
field of its own, so every page, form and document shows it and editing it away is the planner's choice.
"""

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from pydantic import BaseModel

from plan_schema import funding_totals
from plan_schema.funding import Funding
from plan_schema.parts import PART_MODELS
from plan_schema.plan_year import check_plan_year, first_calendar_year
from plan_schema.planning_grids import PlanningGrids
from plan_schema.quarterly_return import ActionStatus, submitted_actions
from plan_schema.strategic_summary import StrategicSummary
from plan_schema.targets import Targets
from plan_schema.text import NARRATIVE_MAX
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


CARRIED_OVER = "Carried over from "
# An action's words and number in last year's plan → the status its latest return reported.
Reported = Mapping[tuple[str, str], ActionStatus]


def latest_reported(submissions: Iterable[tuple[int, int, object]]) -> dict[tuple[str, str], ActionStatus]:
    """Each action's latest reported status from (quarter, submission number, snapshot's actions section)."""
    found: dict[tuple[str, str], ActionStatus] = {}
    for _, _, actions in sorted(submissions, key=lambda made: (made[0], made[1])):
        for action in submitted_actions(actions):
            found[(action.reference, action.text)] = action.status
    return found


def carried_over_text(text: str, previous_plan_year: str) -> str:
    """The action's text marked as carried over from the year, once (a text marked in an earlier year stays)."""
    marked = f"{CARRIED_OVER}{previous_plan_year}: {text}"
    # A blank action stays blank, so the rules still ask for its words.
    unmarked = not text.strip() or text.startswith(CARRIED_OVER) or len(marked) > NARRATIVE_MAX
    return text if unmarked else marked


def carried_over_actions(grids: Mapping[str, Any]) -> list[str]:
    """The numbers ("1.2.3") of a Part 3's actions still marked as carried over from an earlier year, in its
    document as stored.

    Read from the document rather than its model: the task list shows them at every showing, and parsing Part 3
    for them was 7 % of that page's CPU when its findings were kept (bench/README.md, "twelfth session").
    A document stored before a change to the template is read as far as it has the shape.
    """
    return [
        f"{grid.get('number')}.{o}.{a}"
        for grid in _dicts(grids.get("grids"))
        for o, objective in enumerate(_dicts(grid.get("objectives")), start=1)
        for a, action in enumerate(_dicts(objective.get("actions")), start=1)
        if str(action.get("text") or "").startswith(CARRIED_OVER)
    ]


def _dicts(value: object) -> list[Mapping[str, Any]]:
    return [item for item in value if isinstance(item, Mapping)] if isinstance(value, list) else []


def carry_over_planning_grids(
    previous: Mapping[PartName, BaseModel], *, reported: Reported | None = None, previous_plan_year: str = ""
) -> PlanningGrids:
    """Part 3 with every objective kept but every date cleared; after a year of returns, its unfinished actions."""
    # Last year's dates fall outside the new plan year; clearing them makes the rules ask for each
    # one again rather than letting a stale date pass as planned.
    document = _document(previous, PartName.PLANNING_GRIDS)
    for grid in document["grids"]:
        for o, objective in enumerate(grid["objectives"], start=1):
            objective["target_date"] = None
            kept = []
            for a, action in enumerate(objective["actions"], start=1):
                action["due"] = None
                if reported is not None:
                    status = reported.get((f"{grid['number']}.{o}.{a}", action["text"]))
                    if status is ActionStatus.COMPLETE:
                        continue  # done last year: it stays in last year's plan and returns
                    action["text"] = carried_over_text(action["text"], previous_plan_year)
                kept.append(action)
            objective["actions"] = kept
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
    reported: Reported | None = None,
) -> dict[PartName, BaseModel]:
    """The four parts of a new cycle's plan, started from the partnership's previous plan.

    `reported`: the previous plan's returns' latest status of each action; None when it made none.
    """
    for label in (previous_plan_year, new_plan_year, new_previous_year):
        check_plan_year(label)
    if first_calendar_year(new_previous_year) >= first_calendar_year(new_plan_year):
        # Otherwise the new Table 1 would hold one year twice, or its years the wrong way round.
        raise ValueError(f"the previous year {new_previous_year} must come before the plan year {new_plan_year}")
    return {
        PartName.STRATEGIC_SUMMARY: carry_over_strategic_summary(previous),
        PartName.TARGETS: carry_over_targets(previous, pct_codes),
        PartName.PLANNING_GRIDS: carry_over_planning_grids(
            previous, reported=reported, previous_plan_year=previous_plan_year
        ),
        PartName.FUNDING: carry_over_funding(
            previous,
            previous_plan_year=previous_plan_year,
            new_plan_year=new_plan_year,
            new_previous_year=new_previous_year,
            expenditure_categories=expenditure_categories,
        ),
    }
