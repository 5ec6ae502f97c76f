"""One of Part 3's grids as a form of its own: the grid's fields in, the whole part out.

Part 3 is up to twelve grids of fifty objectives; as one form it was 12,700 px long and ran into the
form parser's field limit. Each grid is now its own page (planning_grids_page). Its form posts only
that grid's fields; saving puts the grid in place of the stored one and keeps every other grid as
stored, so the part is still saved whole, at the version the page was opened at. Pure functions, no HTTP.
"""

import re
from collections.abc import Iterable, Mapping
from typing import Any

from plan_schema.planning_grids import MAX_GRIDS, PlanningGrids
from service.pages.planning import planning_grids_form as form
from service.pages.planning.part_form import PlacedFinding, PostedPart, Rearranged, nearest_field, validated
from validators.findings import Finding

# A field, item or section of one grid: grid_2-objectives-0-text, grid-2, grid-2-objectives.
_OF_A_GRID = re.compile(r"grid[_-]([1-9][0-9]?)(?:-|$)")


def grid_of(field_id: str) -> int | None:
    """The number of the grid a field (or item, or section) of Part 3's form belongs to, if any."""
    found = _OF_A_GRID.match(field_id)
    return int(found.group(1)) if found else None


def numbers(grids: PlanningGrids) -> list[int]:
    """The grids the part has, in order."""
    return [grid.number for grid in grids.grids]


def new_local_grid(grids: PlanningGrids) -> int | None:
    """The number a local grid added now would have (the first free from 5), or None when the part is full."""
    used = set(numbers(grids))
    return next((n for n in range(form.FIRST_LOCAL_GRID, MAX_GRIDS + 1) if n not in used), None)


def has_page(grids: PlanningGrids, number: int) -> bool:
    """Whether grid `number` has a page: a grid the part has, or a local grid not yet saved."""
    return number in numbers(grids) or (form.is_local(number) and 1 <= number <= MAX_GRIDS)


def next_grid(grids: PlanningGrids, number: int) -> int | None:
    """The grid after `number`, where "Save and continue" goes; None after the last."""
    return next((n for n in numbers(grids) if n > number), None)


def _draft(grids: PlanningGrids, number: int) -> form.GridDraft:
    """Grid `number` as the form shows it: as stored, or an empty local grid not saved yet."""
    stored = [draft for draft in form.draft_of(grids) if draft.number == number]
    return stored[0] if stored else form.GridDraft(number, "", "", [])


def _drafts_with(grids: PlanningGrids, draft: form.GridDraft) -> list[form.GridDraft]:
    """Every grid of the part as the form would show it, with `draft` in place of (or beside) its stored grid."""
    others = [shown for shown in form.draft_of(grids) if shown.number != draft.number]
    return sorted([*others, draft], key=lambda shown: shown.number)


def values(grids: PlanningGrids, number: int) -> dict[str, str]:
    """The inputs of grid `number`'s form as it shows the stored part."""
    return form.values_of([_draft(grids, number)])


def read_posted(posted: Mapping[str, str], current: PlanningGrids, number: int) -> PostedPart:
    """A posted grid form as the whole part (the other grids as stored), or every problem with it by field."""
    draft = form.draft_from(posted, [number])[0]
    result = PostedPart(values=form.values_of([draft]))
    grid = form.document_of([draft], current, result.errors)["grids"][0]
    others = [kept.model_dump(mode="json") for kept in current.grids if kept.number != number]
    document = {"grids": sorted([*others, grid], key=lambda kept: int(kept["number"]))}
    shown = form.anchors(_drafts_with(current, draft))
    return validated(result, PlanningGrids, document, lambda loc: nearest_field(loc, shown), form.GRIDS_SECTION)


def place_findings(findings: Iterable[Finding], document: Mapping[str, Any], number: int) -> list[PlacedFinding]:
    """The findings about grid `number`, each beside its field; those about other grids are on their own pages."""
    placed = form.place_findings(findings, document)
    return [found for found in placed if grid_of(found.target) == number]


def labels(values: Mapping[str, str], number: int) -> dict[str, str]:
    """What each field of grid `number`'s form is called in its error summary."""
    return {name: label for name, label in form.field_labels(values).items() if grid_of(name) in (number, None)}


def rearrange(values: Mapping[str, str], button: str) -> Rearranged | None:
    """The grid's form after an add, remove or move button of its objectives and actions."""
    return form.rearrange(values, button, None)


def without(grids: PlanningGrids, number: int) -> dict[str, Any]:
    """The part without local grid `number`, the local grids after it renumbered to run on from 5."""
    kept = [grid.model_dump(mode="json") for grid in grids.grids if grid.number != number]
    local = (grid for grid in kept if form.is_local(int(grid["number"])))
    for place, grid in enumerate(local, start=form.FIRST_LOCAL_GRID):
        grid["number"] = place
    return {"grids": kept}
