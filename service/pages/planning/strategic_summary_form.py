"""Part 1 as an HTML form: the five elements, the numbered key priorities, and reading a posted form back.

Pure functions, no HTTP. A key priority's fields are named by its place in the list
(key_priorities-0-title), as its JSON Pointer is (/key_priorities/0/title).
"""

from collections.abc import Iterable, Mapping
from typing import Any

from plan_schema.strategic_summary import MAX_KEY_PRIORITIES, StrategicSummary
from plan_schema.typed_numbers import whole_number
from plan_schema.vocabulary import STRATEGIC_SUMMARY_ELEMENTS
from service.pages.planning.part_form import (
    PlacedFinding,
    PostedPart,
    Rearranged,
    button_of,
    nearest_field,
    place_by_anchor,
    validated,
)
from validators.findings import Finding

ELEMENTS: tuple[str, ...] = tuple(name for name, _ in STRATEGIC_SUMMARY_ELEMENTS)
PRIORITY_FIELDS = ("number", "title", "description")
# Ids of the page's sections, for findings about the whole summary or the whole list.
SUMMARY_SECTION = "summary-elements"
PRIORITIES_SECTION = "key-priorities"


def priority_name(index: int, field_name: str) -> str:
    """The form field of one key priority's field (index 0 is the first in the list)."""
    return f"key_priorities-{index}-{field_name}"


def priority_count(values: Mapping[str, str]) -> int:
    """How many key priorities a form holds (its rows are numbered from 0 without gaps)."""
    count = 0
    while priority_name(count, "title") in values:
        count += 1
    return count


def form_values(summary: StrategicSummary) -> dict[str, str]:
    """Every input of the form as it shows a stored document."""
    values = {name: getattr(summary, name) for name in ELEMENTS}
    for index, priority in enumerate(summary.key_priorities):
        values[priority_name(index, "number")] = str(priority.number)
        values[priority_name(index, "title")] = priority.title
        values[priority_name(index, "description")] = priority.description
    return values


def _typed(posted: Mapping[str, str]) -> dict[str, str]:
    values = {name: posted.get(name, "") for name in ELEMENTS}
    for index in range(min(priority_count(posted), MAX_KEY_PRIORITIES)):
        for field_name in PRIORITY_FIELDS:
            values[priority_name(index, field_name)] = posted.get(priority_name(index, field_name), "")
    return values


def anchors(values: Mapping[str, str]) -> dict[str, str]:
    """Where each location of the document is shown: its field, or the section holding it."""
    found = {name.replace("-", "/"): name for name in values}
    return found | {"key_priorities": PRIORITIES_SECTION}


def read_posted(posted: Mapping[str, str], current: StrategicSummary) -> PostedPart:
    """A posted Part 1 form as a document, or every problem with it by field."""
    result = PostedPart(values=_typed(posted))
    document: dict[str, Any] = {name: result.values[name] for name in ELEMENTS}
    document["key_priorities"] = []
    for index in range(priority_count(result.values)):
        number, error = whole_number(result.values[priority_name(index, "number")])
        if error or number is None:
            result.errors[priority_name(index, "number")] = error or "Enter the key priority's number, like 3"
        document["key_priorities"].append(
            {
                "number": number,
                "title": result.values[priority_name(index, "title")].strip(),
                "description": result.values[priority_name(index, "description")],
            }
        )
    shown = anchors(result.values)
    return validated(result, StrategicSummary, document, lambda loc: nearest_field(loc, shown), PRIORITIES_SECTION)


def place_findings(findings: Iterable[Finding], document: Mapping[str, Any]) -> list[PlacedFinding]:
    """Each finding beside its field, or by the section it is about."""
    shown = dict.fromkeys(ELEMENTS, "")
    for index in range(len(document.get("key_priorities", []))):
        shown |= {priority_name(index, field_name): "" for field_name in PRIORITY_FIELDS}
    return place_by_anchor(findings, anchors(shown), SUMMARY_SECTION)


def field_labels(values: Mapping[str, str]) -> dict[str, str]:
    """What each field is called in the error summary."""
    labels = dict(STRATEGIC_SUMMARY_ELEMENTS)
    for index in range(priority_count(values)):
        shown = f"Key priority {index + 1}"
        labels[priority_name(index, "number")] = f"{shown}: number"
        labels[priority_name(index, "title")] = f"{shown}: title"
        labels[priority_name(index, "description")] = f"{shown}: description"
    return labels | {SUMMARY_SECTION: "Strategic summary", PRIORITIES_SECTION: "Key priorities"}


def _rows(values: Mapping[str, str]) -> list[dict[str, str]]:
    return [
        {field_name: values.get(priority_name(index, field_name), "") for field_name in PRIORITY_FIELDS}
        for index in range(priority_count(values))
    ]


def _with_rows(values: Mapping[str, str], rows: list[dict[str, str]]) -> dict[str, str]:
    renumbered = {name: values.get(name, "") for name in ELEMENTS}
    for index, row in enumerate(rows):
        for field_name in PRIORITY_FIELDS:
            renumbered[priority_name(index, field_name)] = row[field_name]
    return renumbered


def rearrange(values: Mapping[str, str], button: str, current: StrategicSummary) -> Rearranged | None:
    """The form after its Add or Remove key priority button, or None for a button it does not have."""
    verb, numbers = button_of(button)
    if verb == "add-priority":
        return add_priority(values)
    if verb == "remove-priority" and len(numbers) == 1:
        return remove_priority(values, numbers[0])
    return None


def add_priority(values: Mapping[str, str]) -> Rearranged:
    """The form with a blank key priority at the end, numbered after the highest number typed."""
    rows = _rows(values)
    if len(rows) >= MAX_KEY_PRIORITIES:
        return Rearranged(dict(values), f"A plan can have at most {MAX_KEY_PRIORITIES} key priorities.")
    numbers = [number for row in rows if (number := whole_number(row["number"])[0]) is not None]
    number = max(numbers, default=0) + 1
    rows.append({"number": str(number), "title": "", "description": ""})
    message = f"Key priority {number} added at the end. It is not saved until you save Part 1."
    return Rearranged(_with_rows(values, rows), message)


def remove_priority(values: Mapping[str, str], index: int) -> Rearranged:
    """The form without one key priority."""
    rows = _rows(values)
    if not 0 <= index < len(rows):
        return Rearranged(dict(values), "That key priority is no longer on the form, so nothing was removed.")
    removed = rows.pop(index)
    name = f"Key priority {removed['number']}" if removed["number"] else "The key priority"
    return Rearranged(_with_rows(values, rows), f"{name} removed. It stays in the plan until you save Part 1.")
