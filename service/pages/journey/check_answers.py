"""The answers a submission carries, part by part, as check-your-answers summary lists.

Each row names a field as its part page does and links back to it (the page's field id as the
anchor): field_choices already knows both the labels and where each location is shown. Figures
that are worked out (1.3, 1.14, N15) come from plan_schema.funding_totals. Pure functions, no HTTP.
"""

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from pydantic import BaseModel

from plan_schema.funding import Funding
from plan_schema.funding_totals import adult_smptb, grand_total, table_1_total, year_column
from plan_schema.planning_grids import PlanningGrids
from plan_schema.strategic_summary import StrategicSummary
from plan_schema.targets import Targets
from plan_schema.vocabulary import FUNDING_ROWS, STRATEGIC_SUMMARY_ELEMENTS, PartName
from plan_schema.wording import long_date, objective_label, plural, pounds
from service.pages.journey import field_choices

NOT_ENTERED = "Not entered"
EXCERPT_WORDS = 40  # enough of a long answer to recognise it; the part page shows all of it


@dataclass(frozen=True)
class AnswerRow:
    """One answer: what the part page calls the field, what is entered, and where to change it."""

    key: str
    lines: tuple[str, ...]
    href: str | None  # None for a figure worked out from others (1.3, 1.14, N15): nothing to change there


class _Fields:
    """A stored part's labels and field ids, as its page shows them."""

    def __init__(self, part: PartName, model: BaseModel, href: str) -> None:
        page = field_choices.PAGES[part]
        values = page.form_values(model)
        self.labels = page.labels(model, values)
        self.shown = field_choices.ANCHORS[part](model, values)
        self.href = href
        self.part = part

    def row(self, location: str, lines: tuple[str, ...], key: str | None = None) -> AnswerRow:
        field_id = self.shown.get(location, "")
        label = key or self.labels.get(field_id, location)
        return AnswerRow(label, lines, field_choices.field_href(self.href, self.part, field_id))


def excerpt(text: str) -> str:
    """The first words of a long answer."""
    words = text.split()
    return " ".join(words[:EXCERPT_WORDS]) + (" …" if len(words) > EXCERPT_WORDS else "")


def _strategic_summary(summary: StrategicSummary, fields: _Fields, plan_year: str) -> list[AnswerRow]:
    rows = []
    for name, _ in STRATEGIC_SUMMARY_ELEMENTS:
        text: str = getattr(summary, name)
        lines = (plural(len(text.split()), "word"), excerpt(text)) if text.strip() else (NOT_ENTERED,)
        rows.append(fields.row(name, lines))
    for index, priority in enumerate(summary.key_priorities):
        key = f"Key priority {priority.number}"
        rows.append(fields.row(f"key_priorities/{index}/title", (priority.title or NOT_ENTERED,), key))
    if not summary.key_priorities:
        rows.append(fields.row("key_priorities", ("None entered",), "Key priorities"))
    return rows


def _figure(location: str, value: Any) -> str:
    if value is None or value == "":
        return NOT_ENTERED
    return f"{value}%" if "planned_change_pct" in location else str(value)


def _value_at(document: Any, location: str) -> Any:
    for segment in location.split("/"):
        if isinstance(document, list):
            document = document[int(segment)] if segment.isdigit() and int(segment) < len(document) else None
        elif isinstance(document, dict):
            document = document.get(segment)
        else:
            return None
    return document


def _targets(targets: Targets, fields: _Fields, plan_year: str) -> list[AnswerRow]:
    document = targets.model_dump(mode="json")
    rows = []
    for location in field_choices.in_plan_order(fields.shown):
        value = _value_at(document, location)
        if not isinstance(value, dict | list):  # a figure, not a section or a PCT's row
            rows.append(fields.row(location, (_figure(location, value),)))
    if not targets.primary_care:
        rows.append(fields.row("primary_care", ("No PCTs entered",)))
    return rows


def _planning_grids(grids: PlanningGrids, fields: _Fields, plan_year: str) -> list[AnswerRow]:
    rows = []
    for g, grid in enumerate(grids.grids):
        for o, objective in enumerate(grid.objectives):
            lines = [excerpt(objective.text) if objective.text.strip() else NOT_ENTERED]
            for number, action in enumerate(objective.actions, start=1):
                due = f", by {long_date(action.due)}" if action.due else ""
                who = f" ({action.postholder})" if action.postholder else ""
                lines.append(f"Action {number}: {excerpt(action.text) or NOT_ENTERED}{who}{due}")
            rows.append(fields.row(f"grids/{g}/objectives/{o}/text", tuple(lines), objective_label(grid.number, o)))
        if not grid.objectives:
            title = fields.labels.get(fields.shown.get(f"grids/{g}", ""), f"Grid {grid.number}")
            rows.append(fields.row(f"grids/{g}/objectives", ("No objectives entered",), title))
    return rows


def _funding(funding: Funding, fields: _Fields, plan_year: str) -> list[AnswerRow]:
    column = year_column(funding, plan_year)
    rows = []
    if column is not None:
        index = funding.table_1.index(column)
        for funding_row in FUNDING_ROWS:
            if funding_row.field == "smptb_adult":
                amount = adult_smptb(column)
            elif funding_row.field == "total":
                amount = table_1_total(column)
            else:
                amount = getattr(column, funding_row.field)
            lines: tuple[str, ...] = (pounds(amount),)
            if funding_row.field == "other" and column.other_description:
                lines += (column.other_description,)
            row = fields.row(f"table_1/{index}/{funding_row.field}", lines)
            rows.append(replace(row, href=None) if funding_row.computed else row)
    n15 = (pounds(grand_total(funding.table_2)),)
    rows.append(replace(fields.row("table_2_totals/total", n15, "N15 Total expenditure (Table 2)"), href=None))
    return rows


_BUILDERS: dict[PartName, Callable[[Any, _Fields, str], list[AnswerRow]]] = {
    PartName.STRATEGIC_SUMMARY: _strategic_summary,
    PartName.TARGETS: _targets,
    PartName.PLANNING_GRIDS: _planning_grids,
    PartName.FUNDING: _funding,
}


def part_answers(part: PartName, model: BaseModel | None, *, href: str, plan_year: str) -> list[AnswerRow]:
    """A part's answers in plan order; none when the stored part no longer reads as the part."""
    if not isinstance(model, field_choices.PAGES[part].model):
        return []
    return _BUILDERS[part](model, _Fields(part, model, href), plan_year)
