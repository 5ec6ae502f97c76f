"""Part 3 rules: planning grids, their objectives and the actions that deliver them."""

import datetime
from collections.abc import Iterator, Mapping
from typing import TypeGuard

from pydantic import BaseModel

from plan_schema.plan_year import plan_year_bounds
from plan_schema.planning_grids import Action, Objective, PlanningGrids
from plan_schema.strategic_summary import StrategicSummary
from plan_schema.vocabulary import STANDARD_GRID_TITLES, THEME_TITLES, CrossCuttingTheme, PartName
from plan_schema.wording import long_date, objective_label
from validators.context import PlanContext
from validators.findings import Finding, RuleSet, Severity, pointer
from validators.text import register_control_character_rule

RULES: RuleSet[PlanningGrids] = RuleSet(PartName.PLANNING_GRIDS, "G-")

COMPLETING = "Guidance Part 3, Completing the planning grids"


# Places are yielded as plain indices and put into words or pointers only when a rule finds
# something: a large plan has hundreds of actions and almost none of them have a finding.
ObjectivePlace = tuple[int, int, int, Objective]  # grid index, grid number, objective index, objective
ActionPlace = tuple[int, int, int, int, Action]  # ... and action index, action


def _objectives(grids: PlanningGrids) -> Iterator[ObjectivePlace]:
    """Every objective with where it is."""
    for grid_index, grid in enumerate(grids.grids):
        for objective_index, objective in enumerate(grid.objectives):
            yield grid_index, grid.number, objective_index, objective


def _actions(grids: PlanningGrids) -> Iterator[ActionPlace]:
    """Every action with where it is."""
    for grid_index, grid_number, objective_index, objective in _objectives(grids):
        for action_index, action in enumerate(objective.actions):
            yield grid_index, grid_number, objective_index, action_index, action


def _objective_path(grid_index: int, objective_index: int, field: str) -> str:
    return pointer("grids", grid_index, "objectives", objective_index, field)


def _action_path(grid_index: int, objective_index: int, action_index: int, field: str) -> str:
    return pointer("grids", grid_index, "objectives", objective_index, "actions", action_index, field)


def _action_label(grid_number: int, objective_index: int, action_index: int) -> str:
    """ "Objective 2.3 action 1"."""
    return f"{objective_label(grid_number, objective_index)} action {action_index + 1}"


def _blank(text: str) -> bool:
    return not text.strip()


@RULES.rule(
    "G-010", Severity.WARNING, "Guidance Part 3, Planning grids", "Each of grids 1 to 4 has at least one objective."
)
def standard_grids_have_objectives(grids: PlanningGrids, context: PlanContext) -> Iterator[Finding]:
    index_by_number = {grid.number: index for index, grid in enumerate(grids.grids)}
    for number, title in STANDARD_GRID_TITLES.items():
        index = index_by_number.get(number)
        if index is None:
            yield RULES.finding(
                "G-010",
                pointer("grids"),
                f"Grid {number} ({title}) is missing. Good practice is to complete all four standard grids: "
                "add it with at least one objective.",
            )
        elif not grids.grids[index].objectives:
            yield RULES.finding(
                "G-010",
                pointer("grids", index, "objectives"),
                f"Grid {number} ({title}) has no objectives. Good practice is to complete all four standard "
                "grids: add the objectives this grid will deliver.",
            )


@RULES.rule("G-020", Severity.ERROR, COMPLETING, "Every objective has text and at least one action.")
def objectives_complete(grids: PlanningGrids, context: PlanContext) -> Iterator[Finding]:
    for grid_index, grid_number, objective_index, objective in _objectives(grids):
        label = objective_label(grid_number, objective_index)
        if _blank(objective.text):
            yield RULES.finding(
                "G-020",
                _objective_path(grid_index, objective_index, "text"),
                f"{label} has no text. Say what the objective will achieve.",
            )
        if not objective.actions:
            yield RULES.finding(
                "G-020",
                _objective_path(grid_index, objective_index, "actions"),
                f"{label} has no actions. Add the actions and milestones that will deliver it.",
            )


@RULES.rule("G-030", Severity.ERROR, COMPLETING, "Every action has text, a named postholder responsible and a date.")
def actions_complete(grids: PlanningGrids, context: PlanContext) -> Iterator[Finding]:
    for grid_index, grid_number, objective_index, action_index, action in _actions(grids):
        missing = []
        if _blank(action.text):
            missing.append(("text", "has no text. Say what will be done."))
        if _blank(action.postholder):
            missing.append(
                ("postholder", "needs a named postholder: the person responsible for making sure it happens.")
            )
        if action.due is None:
            missing.append(("due", "needs a date by which it will be done."))
        for field, what in missing:
            yield RULES.finding(
                "G-030",
                _action_path(grid_index, objective_index, action_index, field),
                f"{_action_label(grid_number, objective_index, action_index)} {what}",
            )


