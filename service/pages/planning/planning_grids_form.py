"""Part 3 (planning grids) as an HTML form: objectives and actions, added, removed and moved without JavaScript.

Pure functions, no HTTP. Fields are named by grid number and place: grid_2-objectives-0-text is
the first objective of grid 2, grid_2-objectives-0-actions-1-postholder its second action's
postholder. A posted form is read into a draft (the same nesting, every value as typed) which the
add, remove and move buttons rearrange and which becomes the document on Save.

Each grid has a page of its own (grid_page_form, planning_grids_page): its form holds that grid, named
as here, and the other grids are kept as stored. The grids a form holds are the ones whose key
priorities it posts (grid_5-key_priorities).
"""

import datetime
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from plan_schema.planning_grids import MAX_ACTIONS_PER_OBJECTIVE, MAX_GRIDS, MAX_OBJECTIVES_PER_GRID, PlanningGrids
from plan_schema.typed_numbers import whole_number
from plan_schema.vocabulary import STANDARD_GRID_TITLES, CrossCuttingTheme
from service.pages.planning.part_form import (
    DATE_PARTS,
    PlacedFinding,
    PostedPart,
    Rearranged,
    button_of,
    date_from_parts,
    date_parts,
    nearest_field,
    place_by_anchor,
    validated,
)
from validators.findings import Finding

GRIDS_SECTION = "planning-grids"
THEME_FIELDS = tuple(f"themes-{theme.value}" for theme in CrossCuttingTheme)
OBJECTIVE_FIELDS = ("text", "measure", "key_priority", *(f"target_date-{part}" for part in DATE_PARTS), *THEME_FIELDS)
ACTION_FIELDS = ("text", "postholder", *(f"due-{part}" for part in DATE_PARTS))
CHECKED = "yes"
UNSAVED = "Nothing is saved until you select Save."
FIRST_LOCAL_GRID = max(STANDARD_GRID_TITLES) + 1
_KEY_PRIORITIES = re.compile(r"grid_([1-9][0-9]?)-key_priorities")


def is_local(number: int) -> bool:
    """A grid of the partnership's own (5 and up): it has a title of its own and can be removed."""
    return number not in STANDARD_GRID_TITLES


def grid_name(grid: int, field_name: str) -> str:
    """A field of the grid itself: grid_1-key_priorities."""
    return f"grid_{grid}-{field_name}"


def objective_name(grid: int, objective: int, field_name: str = "") -> str:
    """A field of one objective (objective 0 is the grid's first); without a field, the objective's own id."""
    name = f"grid_{grid}-objectives-{objective}"
    return f"{name}-{field_name}" if field_name else name


def action_name(grid: int, objective: int, action: int, field_name: str = "") -> str:
    """A field of one action of one objective; without a field, the action's own id."""
    name = f"{objective_name(grid, objective)}-actions-{action}"
    return f"{name}-{field_name}" if field_name else name


@dataclass
class ObjectiveDraft:
    """One objective as typed: its fields (OBJECTIVE_FIELDS) and its actions' (ACTION_FIELDS)."""

    fields: dict[str, str]
    actions: list[dict[str, str]] = field(default_factory=list)


@dataclass
class GridDraft:
    """One grid as typed."""

    number: int
    title: str
    key_priorities: str
    objectives: list[ObjectiveDraft]


def _blank_action() -> dict[str, str]:
    return dict.fromkeys(ACTION_FIELDS, "")


def _dated(prefix: str, date: datetime.date | None) -> dict[str, str]:
    return {f"{prefix}-{part}": shown for part, shown in zip(DATE_PARTS, date_parts(date), strict=True)}


def draft_of(grids: PlanningGrids) -> list[GridDraft]:
    """A stored Part 3 as the form shows it."""
    drafts = []
    for grid in grids.grids:
        objectives = []
        for objective in grid.objectives:
            typed = {"text": objective.text, "measure": objective.measure}
            typed["key_priority"] = "" if objective.key_priority is None else str(objective.key_priority)
            typed |= _dated("target_date", objective.target_date)
            typed |= {
                f"themes-{theme.value}": CHECKED if theme in objective.themes else "" for theme in CrossCuttingTheme
            }
            actions = [
                {"text": action.text, "postholder": action.postholder} | _dated("due", action.due)
                for action in objective.actions
            ]
            objectives.append(ObjectiveDraft(typed, actions))
        drafts.append(GridDraft(grid.number, grid.title, grid.key_priorities, objectives))
    return drafts


