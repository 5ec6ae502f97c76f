"""Part 4 (funding) as a page: Table 1 and Table 2 as one form, saved with the version it was opened at."""

from collections.abc import Mapping
from typing import Any

from fastapi import APIRouter

from plan_schema.funding import Funding
from plan_schema.vocabulary import EXPENDITURE_SOURCES, FUNDING_ROWS, PartName
from service.pages.planning import funding_form as form
from service.pages.planning import part_editing
from service.pages.planning.part_editing import PartPage

router = APIRouter(include_in_schema=False)
PART = PartName.FUNDING


def field_labels(funding: Funding) -> dict[str, str]:
    """What each figure is called in error messages and comments: "1.6 Police, 2008/09"."""
    labels: dict[str, str] = {}
    for column in funding.table_1:
        for row in FUNDING_ROWS:
            labels[form.table_1_name(column.year, row.field)] = f"{row.code} {row.label}, {column.year}"
        labels[form.table_1_name(column.year, form.DESCRIPTION)] = f"1.12 description of other funding, {column.year}"
    for index, expenditure in enumerate(funding.table_2):
        for source in EXPENDITURE_SOURCES:
            name = form.table_2_name(index, source.field)
            labels[name] = f"{expenditure.category}: {source.code} {source.label}"
        labels[form.table_2_name(index, "total")] = f"{expenditure.category}: total (column N)"
    for source in EXPENDITURE_SOURCES:
        labels[f"table_2-total-{source.field}"] = f"Table 2 total of {source.code} {source.label}"
    labels["table_2-total-total"] = "Table 2 grand total (N15)"
    return labels | {"table-1": "Table 1", "table-2": "Table 2"}


def _funding_context(funding: Funding, values: Mapping[str, str], *_: Any) -> dict[str, Any]:
    return {"funding": funding, "table_1_rows": FUNDING_ROWS, "sources": EXPENDITURE_SOURCES, "names": form}


PAGE = PartPage(
    part=PART,
    template="funding.html",
    model=Funding,
    form_values=form.form_values,
    read_posted=form.read_posted,
    place_findings=form.place_findings,
    labels=lambda funding, values: field_labels(funding),
    saved_message="Part 4 is saved and its totals are worked out again.",
    unreadable_template="funding_unreadable.html",
    context=_funding_context,
    noun=("figure", "figures"),
)


part_editing.add_routes(
    router,
    PAGE,
    show_name="funding_page",
    show_doc="Part 4 as stored, with its findings beside the figures they are about.",
    save_name="save_funding",
    save_doc="Save Part 4 if nobody else has since the form was opened; otherwise show the form again, input kept.",
)
