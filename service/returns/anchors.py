"""What a reviewer's question is anchored to, checked against what a submission of the return actually holds.

A submission's sections (service/returns/submissions.py) keep each action by its reference ("1.2.3"),
each metric by its code and the quarter's spend as Table 2's rows; an anchor names one of them, and is
refused, naming the field, when the submission holds no such thing.
"""

import re
from dataclasses import dataclass
from typing import Any

from plan_schema.funding_totals import SOURCE_FIELDS
from plan_schema.vocabulary import FUNDING_ROW_BY_FIELD
from service.platform.errors import InvalidInput
from service.tables.return_reviews import AnchorKind

_NOT_IN_AN_ID = re.compile(r"[^A-Za-z0-9_-]+")


@dataclass(frozen=True)
class Anchor:
    """One thing in a return: an action by reference, a metric by code, or a spend cell by source and category."""

    kind: AnchorKind
    key: str
    category: str | None = None

    @property
    def slug(self) -> str:
        """An HTML-id-safe name for the thing: "action-1-2-3", "metric-OF-16", "spend-cell-police-Shared-care"."""
        named = "-".join([self.kind.value, self.key, *([self.category] if self.category else [])])
        return _NOT_IN_AN_ID.sub("-", named).strip("-")


def source_label(source: str) -> str:
    """ "1.6 Police": a Table 2 source column as Part 4 numbers and names it."""
    row = FUNDING_ROW_BY_FIELD[source]
    return f"{row.code} {row.label}"


def _actions(sections: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {line["reference"]: line for line in sections.get("actions", [])}


def _metrics(sections: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {line["metric"]: line for line in sections.get("exceptions", [])}


def spend_rows(sections: dict[str, Any]) -> list[dict[str, Any]]:
    """The quarter's spend as the submission holds it: Table 2's rows, each with its category and sources."""
    spend = sections.get("spend") or {}
    return list(spend.get("actual") or [])


def anchored(sections: dict[str, Any], anchor: Anchor) -> Any:
    """What the submission says of the anchored thing (None when it does not hold it): compared across submissions."""
    if anchor.kind is AnchorKind.ACTION:
        return _actions(sections).get(anchor.key)
    if anchor.kind is AnchorKind.METRIC:
        return _metrics(sections).get(anchor.key)
    row = next((row for row in spend_rows(sections) if row.get("category") == anchor.category), None)
    return None if row is None or anchor.key not in SOURCE_FIELDS else row.get(anchor.key)


def check_anchor(sections: dict[str, Any], anchor: Anchor, number: int) -> None:
    """Refuse an anchor naming something submission `number` does not hold, by the field that names it."""
    held = f"submission {number} of this return"
    if anchor.kind is AnchorKind.ACTION and anchor.key not in _actions(sections):
        raise InvalidInput.at("/anchor/action", f"{held} has no action {anchor.key} (Part 3 numbers them 1.2.3)")
    if anchor.kind is AnchorKind.METRIC and anchor.key not in _metrics(sections):
        raise InvalidInput.at("/anchor/metric", f"{held} reports on no metric {anchor.key}")
    if anchor.kind is AnchorKind.SPEND_CELL:
        if anchor.key not in SOURCE_FIELDS:
            raise InvalidInput.at("/anchor/source", f"{anchor.key} is not one of Table 2's funding sources")
        if not any(row.get("category") == anchor.category for row in spend_rows(sections)):
            raise InvalidInput.at("/anchor/category", f"{held} has no spend category {anchor.category!r}")


def label(anchor: Anchor, sections: dict[str, Any]) -> str:
    """The anchored thing in words, as the submission names it: "Action 1.1.2: Open an evening clinic"."""
    if anchor.kind is AnchorKind.ACTION:
        text = (_actions(sections).get(anchor.key) or {}).get("text")
        return f"Action {anchor.key}" + (f": {text}" if text else "")
    if anchor.kind is AnchorKind.METRIC:
        name = (_metrics(sections).get(anchor.key) or {}).get("name")
        return f"Metric {anchor.key}" + (f": {name}" if name else "")
    source = source_label(anchor.key) if anchor.key in FUNDING_ROW_BY_FIELD else anchor.key
    return f"Spend on {anchor.category}, from {source}"


def anchors_of(sections: dict[str, Any]) -> list[Anchor]:
    """Everything in the submission a question can be anchored to, in the return's order."""
    return (
        [Anchor(AnchorKind.ACTION, reference) for reference in _actions(sections)]
        + [Anchor(AnchorKind.METRIC, code) for code in _metrics(sections)]
        + [
            Anchor(AnchorKind.SPEND_CELL, source, row["category"])
            for row in spend_rows(sections)
            for source in SOURCE_FIELDS
        ]
    )
