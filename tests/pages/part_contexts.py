"""Representative contexts of the Parts 1 to 3 page templates, for tests/pages/test_templates.py."""

from collections.abc import Callable
from typing import Any

from plan_schema.grid_prompts import CROSS_CUTTING_PROMPTS, GRID_PROMPTS
from plan_schema.planning_grids import Action, Objective, PlanningGrid, PlanningGrids
from plan_schema.strategic_summary import KeyPriority, StrategicSummary
from plan_schema.targets import PrimaryCare, Targets
from plan_schema.vocabulary import THEME_TITLES, CrossCuttingTheme
from service.pages.planning import grid_page_form, planning_grids_form, strategic_summary_form, treatment_targets_form
from service.pages.planning.part_conflicts import Conflict, ConflictNote
from service.pages.planning.planning_grids_page import GridItem


def _form(plan: dict[str, Any], part_name: str, values: dict[str, str]) -> dict[str, Any]:
    """What every part form's template is given (part_editing.render_form)."""
    return plan | {
        "part_name": part_name,
        "form_action": "/plans/7/part",
        "values": values,
        "errors": {},
        "warnings": {},
        "error_list": [],
        "changed": {},
        "labels": {},
        "version": 3,
        "theirs_only": {},
        "conflicts": [],
        "conflicts_json": "[]",
        "unchosen": {},
        "refusal": None,
        "editable": True,
        "notice": "",
        "message": "",
        "focus": "",
        "saved": False,
        "saved_message": f"{part_name} is saved.",
    }


_DIRECTION_CLASH = ConflictNote(
    pointer="/direction_and_purpose",
    label="Direction",
    yours="Mine.",
    theirs="Theirs.",
    by="Ann Example",
    target="direction_and_purpose",
    fields={"direction_and_purpose": "Theirs."},
)


def _read_only(context: dict[str, Any]) -> dict[str, Any]:
    return context | {"refusal": "You can read it but your role does not change it.", "editable": False}


def _summary(plan: dict[str, Any]) -> dict[str, Any]:
    summary = StrategicSummary(
        direction_and_purpose="Recovery.", key_priorities=[KeyPriority(number=1, title="Access")]
    )
    values = strategic_summary_form.form_values(summary)
    number = strategic_summary_form.priority_name(0, "number")
    return _form(plan, "Part 1", values | {number: "first"}) | {
        "elements": [("direction_and_purpose", "Direction", "Where it is going."), ("likely_demand", "Demand", "Who.")],
        "priority_count": 1,
        "names": strategic_summary_form,
        "total_words": 2,
        "words_min": 1_500,
        "words_max": 3_500,
        "errors": {number: ["Enter a whole number"], "likely_demand": ["Write this section."]},
        "warnings": {"summary-elements": ["It looks too short."]},
        "error_list": [("Key priority 1: number: Enter a whole number", number)],
        "changed": {"direction_and_purpose": "Theirs."},
        "theirs_only": {"likely_demand": "Changed by Ann Example since you opened the form"},
        "conflicts": [Conflict(1, _DIRECTION_CLASH), Conflict(2, _DIRECTION_CLASH, "theirs")],
        "unchosen": {"conflict-1": "Choose whether to keep yours or use theirs for Direction"},
        "notice": "Someone else saved Part 1",
        "message": "Key priority 2 added.",
        "focus": number,
        "saved": True,
    }


def _targets(plan: dict[str, Any]) -> dict[str, Any]:
    targets = Targets(primary_care=[PrimaryCare(pct_code="5PG", practices_in_area=40)])
    values = treatment_targets_form.form_values(targets)
    change = treatment_targets_form.change_name("retention", "plan_year")
    return _form(plan, "Part 2", values | {change: "lots"}) | {
        "names": treatment_targets_form,
        "effective": [("1.1", "Crack and/or opiate users", "crack_opiate_users_in_effective_treatment")],
        "system": [("2", "Retention", "retention")],
        "primary_care_title": "Primary care",
        "primary_care_rows": 1,
        "covered_pcts": ["Birmingham East and North PCT"],
        "pct_names": {"5PG": "Birmingham East and North PCT"},
        "baseline_year": "2006/07",
        "previous_year": "2007/08",
        "indicative_years": ["2009/10"],
        "target_numbers": [
            {"id": "1.1", "title": "Crack", "baseline": 1000, "agreed_pct": "5", "people": 1050},
            {"id": "1.2", "title": "All", "baseline": None, "agreed_pct": None, "people": None},
        ],
        "errors": {change: ["Enter a percentage"], "primary_care-0-notes": ["Too long"]},
        "warnings": {"primary-care": ["No entry for PCT 5QJ."]},
        "changed": {change: "4.00"},
    }