def _outside(date: datetime.date | None, bounds: tuple[datetime.date, datetime.date]) -> TypeGuard[datetime.date]:
    return date is not None and not bounds[0] <= date <= bounds[1]


@RULES.rule(
    "G-040",
    Severity.WARNING,
    COMPLETING,
    "Action dates and objective target dates fall within the plan year (1 April to 31 March).",
)
def dates_within_plan_year(grids: PlanningGrids, context: PlanContext) -> Iterator[Finding]:
    bounds = plan_year_bounds(context.plan_year)
    span = f"{context.plan_year} ({long_date(bounds[0])} to {long_date(bounds[1])})"
    for grid_index, grid_number, objective_index, objective in _objectives(grids):
        if _outside(objective.target_date, bounds):
            yield RULES.finding(
                "G-040",
                _objective_path(grid_index, objective_index, "target_date"),
                f"{objective_label(grid_number, objective_index)} has a target date of "
                f"{long_date(objective.target_date)}, outside {span}. "
                "Check the date, or say in the objective why it runs beyond the plan year.",
            )
        for action_index, action in enumerate(objective.actions):
            if _outside(action.due, bounds):
                yield RULES.finding(
                    "G-040",
                    _action_path(grid_index, objective_index, action_index, "due"),
                    f"{_action_label(grid_number, objective_index, action_index)} is due on "
                    f"{long_date(action.due)}, outside {span}. Check the date.",
                )


@RULES.rule("G-050", Severity.WARNING, COMPLETING, "Every objective has a measure and a target date (SMART).")
def objectives_smart(grids: PlanningGrids, context: PlanContext) -> Iterator[Finding]:
    for grid_index, grid_number, objective_index, objective in _objectives(grids):
        if _blank(objective.measure):
            yield RULES.finding(
                "G-050",
                _objective_path(grid_index, objective_index, "measure"),
                f"{objective_label(grid_number, objective_index)} has no measure. "
                "Objectives should be SMART: say how achievement will be measured.",
            )
        if objective.target_date is None:
            yield RULES.finding(
                "G-050",
                _objective_path(grid_index, objective_index, "target_date"),
                f"{objective_label(grid_number, objective_index)} has no target date. "
                "Objectives should be SMART: say when it will be achieved.",
            )


@RULES.rule(
    "G-060",
    Severity.WARNING,
    "Guidance Part 3, Planning grids (cross cutting themes)",
    "Each of the eight cross-cutting themes is addressed by at least one objective.",
)
def cross_cutting_themes_addressed(grids: PlanningGrids, context: PlanContext) -> Iterator[Finding]:
    addressed = {theme for *_, objective in _objectives(grids) for theme in objective.themes}
    for theme in CrossCuttingTheme:
        if theme not in addressed:
            yield RULES.finding(
                "G-060",
                pointer("grids"),
                f"No objective addresses the cross-cutting theme '{THEME_TITLES[theme]}'. Best practice plans "
                "address every theme where relevant: mark the objectives that do, or add one.",
            )


@RULES.rule("G-070", Severity.WARNING, COMPLETING, "Every objective is linked to a Part 1 key priority.")
def objectives_linked_to_priorities(grids: PlanningGrids, context: PlanContext) -> Iterator[Finding]:
    for grid_index, grid_number, objective_index, objective in _objectives(grids):
        if objective.key_priority is None:
            yield RULES.finding(
                "G-070",
                _objective_path(grid_index, objective_index, "key_priority"),
                f"{objective_label(grid_number, objective_index)} is not linked to a key priority. "
                "Choose the Part 1 key priority it delivers.",
            )


@RULES.cross_part_rule(
    "G-080",
    Severity.ERROR,
    COMPLETING,
    "An objective's key priority is one of the numbered key priorities in Part 1.",
    requires=(PartName.PLANNING_GRIDS, PartName.STRATEGIC_SUMMARY),
)
def key_priorities_exist(documents: Mapping[PartName, BaseModel], context: PlanContext) -> Iterator[Finding]:
    grids = documents[PartName.PLANNING_GRIDS]
    summary = documents[PartName.STRATEGIC_SUMMARY]
    if not isinstance(grids, PlanningGrids) or not isinstance(summary, StrategicSummary):
        raise TypeError("key_priorities_exist needs a PlanningGrids and a StrategicSummary")
    numbers = {priority.number for priority in summary.key_priorities}
    listed = ", ".join(str(number) for number in sorted(numbers)) or "none yet"
    for grid_index, grid_number, objective_index, objective in _objectives(grids):
        if objective.key_priority is not None and objective.key_priority not in numbers:
            yield RULES.finding(
                "G-080",
                _objective_path(grid_index, objective_index, "key_priority"),
                f"{objective_label(grid_number, objective_index)} is linked to key priority "
                f"{objective.key_priority}, which Part 1 does not have "
                f"(its key priorities are: {listed}). Link it to one of those, or add the priority to Part 1.",
            )


register_control_character_rule(RULES, "G-900")
