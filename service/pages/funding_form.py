"""Part 4 as an HTML form: field names, the figures as typed, and reading a posted form back.

Pure functions, no HTTP: a posted form becomes either a Funding document or the problems
with it by field name, and findings' JSON Pointers become the fields they are about.
"""

import re
from collections.abc import Iterable, Mapping
from typing import Any

from plan_schema.funding import Funding
from plan_schema.money import format_money, parse_money
from plan_schema.vocabulary import EXPENDITURE_SOURCES, FUNDING_ROWS, FundingRow
from service.pages.part_form import PlacedFinding, PostedPart, pointer_segments, validated
from validators.findings import Finding

TABLE_1_INPUTS: tuple[FundingRow, ...] = tuple(row for row in FUNDING_ROWS if not row.computed)
DESCRIPTION = "other_description"
# What people paste from spreadsheets: "£1,250,000" means 1250000 here. The API stays strict.
_FRIENDLY_MONEY = re.compile(r"[£,\s]")


def year_key(year: str) -> str:
    """A plan year as it appears in field names and ids: 2008/09 → 2008-09."""
    return year.replace("/", "-")


def table_1_name(year: str, field_name: str) -> str:
    """The form field of one Table 1 cell, keyed by year so a column added meanwhile cannot shift it."""
    return f"table_1-{year_key(year)}-{field_name}"


def table_2_name(row: int, field_name: str) -> str:
    """The form field of one Table 2 cell (row 0 is the template's row 5)."""
    return f"table_2-{row}-{field_name}"


def form_values(funding: Funding) -> dict[str, str]:
    """Every input of the form as it shows a stored document."""
    values: dict[str, str] = {}
    for column in funding.table_1:
        for row in TABLE_1_INPUTS:
            values[table_1_name(column.year, row.field)] = format_money(getattr(column, row.field))
        values[table_1_name(column.year, DESCRIPTION)] = column.other_description
    for index, expenditure in enumerate(funding.table_2):
        for source in EXPENDITURE_SOURCES:
            values[table_2_name(index, source.field)] = format_money(getattr(expenditure, source.field))
    return values


def _money_or_error(text: str) -> tuple[str | None, str | None]:
    cleaned = _FRIENDLY_MONEY.sub("", text)
    if not cleaned:
        return "0.00", None  # a blank cell is nothing spent, as in the Excel template
    try:
        return format_money(parse_money(cleaned)), None
    except ValueError as problem:
        return None, f"Enter an amount in pounds and pence, like 1250.50: it {problem}"


def read_posted(posted: Mapping[str, str], current: Funding) -> PostedPart:
    """The posted form laid over the current document's years and categories; every problem, not just the first."""
    result = PostedPart(values={name: posted.get(name, "") for name in form_values(current)})
    document: dict[str, Any] = current.model_dump(mode="json")
    for column in document["table_1"]:
        for row in TABLE_1_INPUTS:
            name = table_1_name(column["year"], row.field)
            amount, error = _money_or_error(result.values[name])
            column[row.field] = amount
            if error:
                result.errors[name] = error
        column[DESCRIPTION] = result.values[table_1_name(column["year"], DESCRIPTION)].strip()
    for index, expenditure in enumerate(document["table_2"]):
        for source in EXPENDITURE_SOURCES:
            name = table_2_name(index, source.field)
            amount, error = _money_or_error(result.values[name])
            expenditure[source.field] = amount
            if error:
                result.errors[name] = error
    return validated(result, Funding, document, lambda loc: field_for_path(document, loc), "table-1")


def field_for_path(document: Mapping[str, Any], segments: list[str]) -> str | None:
    """The form field (or read-only cell id) a location in the document is shown in, if any."""
    if len(segments) == 3 and segments[0] == "table_1" and segments[1].isdigit():
        columns = document.get("table_1", [])
        index = int(segments[1])
        return table_1_name(columns[index]["year"], segments[2]) if index < len(columns) else None
    if len(segments) == 3 and segments[0] == "table_2" and segments[1].isdigit():
        return table_2_name(int(segments[1]), segments[2])
    if len(segments) == 2 and segments[0] == "table_2_totals":
        return f"table_2-total-{segments[1]}"
    return None


def place_findings(findings: Iterable[Finding], document: Mapping[str, Any]) -> list[PlacedFinding]:
    """Each finding with the field it is shown beside (or the table it is about)."""
    placed = []
    for finding in findings:
        segments = pointer_segments(finding.path)
        target = field_for_path(document, segments)
        if target is None:
            target = "table-2" if segments[:1] in (["table_2"], ["table_2_totals"]) else "table-1"
        placed.append(PlacedFinding(finding, target))
    return placed