def _grid(plan: dict[str, Any], number: int) -> dict[str, Any]:
    """One grid's page: grid 1 with an objective left unfinished, or local grid 5 with its title missing."""
    objective = Objective(
        text="Cut waiting times.", key_priority=1, themes=[CrossCuttingTheme.HOUSING], actions=[Action(text="Hire.")]
    )
    grids = PlanningGrids(
        grids=[PlanningGrid(number=1, objectives=[objective, Objective()]), PlanningGrid(number=5, title="Local")]
    )
    values = grid_page_form.values(grids, number)
    day = planning_grids_form.action_name(1, 0, 0, "due-day")
    title = planning_grids_form.grid_name(5, "title")
    return _form(plan, "Part 3", values | {day: "31", title: ""}) | {
        "names": planning_grids_form,
        "grid": planning_grids_form.draft_from(values, [number])[0],
        "grid_prompts": GRID_PROMPTS,
        "cross_cutting_prompts": CROSS_CUTTING_PROMPTS,
        "themes": [(theme.value, title) for theme, title in THEME_TITLES.items()],
        "key_priority_options": [("", "Not linked"), ("1", "1. Access"), ("7", "7 (not in Part 1)")],
        "errors": {
            day: ["Enter a real date"],
            planning_grids_form.objective_name(1, 1, "actions"): ["No actions."],
            title: ["Enter a title for the local grid"],
        },
        "warnings": {"planning-grids": ["No objective addresses Diversity."]},
        "changed": {planning_grids_form.objective_name(1, 0, "themes-housing"): "yes"},
        "message": "Objective 1.2 added.",
        "focus": planning_grids_form.objective_name(1, 1, "text"),
        "list_href": "/plans/7/planning-grids",
        "continues_to": "grid 2" if number == 1 else "the list of grids",
        "removable": number == 5,
        "save_what": f"grid {number}",
    }


def _grid_list(plan: dict[str, Any]) -> dict[str, Any]:
    """Part 3's list of grids: one completed, one with things to do, one not started."""
    items = [
        GridItem(1, "Grid 1: Commissioning", "/plans/7/planning-grids/1", 3, 0, 1),
        GridItem(2, "Grid 2: Access", "/plans/7/planning-grids/2", 2, 2, 0),
        GridItem(5, "Grid 5", "/plans/7/planning-grids/5", 0, 0, 0),
    ]
    return plan | {
        "part_name": "Part 3",
        "grids": items,
        "to_do": "2 things to do before Part 3 can be submitted.",
        "refusal": None,
        "editable": True,
        "new_grid": 6,
        "list_href": "/plans/7/planning-grids",
        "removed": 4,
        "comments": {},
        "carried_over": ["1.1.1"],
        "carried_over_href": None,
    }


def part_contexts(plan: Callable[[], dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """Contexts for each template of the Parts 1 to 3 pages: editable with every kind of message, and read-only."""
    pages = {
        "strategic_summary.html": _summary(plan()),
        "treatment_targets.html": _targets(plan()),
        "planning_grid.html": _grid(plan(), 1),
        "planning_grids.html": _grid_list(plan()),
    }
    contexts = {name: [context, _read_only(context)] for name, context in pages.items()}
    contexts["planning_grid.html"].append(_grid(plan(), 5))
    return contexts | {
        "_part_page.html": [
            _form(plan(), "Part 1", {}),
            _read_only(_form(plan(), "Part 1", {})) | {"two_thirds": True},
        ],
        "part_unreadable.html": [plan() | {"part_name": "Part 3"}],
        "macros/part_form.html": [{}],
    }