def values_of(drafts: Iterable[GridDraft]) -> dict[str, str]:
    """A draft as the form's fields."""
    values: dict[str, str] = {}
    for grid in drafts:
        if is_local(grid.number):
            values[grid_name(grid.number, "title")] = grid.title
        values[grid_name(grid.number, "key_priorities")] = grid.key_priorities
        for o, objective in enumerate(grid.objectives):
            values |= {
                objective_name(grid.number, o, name): objective.fields.get(name, "") for name in OBJECTIVE_FIELDS
            }
            for a, action in enumerate(objective.actions):
                values |= {action_name(grid.number, o, a, name): action.get(name, "") for name in ACTION_FIELDS}
    return values


def form_values(grids: PlanningGrids) -> dict[str, str]:
    """Every input of the form as it shows a stored document."""
    return values_of(draft_of(grids))


def draft_from(posted: Mapping[str, str], grid_numbers: Iterable[int]) -> list[GridDraft]:
    """A posted form as a draft, for the grids the part has (its rows are numbered from 0 without gaps)."""
    drafts = []
    for number in grid_numbers:
        objectives = []
        o = 0
        while objective_name(number, o, "text") in posted and o < MAX_OBJECTIVES_PER_GRID:
            typed = {name: posted.get(objective_name(number, o, name), "") for name in OBJECTIVE_FIELDS}
            actions = []
            a = 0
            while action_name(number, o, a, "text") in posted and a < MAX_ACTIONS_PER_OBJECTIVE:
                actions.append({name: posted.get(action_name(number, o, a, name), "") for name in ACTION_FIELDS})
                a += 1
            objectives.append(ObjectiveDraft(typed, actions))
            o += 1
        title = posted.get(grid_name(number, "title"), "") if is_local(number) else STANDARD_GRID_TITLES[number]
        drafts.append(GridDraft(number, title, posted.get(grid_name(number, "key_priorities"), ""), objectives))
    return drafts


def anchors(drafts: Iterable[GridDraft]) -> dict[str, str]:
    """Where each location of the document (/grids/0/objectives/1/…) is shown on the page."""
    found = {"grids": GRIDS_SECTION}
    for index, grid in enumerate(drafts):
        g, number = f"grids/{index}", grid.number
        found |= {g: f"grid-{number}", f"{g}/key_priorities": grid_name(number, "key_priorities")}
        if is_local(number):
            found[f"{g}/title"] = grid_name(number, "title")
        found[f"{g}/objectives"] = f"grid-{number}-objectives"
        for o, objective in enumerate(grid.objectives):
            here = f"{g}/objectives/{o}"
            found[here] = objective_name(number, o)
            for name in ("text", "measure", "key_priority"):
                found[f"{here}/{name}"] = objective_name(number, o, name)
            found[f"{here}/target_date"] = objective_name(number, o, "target_date-day")
            found[f"{here}/themes"] = objective_name(number, o, THEME_FIELDS[0])
            found[f"{here}/actions"] = objective_name(number, o, "actions")
            for a in range(len(objective.actions)):
                found[f"{here}/actions/{a}"] = action_name(number, o, a)
                found[f"{here}/actions/{a}/text"] = action_name(number, o, a, "text")
                found[f"{here}/actions/{a}/postholder"] = action_name(number, o, a, "postholder")
                found[f"{here}/actions/{a}/due"] = action_name(number, o, a, "due-day")
    return found


def _date(typed: Mapping[str, str], prefix: str, name: str, errors: dict[str, str]) -> str | None:
    date, error = date_from_parts(*(typed[f"{prefix}-{part}"] for part in DATE_PARTS))
    if error:
        errors[f"{name}-day"] = error
    return None if date is None else date.isoformat()


