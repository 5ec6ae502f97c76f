"""What every part's form shares, without HTTP: typed values read back and findings placed.

Forms name their fields and read them back in their own modules (funding_form, strategic_summary_form,
targets_form, planning_grids_form); the pieces here are the same for all of them.
"""

import datetime
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Protocol

from pydantic import BaseModel, ValidationError

from validators.findings import Finding, Severity


class Posted(Protocol):
    """A posted form read back: what was typed, what is wrong with it, and the document when nothing is."""

    @property
    def values(self) -> dict[str, str]: ...
    @property
    def errors(self) -> dict[str, str]: ...
    @property
    def document(self) -> BaseModel | None: ...


@dataclass
class PostedPart:
    """A posted part form: what was typed, the problems by field, and the document when there are none."""

    values: dict[str, str]
    errors: dict[str, str] = field(default_factory=dict)
    document: BaseModel | None = None


@dataclass(frozen=True)
class PlacedFinding:
    """A finding and the id on the page it links to."""

    finding: Finding
    target: str


@dataclass(frozen=True)
class Rearranged:
    """A form after an add, remove or move button: its values renumbered, and what happened in words."""

    values: dict[str, str]
    message: str
    # The id of the field or item the button added or moved, so the page can link straight to it.
    focus: str = ""


def button_of(button: str) -> tuple[str, list[int]]:
    """An add, remove or move button's value ("remove-action:1:0:2") as its verb and its whole numbers."""
    verb, _, where = button.partition(":")
    numbers = [int(part) for part in where.split(":") if part.isascii() and part.isdigit()] if where else []
    return verb, numbers


def pointer_segments(path: str) -> list[str]:
    """An RFC 6901 JSON Pointer as its segments."""
    return [part.replace("~1", "/").replace("~0", "~") for part in path.split("/")[1:]]


def place_by_anchor(findings: Iterable[Finding], anchors: Mapping[str, str], default: str) -> list[PlacedFinding]:
    """Each finding beside the nearest thing on the page it is about.

    `anchors` maps a location in the document (its pointer segments joined by "/") to the id
    of the field or section showing it; a finding about something with no anchor of its own is
    shown by its nearest enclosing one, and failing that at `default`.
    """
    return [
        PlacedFinding(finding, nearest_field(pointer_segments(finding.path), anchors) or default)
        for finding in findings
    ]


def messages_by_field(placed: Iterable[PlacedFinding], severity: Severity) -> dict[str, list[str]]:
    """The messages of one severity, by the field they are shown beside."""
    by_field: dict[str, list[str]] = {}
    for item in placed:
        if item.finding.severity is severity:
            by_field.setdefault(item.target, []).append(item.finding.message)
    return by_field


DATE_PARTS = ("day", "month", "year")


def date_from_parts(day: str, month: str, year: str) -> tuple[datetime.date | None, str | None]:
    """A GOV.UK date input's three fields as a date, all blank for none: the date, or what is wrong with it."""
    typed = [day.strip(), month.strip(), year.strip()]
    if not any(typed):
        return None, None
    missing = [name for name, part in zip(DATE_PARTS, typed, strict=True) if not part]
    if missing:
        return None, f"The date must include a {' and a '.join(missing)}"
    if not all(part.isdigit() for part in typed) or len(typed[2]) != 4:
        return None, "Enter the date as numbers: day, month and a 4-digit year"
    try:
        return datetime.date(int(typed[2]), int(typed[1]), int(typed[0])), None
    except ValueError:
        return None, "Enter a real date"


def date_parts(date: datetime.date | None) -> tuple[str, str, str]:
    """A date as a GOV.UK date input shows it."""
    return ("", "", "") if date is None else (str(date.day), str(date.month), str(date.year))


def validation_errors(
    invalid: ValidationError, field_for: Callable[[list[str]], str | None], default: str
) -> dict[str, str]:
    """What the part's model refused, by the field it is about (the first message for each)."""
    errors: dict[str, str] = {}
    for problem in invalid.errors():
        name = field_for([str(part) for part in problem["loc"]]) or default
        errors.setdefault(name, str(problem["msg"]).removeprefix("Value error, "))
    return errors


def validated(
    result: PostedPart,
    model: type[BaseModel],
    document: Mapping[str, object],
    field_for: Callable[[list[str]], str | None],
    default: str,
) -> PostedPart:
    """The posted form with its document, unless a field could not be read or the part's model refuses it.

    Whatever the model refuses is put by the field `field_for` names for its location, or by `default`.
    """
    if result.errors:
        return result
    try:
        result.document = model.model_validate(document)
    except ValidationError as invalid:
        result.errors.update(validation_errors(invalid, field_for, default))
    return result


def nearest_field(segments: list[str], anchors: Mapping[str, str]) -> str | None:
    """The field (or section) showing a location, or the nearest one enclosing it."""
    segments = list(segments)
    while segments:
        found = anchors.get("/".join(segments))
        if found is not None:
            return found
        segments.pop()
    return None
