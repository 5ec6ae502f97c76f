"""Part 4 as an HTML form: field names, the figures as typed, and reading a posted form back.

Pure functions, no HTTP: a posted form becomes either a Funding document or the problems
with it by field name, and findings' JSON Pointers become the fields they are about.
"""

import re
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from plan_schema.funding import Funding
from plan_schema.money import PENNY, format_money, parse_money
from plan_schema.vocabulary import EXPENDITURE_SOURCES, FUNDING_ROWS, FundingRow
from service.pages.planning.part_form import PlacedFinding, PostedPart, nearest_field, place_by_anchor, validated
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


def shown_money(amount: Decimal) -> str:
    """An amount as a money input shows it, grouped as people read it: "2,000,000.00" (posted back as typed)."""
    return f"{amount.quantize(PENNY):,}"


def form_values(funding: Funding) -> dict[str, str]:
    """Every input of the form as it shows a stored document."""
    values: dict[str, str] = {}
    for column in funding.table_1:
        for row in TABLE_1_INPUTS:
            values[table_1_name(column.year, row.field)] = shown_money(getattr(column, row.field))
        values[table_1_name(column.year, DESCRIPTION)] = column.other_description
    for index, expenditure in enumerate(funding.table_2):
        for source in EXPENDITURE_SOURCES:
            values[table_2_name(index, source.field)] = shown_money(getattr(expenditure, source.field))
    return values


def money_or_error(text: str) -> tuple[str | None, str | None]:
    """A typed amount as a decimal string ("£1,250" is "1250.00"), or what to enter instead."""
    cleaned = _FRIENDLY_MONEY.sub("", text)
    if not cleaned:
        return "0.00", None  # a blank cell is nothing spent, as in the Excel template
    try:
        return format_money(parse_money(cleaned)), None
    except ValueError:
        return None, _money_problem(cleaned)


def _money_problem(cleaned: str) -> str:
    """What to enter instead of a figure that is not money, in the Design System's words (the API's are stricter)."""
    if cleaned.startswith("-"):
        return "Enter an amount of £0 or more"
    if re.fullmatch(r"[0-9]*\.[0-9]{3,}", cleaned):
        return "Enter an amount with no more than 2 decimal places, like 2,500.50"
    if re.fullmatch(r"[0-9]+(\.[0-9]{1,2})?", cleaned):
        return "Enter an amount of £1,000,000,000 or less"
    return "Enter an amount in pounds, like 2,500 or 2,500.50"


def read_posted(posted: Mapping[str, str], current: Funding) -> PostedPart:
    """The posted form laid over the current document's years and categories; every problem, not just the first."""
    result = PostedPart(values={name: posted.get(name, "") for name in form_values(current)})
    document: dict[str, Any] = current.model_dump(mode="json")
    for column in document["table_1"]:
        for row in TABLE_1_INPUTS:
            name = table_1_name(column["year"], row.field)
            amount, error = money_or_error(result.values[name])
            column[row.field] = amount
            if error:
                result.errors[name] = error
        column[DESCRIPTION] = result.values[table_1_name(column["year"], DESCRIPTION)].strip()
    for index, expenditure in enumerate(document["table_2"]):
        for source in EXPENDITURE_SOURCES:
            name = table_2_name(index, source.field)
            amount, error = money_or_error(result.values[name])
            expenditure[source.field] = amount
            if error:
                result.errors[name] = error
    shown = anchors(current)
    return validated(result, Funding, document, lambda loc: nearest_field(loc, shown), "table-1")


def anchors(funding: Funding) -> dict[str, str]:
    """Where each location of the document is shown, in the tables' reading order: its input, cell or table."""
    found = {"table_1": "table-1"}
    for row in FUNDING_ROWS:
        for index, column in enumerate(funding.table_1):
            found[f"table_1/{index}/{row.field}"] = table_1_name(column.year, row.field)
        if row.field == "other":
            for index, column in enumerate(funding.table_1):
                found[f"table_1/{index}/{DESCRIPTION}"] = table_1_name(column.year, DESCRIPTION)
    found["table_2"] = "table-2"
    for index in range(len(funding.table_2)):
        for source in EXPENDITURE_SOURCES:
            found[f"table_2/{index}/{source.field}"] = table_2_name(index, source.field)
        found[f"table_2/{index}/total"] = table_2_name(index, "total")
    found["table_2_totals"] = "table-2"
    for field_name in (*(source.field for source in EXPENDITURE_SOURCES), "total"):
        found[f"table_2_totals/{field_name}"] = f"table_2-total-{field_name}"
    return found


def place_findings(findings: Iterable[Finding], document: Mapping[str, Any]) -> list[PlacedFinding]:
    """Each finding with the field it is shown beside (or the table it is about)."""
    return place_by_anchor(findings, anchors(Funding.model_validate(document)), "table-1")