def _themes(typed: ObjectiveDraft, stored: list[CrossCuttingTheme]) -> list[str]:
    """The themes ticked, in the order they were stored in (so saving unchanged changes nothing), new ones after."""
    ticked = [theme for theme in CrossCuttingTheme if typed.fields[f"themes-{theme.value}"]]
    return [
        theme.value
        for theme in sorted(
            ticked, key=lambda theme: (theme not in stored, stored.index(theme) if theme in stored else 0)
        )
    ]


def document_of(drafts: list[GridDraft], current: PlanningGrids, errors: dict[str, str]) -> dict[str, Any]:
    """The drafts' grids as a document to validate, each problem reading a typed value put in `errors` by field."""
    grids = []
    stored_by_number = {grid.number: grid for grid in current.grids}
    for draft in drafts:
        stored = stored_by_number.get(draft.number)
        stored_objectives = stored.objectives if stored else []
        objectives = []
        for o, typed in enumerate(draft.objectives):
            here = objective_name(draft.number, o)
            priority, error = whole_number(typed.fields["key_priority"])
            if error:
                errors[f"{here}-key_priority"] = "Choose a key priority from the list"
            actions = [
                {
                    "text": action["text"],
                    "postholder": action["postholder"].strip(),
                    "due": _date(action, "due", action_name(draft.number, o, a, "due"), errors),
                }
                for a, action in enumerate(typed.actions)
            ]
            objectives.append(
                {
                    "text": typed.fields["text"],
                    "measure": typed.fields["measure"].strip(),
                    "target_date": _date(typed.fields, "target_date", f"{here}-target_date", errors),
                    "key_priority": priority or None,
                    "themes": _themes(typed, stored_objectives[o].themes if o < len(stored_objectives) else []),
                    "actions": actions,
                }
            )
        # Whatever the form does not show of a stored grid is kept as it is.
        kept = stored.model_dump(mode="json") if stored else {"number": draft.number}
        grid = kept | {"key_priorities": draft.key_priorities, "objectives": objectives}
        if is_local(draft.number):
            grid["title"] = draft.title.strip()
            if not grid["title"]:
                errors[grid_name(draft.number, "title")] = "Enter a title for the local grid"
                # A form with an error is never saved; the stand-in lets the model accept the grid so that
                # the rules still read its objectives, and every problem on the page is listed at once.
                grid["title"] = f"Grid {draft.number}"
        grids.append(grid)
    return {"grids": grids}


def read_posted(posted: Mapping[str, str], current: PlanningGrids) -> PostedPart:
    """A posted Part 3 form as a document, or every problem with it by field."""
    drafts = draft_from(posted, grid_numbers(posted, current))
    result = PostedPart(values=values_of(drafts))
    document = document_of(drafts, current, result.errors)
    shown = anchors(drafts)
    return validated(result, PlanningGrids, document, lambda loc: nearest_field(loc, shown), GRIDS_SECTION)


def place_findings(findings: Iterable[Finding], document: Mapping[str, Any]) -> list[PlacedFinding]:
    """Each finding beside its field, or by the objective, grid or section it is about."""
    return place_by_anchor(findings, anchors(draft_of(PlanningGrids.model_validate(document))), GRIDS_SECTION)


def grid_numbers(values: Mapping[str, str], current: PlanningGrids | None = None) -> list[int]:
    """The grids a form holds, in order: those it posts, and every standard grid of `current` (never dropped)."""
    posted = {int(found.group(1)) for name in values if (found := _KEY_PRIORITIES.fullmatch(name))}
    kept = {grid.number for grid in current.grids if not is_local(grid.number)} if current else set()
    return sorted(number for number in posted | kept if number <= MAX_GRIDS)


