"""Small builders for the document tests: contexts, plans, hostile text and edited workbooks."""

import datetime
import io
import zipfile
from collections.abc import Callable
from decimal import Decimal
from typing import Any, cast

from openpyxl import Workbook, load_workbook

from plan_schema.funding import Funding
from plan_schema.planning_grids import PlanningGrids
from plan_schema.strategic_summary import StrategicSummary
from plan_schema.targets import Targets
from plan_schema.vocabulary import PartName
from service.demo.filled_plan import filled_plan
from service.documents.context import DocumentContext

PARTNERSHIP = "Birmingham Drug Action Team"
DOCUMENT_DATE = datetime.date(2008, 1, 14)
# Text a spreadsheet would run as a formula if it were typed into a cell.
FORMULA_INJECTIONS = ('=HYPERLINK("http://x","y")', "+cmd|' /C calc'!A0", "@SUM(1)", "-2+3")
WELSH = "Ymddiriedolaeth GIG Gŵyr a Thŷ Ddewi – ŵ ŷ"
EMOJI = "Recovery café 🙂☕ open every day 🚀"
RIGHT_TO_LEFT = "שלום עולם – مرحبا بالعالم"
MARKUP = "<script>alert('x')</script> & {{ 7*7 }} {%p endfor %} ]]> &amp;"


def document_context(**changes: Any) -> DocumentContext:
    """The demo partnership's 2008/09 plan, issued on 14 January 2008, with any field changed."""
    fields: dict[str, Any] = {
        "partnership_name": PARTNERSHIP,
        "plan_year": "2008/09",
        "previous_year": "2007/08",
        "indicative_years": ("2009/10", "2010/11"),
        "document_date": DOCUMENT_DATE,
        "inflation_uplift_pct": Decimal("2.5"),
    }
    return DocumentContext(**(fields | changes))


def _plan() -> dict[PartName, Any]:
    return filled_plan("2008/09", ["5PG", "5MX", "5M1"])


def demo_summary() -> StrategicSummary:
    return cast(StrategicSummary, _plan()[PartName.STRATEGIC_SUMMARY])


def demo_targets() -> Targets:
    return cast(Targets, _plan()[PartName.TARGETS])


def demo_grids() -> PlanningGrids:
    return cast(PlanningGrids, _plan()[PartName.PLANNING_GRIDS])


def demo_funding() -> Funding:
    return cast(Funding, _plan()[PartName.FUNDING])


def hostile_funding() -> Funding:
    """The demo Part 4 with formula-like text in every 1.12 description and in the first categories."""
    document = demo_funding().model_dump(mode="json")
    for index, column in enumerate(document["table_1"]):
        column["other_description"] = FORMULA_INJECTIONS[index % len(FORMULA_INJECTIONS)]
    for row, text in zip(document["table_2"], FORMULA_INJECTIONS, strict=False):
        row["category"] = text
    return Funding.model_validate(document)


def edited_workbook(data: bytes, edit: Callable[[Workbook], None]) -> bytes:
    """A workbook of ours as someone might change it in a spreadsheet: opened, edited, saved."""
    workbook = load_workbook(io.BytesIO(data))
    edit(workbook)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def rezipped(data: bytes, replace: dict[str, bytes] | None = None, add: dict[str, bytes] | None = None) -> bytes:
    """The same zip with some entries' contents replaced and others added: crafted files."""
    replace, add = replace or {}, add or {}
    output = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as target:
        for entry in source.infolist():
            target.writestr(entry.filename, replace.get(entry.filename, source.read(entry)))
        for name, content in add.items():
            target.writestr(name, content)
    return output.getvalue()


def zip_entry(data: bytes, name: str) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return archive.read(name)
