"""What every part's form shares, without HTTP: typed values read back and findings placed.

Forms name their fields and read them back in their own modules (funding_form, strategic_summary_form,
targets_form, planning_grids_form); the pieces here are the same for all of them.
"""

import copy
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
    @property
    def best(self) -> BaseModel | None: ...
    @property
    def left_out(self) -> tuple[str, ...]: ...


@dataclass
class PostedPart:
    """A posted part form: what was typed, the problems by field, and the document when there are none."""

    values: dict[str, str]
    errors: dict[str, str] = field(default_factory=dict)
    document: BaseModel | None = None
    # When something is wrong: the most of the form the model accepts (for the rules to read, so that every
    # problem is shown at once), and the pointers of what had to be left out of it to get there.
    best: BaseModel | None = None
    left_out: tuple[str, ...] = ()


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

    Whatever the model refuses is put by the field `field_for` names for its location, or by `default`
    (a field that could not be read keeps its own message). Either way `best` holds what the model accepts of it.
    """
    try:
        accepted = model.model_validate(document)
    except ValidationError as invalid:
        refused = validation_errors(invalid, field_for, default)
        result.errors = result.errors | {name: text for name, text in refused.items() if name not in result.errors}
        result.best, result.left_out = best_document(model, document)
        return result
    if result.errors:
        result.best = accepted
    else:
        result.document = accepted
    return result


# Each round leaves out one refused value, so a form with many problems takes as many rounds; past this, give up.
MAX_ROUNDS = 500


def best_document(model: type[BaseModel], document: Mapping[str, object]) -> tuple[BaseModel | None, tuple[str, ...]]:
    """The document with what the model refuses left out, one refusal at a time, and the pointers left out.

    A refused value is left out (so its field's default applies); a value that is missing or cannot be left
    alone takes the item or object holding it with it. A list refused as a whole (numbers used twice) loses its
    last item; a refused item, it and those after it, so that the items kept keep their places (and their fields
    on the page). None when nothing of the document is acceptable.
    """
    working: object = copy.deepcopy(dict(document))
    left_out: list[tuple[str | int, ...]] = []
    for _ in range(MAX_ROUNDS):
        try:
            return model.model_validate(working), tuple(_pointer(where) for where in left_out)
        except ValidationError as invalid:
            location = tuple(invalid.errors()[0]["loc"])
        found = _existing(working, location)
        if not found:
            return None, ()
        container = _at(working, found[:-1])
        target = _at(working, found)
        if found == location and isinstance(target, list) and target:
            left_out.append((*found, len(target) - 1))
            target.pop()
        elif isinstance(container, dict):
            left_out.append(found)
            del container[found[-1]]
        elif isinstance(container, list) and isinstance(found[-1], int):
            left_out += [(*found[:-1], index) for index in range(found[-1], len(container))]
            del container[found[-1] :]
        else:
            return None, ()
    return None, ()


def _at(document: object, location: tuple[str | int, ...]) -> object:
    for part in location:
        document = document[part]  # type: ignore[index]
    return document


def _existing(document: object, location: tuple[str | int, ...]) -> tuple[str | int, ...]:
    """The longest start of a location that is in the document (a refusal can name a missing field)."""
    found: list[str | int] = []
    for part in location:
        in_dict = isinstance(document, dict) and part in document
        if not (in_dict or (isinstance(document, list) and isinstance(part, int) and 0 <= part < len(document))):
            break
        document = document[part]  # type: ignore[index]
        found.append(part)
    return tuple(found)


def _pointer(location: tuple[str | int, ...]) -> str:
    return "".join("/" + str(part).replace("~", "~0").replace("/", "~1") for part in location)


def left_out_of(path: str, left_out: Iterable[str]) -> bool:
    """True when a finding's pointer is about something `best_document` left out (or inside it)."""
    return any(path == where or path.startswith(f"{where}/") for where in left_out)


def nearest_field(segments: list[str], anchors: Mapping[str, str]) -> str | None:
    """The field (or section) showing a location, or the nearest one enclosing it."""
    segments = list(segments)
    while segments:
        found = anchors.get("/".join(segments))
        if found is not None:
            return found
        segments.pop()
    return None