def field_labels(values: Mapping[str, str]) -> dict[str, str]:
    """What each field is called in the error summary: "Objective 1.2, action 1: postholder"."""
    labels = {GRIDS_SECTION: "Part 3"}
    for grid in draft_from(values, grid_numbers(values)):
        n = grid.number
        labels |= {grid_name(n, "key_priorities"): f"Grid {n}: key priorities", f"grid-{n}": f"Grid {n}"}
        labels[grid_name(n, "title")] = f"Grid {n}: title"
        labels[f"grid-{n}-objectives"] = f"Grid {n}: objectives"
        for o, objective in enumerate(grid.objectives):
            shown = f"Objective {n}.{o + 1}"
            labels[objective_name(n, o)] = shown
            labels[objective_name(n, o, "text")] = f"{shown}: objective"
            labels[objective_name(n, o, "measure")] = f"{shown}: measure"
            labels[objective_name(n, o, "key_priority")] = f"{shown}: key priority"
            labels[objective_name(n, o, "target_date-day")] = f"{shown}: target date"
            labels[objective_name(n, o, THEME_FIELDS[0])] = f"{shown}: cross-cutting themes"
            labels[objective_name(n, o, "actions")] = f"{shown}: actions"
            for a in range(len(objective.actions)):
                action = f"{shown}, action {a + 1}"
                labels[action_name(n, o, a)] = action
                labels[action_name(n, o, a, "text")] = f"{action}: action or milestone"
                labels[action_name(n, o, a, "postholder")] = f"{action}: postholder"
                labels[action_name(n, o, a, "due-day")] = f"{action}: date"
    return labels


def _moved(items: list[Any], index: int, step: int) -> bool:
    target = index + step
    if not (0 <= index < len(items) and 0 <= target < len(items)):
        return False
    items[index], items[target] = items[target], items[index]
    return True


def rearrange(values: Mapping[str, str], button: str, current: PlanningGrids | None) -> Rearranged | None:
    """The form after one of its add, remove or move buttons, or None for a button it does not have.

    Without `current`, the form holds just the grids it posts (one grid's own page).
    """
    verb, where = button_of(button)
    drafts = draft_from(values, grid_numbers(values, current))
    by_number = {draft.number: draft for draft in drafts}
    grid = by_number.get(where[0]) if where else None
    if grid is None:
        return None
    n, objectives = grid.number, grid.objectives
    if verb == "add-objective" and len(where) == 1:
        if len(objectives) >= MAX_OBJECTIVES_PER_GRID:
            return Rearranged(dict(values), f"Grid {n} already has the most objectives a grid can have.")
        objectives.append(ObjectiveDraft(dict.fromkeys(OBJECTIVE_FIELDS, ""), [_blank_action()]))
        focus = objective_name(n, len(objectives) - 1, "text")
        return Rearranged(values_of(drafts), f"Objective {n}.{len(objectives)} added with one action. {UNSAVED}", focus)
    if len(where) < 2 or not 0 <= where[1] < len(objectives):
        return None
    o = where[1]
    label = f"Objective {n}.{o + 1}"
    if verb == "remove-objective":
        objectives.pop(o)
        return Rearranged(values_of(drafts), f"{label} removed; the objectives after it are renumbered. {UNSAVED}")
    if verb in ("up-objective", "down-objective"):
        step = -1 if verb == "up-objective" else 1
        if not _moved(objectives, o, step):
            return Rearranged(dict(values), f"{label} cannot move further {'up' if step < 0 else 'down'}.")
        now = f"{n}.{o + 1 + step}"
        return Rearranged(
            values_of(drafts), f"{label} moved: it is now objective {now}. {UNSAVED}", objective_name(n, o + step)
        )
    actions = objectives[o].actions
    if verb == "add-action" and len(where) == 2:
        if len(actions) >= MAX_ACTIONS_PER_OBJECTIVE:
            return Rearranged(dict(values), f"{label} already has the most actions an objective can have.")
        actions.append(_blank_action())
        focus = action_name(n, o, len(actions) - 1, "text")
        return Rearranged(values_of(drafts), f"Action {len(actions)} added to {label.lower()}. {UNSAVED}", focus)
    if len(where) != 3 or not 0 <= where[2] < len(actions):
        return None
    a = where[2]
    if verb == "remove-action":
        actions.pop(a)
        return Rearranged(
            values_of(drafts), f"Action {a + 1} of {label.lower()} removed. {UNSAVED}", objective_name(n, o)
        )
    if verb in ("up-action", "down-action"):
        step = -1 if verb == "up-action" else 1
        if not _moved(actions, a, step):
            return Rearranged(dict(values), f"That action cannot move further {'up' if step < 0 else 'down'}.")
        message = f"Action {a + 1} of {label.lower()} moved: it is now action {a + 1 + step}. {UNSAVED}"
        return Rearranged(values_of(drafts), message, action_name(n, o, a + step))
    return None
