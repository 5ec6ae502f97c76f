"""A rule every part shares: stored text must not hold control characters."""

import re
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from pydantic import BaseModel

from plan_schema.funding import ExpenditureRow, FundingYear
from plan_schema.planning_grids import Action, Objective, PlanningGrid
from plan_schema.strategic_summary import KeyPriority
from plan_schema.targets import PrimaryCare
from plan_schema.vocabulary import STRATEGIC_SUMMARY_ELEMENTS
from plan_schema.wording import objective_label
from validators.context import PlanContext
from validators.findings import Finding, RuleSet, Severity, pointer

# The same characters plan_schema.text refuses at input (C0 and C1 controls other than tab
# and newline, lone surrogates, U+FFFE/U+FFFF), as one pattern.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")

# A fast test that all of a document's text is clean, on its UTF-8 bytes: a regex over every
# string costs about a millisecond on a large plan, bytes.translate a few microseconds. C0
# controls and DEL are single bytes that never occur inside a multi-byte sequence; C1 controls,
# surrogates (encoded with "surrogatepass") and U+FFFE/U+FFFF have lead bytes of their own.
_C0_BYTES = frozenset([*range(0x00, 0x09), *range(0x0B, 0x20), 0x7F])
_ALL_BUT_C0 = bytes(byte for byte in range(256) if byte not in _C0_BYTES)
_MULTIBYTE = (re.compile(rb"\xc2[\x80-\x9f]"), re.compile(rb"\xed[\xa0-\xbf]"), re.compile(rb"\xef\xbf[\xbe\xbf]"))
_CONTAINERS = (BaseModel, list, tuple, dict)

Segment = str | int

# Part 1's sections are known to planners by their headings, not by field names.
_FIELD_WORDS = {field: f"'{heading}'" for field, heading in STRATEGIC_SUMMARY_ELEMENTS}


def _strings(document: object) -> list[str]:
    """Every string in a document, in no particular order."""
    found: list[str] = []
    stack: list[object] = [document]
    while stack:
        value = stack.pop()
        items: Iterable[object]
        # __dict__ rather than model_fields: stored data built with model_construct may hold
        # anything, and what is there is what must be checked.
        if isinstance(value, BaseModel):
            items = value.__dict__.values()
        elif isinstance(value, dict):
            items = value.values()
        elif isinstance(value, list | tuple):
            items = value
        else:
            items = (value,) if isinstance(value, str) else ()
        for item in items:
            if isinstance(item, str):
                found.append(item)
            elif isinstance(item, _CONTAINERS):
                stack.append(item)
    return found


def all_clean(strings: list[str]) -> bool:
    """True when no string holds a control character; exact, not a heuristic."""
    data = "\n".join(strings).encode("utf-8", "surrogatepass")
    if data.translate(None, _ALL_BUT_C0):
        return False
    return data.isascii() or not any(pattern.search(data) for pattern in _MULTIBYTE)


def _collect(value: object, trail: list[Segment], found: list[tuple[tuple[Segment, ...], str]]) -> None:
    """Append (path, text) for every string under value holding a control character."""
    if isinstance(value, str):
        if _CONTROL.search(value):
            found.append((tuple(trail), value))
        return
    if isinstance(value, BaseModel):
        items: Iterable[tuple[Segment, object]] = value.__dict__.items()
    elif isinstance(value, dict):
        items = ((str(key), item) for key, item in value.items())
    elif isinstance(value, list | tuple):
        items = enumerate(value)
    else:
        return
    for key, item in items:
        trail.append(key)
        _collect(item, trail, found)
        trail.pop()


def strings_with_control_characters(document: object) -> list[tuple[tuple[Segment, ...], str]]:
    """Every string in a document (model, list, dict) that holds a control character, with its path."""
    if all_clean(_strings(document)):
        return []  # the usual case, found cheaply; only a document with a bad string is walked by path
    found: list[tuple[tuple[Segment, ...], str]] = []
    _collect(document, [], found)
    return found


def _child(node: object, segment: Segment) -> object:
    if isinstance(segment, int) and isinstance(node, list | tuple):
        return node[segment]
    if isinstance(node, dict):
        return node.get(segment)
    return getattr(node, str(segment), None)


def _item_label(item: object, index: int, grid_number: object) -> str | None:
    """How a planner names a list item: "grid 2", "objective 2.3", "Table 1, 2008/09"."""
    if isinstance(item, PlanningGrid):
        return f"grid {item.number}"
    if isinstance(item, Objective):
        return objective_label(grid_number, index).lower() if isinstance(grid_number, int) else None
    if isinstance(item, Action):
        return f"action {index + 1}"
    if isinstance(item, FundingYear):
        return f"Table 1, {item.year}"
    if isinstance(item, ExpenditureRow):
        return f"Table 2, row {index + 1}"
    if isinstance(item, PrimaryCare):
        return f"primary care for PCT {item.pct_code}"
    if isinstance(item, KeyPriority):
        return f"key priority {item.number}"
    return None


def describe(document: object, segments: Sequence[Segment]) -> str:
    """Put a path into words: ("grids", 1, "objectives", 2, "text") is "grid 2, objective 2.3, text"."""
    words: list[str] = []
    node = document
    grid_number: object = None
    for segment in segments:
        node = _child(node, segment)
        if isinstance(segment, int):
            label = _item_label(node, segment, grid_number)
            if isinstance(node, PlanningGrid):
                grid_number = node.number
            if label is None:
                words.append(f"item {segment + 1}")
            elif words:
                words[-1] = label  # "grid 2" says more than "grids, item 2"
            else:
                words.append(label)
        else:
            words.append(_FIELD_WORDS.get(segment) or segment.replace("_", " "))
    return ", ".join(words) or "the part"


def register_control_character_rule(rules: RuleSet[Any], rule_id: str) -> None:
    """Register, under rule_id, the check for control characters in any string of a part."""

    @rules.rule(
        rule_id,
        Severity.ERROR,
        "Not in the guidance: Word and Excel exports cannot hold these characters",
        "No text holds a control character other than tab or line break (data stored before input refused them).",
    )
    def control_characters(document: BaseModel, context: PlanContext) -> Iterator[Finding]:
        for segments, text in strings_with_control_characters(document):
            match = _CONTROL.search(text)
            if match is None:  # only matching strings are collected; this satisfies the type checker
                continue
            code = f"U+{ord(match.group()):04X}"
            yield rules.finding(
                rule_id,
                pointer(*segments),
                f"The text in {describe(document, segments)} contains an invisible control character ({code}) "
                f"at character {match.start() + 1}, which cannot be printed or exported. "
                "Delete it (retyping the words around it is the surest way) and save again.",
            )
