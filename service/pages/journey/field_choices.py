"""What a comment can be about: each part of a plan, and each field its page shows, by the field's label.

A comment is anchored by part and JSON Pointer (service.journey.reviews), but people choose it by what the
part's page calls the field ("Part 4 — 1.6 Police, 2008/09"). The part forms already know both halves:
`anchors` (where each location of a document is shown) and the page's labels (what that place is called).
Pure functions, no HTTP.
"""

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ValidationError

from plan_schema.parts import parse_part
from plan_schema.vocabulary import PART_TITLES, PartName
from service.pages.planning import (
    funding_form,
    funding_page,
    grid_page_form,
    planning_grids_form,
    planning_grids_page,
    strategic_summary_form,
    strategic_summary_page,
    treatment_targets_form,
    treatment_targets_page,
)
from service.pages.planning.part_editing import PartPage, part_short_name

PAGES: dict[PartName, PartPage] = {
    page.part: page
    for page in (strategic_summary_page.PAGE, treatment_targets_page.PAGE, planning_grids_page.PAGE, funding_page.PAGE)
}
# Where each location of a stored part is shown on its page: pointer segments joined by "/" → field id.
ANCHORS: dict[PartName, Callable[[Any, Mapping[str, str]], dict[str, str]]] = {
    PartName.STRATEGIC_SUMMARY: lambda summary, values: strategic_summary_form.anchors(values),
    PartName.TARGETS: lambda targets, values: treatment_targets_form.anchors(values),
    PartName.PLANNING_GRIDS: lambda grids, values: planning_grids_form.anchors(planning_grids_form.draft_of(grids)),
    PartName.FUNDING: lambda funding, values: funding_form.anchors(funding),
}
# Not offered, to keep the list usable (4 grids of 12 objectives of 6 actions is 1,500 in Part 3 alone):
# /grids (the whole part), the objectives and actions lists (their grid or objective stands for them),
# and an action's own fields (an action is one row of the grid: text, postholder, date). A comment
# already anchored to one of these still shows its label.
_UNLISTED = {PartName.PLANNING_GRIDS: re.compile(r"grids|.*/objectives|.*/actions|.*/actions/\d+/.+")}
WHOLE_PART = "the whole part"


def field_href(part_page: str, part: PartName, field_id: str) -> str:
    """The link to a field of a part: on the part's page (`part_page`), or for Part 3 on its grid's page."""
    if part is PartName.PLANNING_GRIDS and (grid := grid_page_form.grid_of(field_id)) is not None:
        part_page = f"{part_page}/{grid}"
    return f"{part_page}#{field_id}" if field_id else part_page


def choice_value(part: str, pointer: str) -> str:
    """A part and a pointer as one select option's value: "funding|/table_1/1/police"."""
    return f"{part}|{pointer}"


def split_choice(value: str) -> tuple[str, str]:
    """An option's value as its part and its pointer ("" for the whole part)."""
    part, _, pointer = value.partition("|")
    return part, pointer


@dataclass(frozen=True)
class FieldChoice:
    """Something a comment can be about: a part (pointer "") or one of its fields."""

    part: PartName
    pointer: str
    label: str

    @property
    def value(self) -> str:
        """The select option's value."""
        return choice_value(self.part.value, self.pointer)

    @property
    def text(self) -> str:
        """The option as people read it: "Part 4: the whole part", "Part 4 — 1.6 Police, 2008/09"."""
        short = part_short_name(self.part)
        return f"{short} — {self.label}" if self.pointer else f"{short}: {self.label}"


@dataclass(frozen=True)
class PlanFields:
    """What a comment on a plan can be about, as its parts are stored now."""

    # What the select offers, in plan order: each part, then its fields.
    choices: list[FieldChoice]
    # Every field's label by option value, offered or not, for comments and choices made elsewhere.
    labels: dict[str, str]


def in_plan_order(locations: Iterable[str]) -> list[str]:
    """Locations in the order given, except that a section listed after what it holds moves up before it."""
    given = list(locations)
    first_seen: dict[str, int] = {}
    for index, location in enumerate(given):
        segments = location.split("/")
        for depth in range(1, len(segments) + 1):
            first_seen.setdefault("/".join(segments[:depth]), index)
    # A location goes where the first thing inside it was given, ahead of it (being shallower).
    return sorted(given, key=lambda location: (first_seen[location], location.count("/")))


def located_fields(part: PartName, model: BaseModel | None) -> dict[str, str]:
    """Each location of a stored part its page shows and names (JSON Pointer → label), in plan order."""
    page = PAGES[part]
    if not isinstance(model, page.model):
        return {}  # no longer readable as this part: only the whole part can be commented on
    values = page.form_values(model)
    labels = page.labels(model, values)
    shown = ANCHORS[part](model, values)
    return {f"/{location}": labels[shown[location]] for location in in_plan_order(shown) if shown[location] in labels}


def plan_fields(models: Mapping[PartName, BaseModel | None]) -> PlanFields:
    """Each part, and the fields of it a comment can be about, for a plan's parts as stored now."""
    choices: list[FieldChoice] = []
    labels: dict[str, str] = {}
    for part in PartName:
        choices.append(FieldChoice(part, "", WHOLE_PART))
        offered: set[str] = set()
        unlisted = _UNLISTED.get(part)
        for pointer, label in located_fields(part, models.get(part)).items():
            labels[choice_value(part.value, pointer)] = label
            # Two locations shown in one place (Table 2 and its totals row) would be two identical options.
            if label not in offered and not (unlisted and unlisted.fullmatch(pointer[1:])):
                choices.append(FieldChoice(part, pointer, label))
                offered.add(label)
    return PlanFields(choices, labels)


def snapshot_fields(documents: Mapping[str, Any]) -> PlanFields:
    """plan_fields for parts as a submission holds them (JSON by part name); a part that no longer reads has none."""
    models: dict[PartName, BaseModel | None] = {}
    for part in PartName:
        try:
            models[part] = parse_part(part, documents[part.value]) if part.value in documents else None
        except ValidationError:
            models[part] = None
    return plan_fields(models)


def label_of(fields: PlanFields, part: str, pointer: str) -> str | None:
    """What the pages call a location, or the nearest enclosing one they name ("Objective 1.2: …"); None if none."""
    segments = pointer.split("/")
    while len(segments) > 1:
        found = fields.labels.get(choice_value(part, "/".join(segments)))
        if found is not None:
            return found
        segments.pop()
    return None


def select_options(fields: PlanFields, chosen: str) -> list[tuple[str, list[tuple[str, str]]]]:
    """The select's options grouped by part (title, [(value, text)]).

    A chosen value the list lacks (a field not offered, removed since, or never there) is kept as its
    part's first field, so a link or a refused form loses nothing; one of an unknown part is not.
    """
    offered = {choice.value for choice in fields.choices}
    part, pointer = split_choice(chosen)
    extra = None
    if chosen not in offered and part in {name.value for name in PartName}:
        label = fields.labels.get(chosen, f"{pointer} (not in the plan as it is now)")
        extra = FieldChoice(PartName(part), pointer, label)
    groups = []
    for name in PartName:
        of_part = [choice for choice in fields.choices if choice.part is name]
        if extra is not None and extra.part is name:
            of_part.insert(1, extra)
        groups.append((PART_TITLES[name], [(choice.value, choice.text) for choice in of_part]))
    return groups
