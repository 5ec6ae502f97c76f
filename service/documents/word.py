"""Word documents of Parts 1, 2 and 3: what each part's template is filled with (see docx_template for the filling)."""

import datetime
import functools
from decimal import Decimal
from typing import Any

from plan_schema.plan_year import year_before
from plan_schema.planning_grids import Action, Objective, PlanningGrid, PlanningGrids
from plan_schema.strategic_summary import StrategicSummary
from plan_schema.targets import EffectiveTreatmentTarget, SystemTarget, Targets
from plan_schema.vocabulary import (
    INDICATOR_TITLES,
    PART_TITLES,
    STRATEGIC_SUMMARY_ELEMENTS,
    THEME_TITLES,
    IndicatorId,
    PartName,
)
from service.documents.context import DocumentContext, long_date, short_date
from service.documents.docx_template import Properties, prepared

NOT_GIVEN = "Not given"
DRAFT_STATUS = "Draft — not submitted"
BLANK_STATUS = "Blank template"
# Rows a blank template offers to write in: primary care PCTs; objectives per grid and actions per objective.
BLANK_PCT_ROWS = 3
BLANK_OBJECTIVES = 3
BLANK_ACTIONS = 3
# A blank template's rows are at least this tall (twentieths of a point: 9 mm), room to write by hand;
# a plan's rows are as tall as their text.
BLANK_ROW_HEIGHT = "510"


def document_status(context: DocumentContext) -> str:
    """What the document is, as its front page and every page's footer say it."""
    submitted = context.submitted
    if submitted is not None:
        return f"{submitted.label.capitalize()}, submitted {long_date(context.document_date)}"
    if context.blank:
        return BLANK_STATUS
    return f"{DRAFT_STATUS}, {long_date(context.document_date)}"


def _render(template_name: str, part: PartName, variables: dict[str, Any], context: DocumentContext) -> bytes:
    """Fill a template with the front page and footer variables and the part's own; reproducible bytes."""
    front_page = {
        "partnership_name": context.partnership_name,
        "plan_year": context.plan_year,
        "part_title": PART_TITLES[part],
        "document_date": long_date(context.document_date),
        "document_status": document_status(context),
        "snapshot_sha256": context.submitted.content_sha256 if context.submitted is not None else "",
        "row_height": BLANK_ROW_HEIGHT if context.blank else "0",
    }
    properties = Properties(
        title=f"{context.partnership_name} {context.plan_year} {PART_TITLES[part]}",
        subject=f"Adult drug treatment plan {context.plan_year} ({context.label})",
        author="" if context.blank else context.partnership_name,
        timestamp=context.timestamp,
    )
    return prepared(template_name).render(front_page | variables, properties, context.document_date)


def paragraphs(text: str) -> list[str]:
    """Paragraphs of a narrative: one per line, blank lines dropped."""
    return [paragraph for line in text.split("\n") if (paragraph := line.strip())]


def render_strategic_summary_docx(doc: StrategicSummary, context: DocumentContext) -> bytes:
    """Part 1: the five elements as Heading 1 sections, the last with the key priorities in number order."""
    priorities: list[dict[str, Any]] = [
        {"number": priority.number, "title": priority.title, "paragraphs": paragraphs(priority.description)}
        for priority in sorted(doc.key_priorities, key=lambda priority: priority.number)
    ]
    elements: list[dict[str, Any]] = [
        {"heading": heading, "paragraphs": paragraphs(getattr(doc, field)), "priorities": []}
        for field, heading in STRATEGIC_SUMMARY_ELEMENTS
    ]
    # The last element is the key priorities for the plan year: the numbered priorities follow its
    # narrative under one heading rather than under a second, near-identical one.
    elements[-1] |= {"heading": f"Key priorities for {context.plan_year}", "priorities": priorities}
    variables = {"elements": elements}
    return _render("part-1.docx", PartName.STRATEGIC_SUMMARY, variables, context)


def _people(count: int | None, missing: str) -> str:
    return missing if count is None else f"{count:,}"


def _rate(value: Decimal | None, missing: str) -> str:
    return missing if value is None else f"{value:.2f}%"


def _change(value: Decimal | None, missing: str) -> str:
    return missing if value is None else f"{value:+.2f}%"


def _missing(context: DocumentContext) -> str:
    """What a value not given shows: "Not given" in a plan's document, a space to write in on a blank template."""
    return "" if context.blank else NOT_GIVEN


def _effective_rows(
    indicator: IndicatorId, target: EffectiveTreatmentTarget, context: DocumentContext, base_year: str
) -> list[dict[str, str]]:
    """Baselines, planned change for the plan year and each indicative year, and the agreed number."""
    planned, missing = target.planned_change_pct, _missing(context)
    rows = [
        {"label": f"{base_year} actual (baseline), people", "value": _people(target.baseline_actual, missing)},
        {
            "label": f"{context.previous_year} predicted, people",
            "value": _people(target.baseline_predicted, missing),
        },
        {"label": f"Planned change {context.plan_year}", "value": _change(planned.plan_year, missing)},
    ]
    indicative = (planned.first_indicative_year, planned.second_indicative_year)
    for year, change in zip(context.indicative_years, indicative, strict=False):
        rows.append({"label": f"Planned change {year} (indicative)", "value": _change(change, missing)})
    agreed = (context.targets_as_numbers or {}).get(indicator.value)
    if agreed is not None:
        rows.append({"label": f"Target for {context.plan_year}, people (agreed)", "value": _people(agreed, missing)})
    return rows


def _system_row(indicator: IndicatorId, target: SystemTarget, missing: str) -> dict[str, str]:
    return {
        "title": f"{indicator.value}. {INDICATOR_TITLES[indicator]}",
        "baseline_actual": _rate(target.baseline_actual, missing),
        "baseline_predicted": _rate(target.baseline_predicted, missing),
        "planned": _change(target.planned_change_pct.plan_year, missing),
    }


def _practices(count: int | None, missing: str) -> str:
    return missing if count is None else str(count)


def _primary_care(doc: Targets, context: DocumentContext) -> list[dict[str, str]]:
    """Each PCT's practices; on a blank template, empty rows to write them in."""
    missing = _missing(context)
    rows = [
        {
            "code": entry.pct_code,
            "in_area": _practices(entry.practices_in_area, missing),
            "in_shared_care": _practices(entry.practices_in_shared_care, missing),
            "in_other_models": _practices(entry.practices_in_other_models, missing),
            "notes": entry.notes,
        }
        for entry in doc.primary_care
    ]
    if context.blank and not rows:
        empty = dict.fromkeys(("code", "in_area", "in_shared_care", "in_other_models", "notes"), "")
        rows = [empty] * BLANK_PCT_ROWS
    return rows


def render_targets_docx(doc: Targets, context: DocumentContext) -> bytes:
    """Part 2: indicators 1.1 and 1.2, 2 and 3, and primary care for each PCT."""
    base_year = year_before(context.previous_year)
    effective = (
        (IndicatorId.CRACK_OPIATE_EFFECTIVE_TREATMENT, doc.crack_opiate_users_in_effective_treatment),
        (IndicatorId.ALL_ADULTS_EFFECTIVE_TREATMENT, doc.all_adults_in_effective_treatment),
    )
    missing = _missing(context)
    variables = {
        "base_year": base_year,
        "previous_year": context.previous_year,
        "effective_indicators": [
            {
                "id": indicator.value,
                "title": INDICATOR_TITLES[indicator],
                "rows": _effective_rows(indicator, target, context, base_year),
            }
            for indicator, target in effective
        ],
        "system_rows": [
            _system_row(IndicatorId.RETENTION, doc.retention, missing),
            _system_row(IndicatorId.CARE_PLANNED_EXITS, doc.care_planned_exits, missing),
        ],
        "primary_care": _primary_care(doc, context),
    }
    return _render("part-2.docx", PartName.TARGETS, variables, context)


@functools.lru_cache(maxsize=1024)
def _date(date: datetime.date | None) -> str:
    # Cached: a plan's actions share a handful of dates.
    return "No date" if date is None else short_date(date)


@functools.lru_cache(maxsize=256)
def action_label(index: int) -> str:
    """(a), (b) … (z), (aa), (ab) …: an action's place under its objective."""
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(ord("a") + remainder) + letters
    return f"({letters})"


def _links(objective: Objective, priority_titles: dict[int, str] | None) -> str:
    """The key priority the objective delivers (with its Part 1 title) and its cross-cutting themes."""
    lines = []
    if objective.key_priority is not None:
        title = (priority_titles or {}).get(objective.key_priority)
        lines.append(f"Key priority {objective.key_priority}" + (f": {title}" if title else ""))
    if objective.themes:
        lines.append("Themes: " + ", ".join(THEME_TITLES[theme] for theme in objective.themes))
    return "\n".join(lines)


def _cell_text(text: str) -> str:
    # A table cell holds one paragraph: each newline becomes a line break in it.
    return "\n".join(paragraphs(text)) if "\n" in text else text.strip()


# The guidance's headings over the grids: grid 1, then grids 2 to 4; any local grids come after.
GRID_GROUPS = ((1, "Drug system management"), (2, "Drug treatment delivery system – the treatment journey"))
LOCAL_GRIDS_HEADING = "Local planning grids"
FIRST_LOCAL_GRID = 5
# Roughly how many lines of 11 pt text a landscape page holds, and how many characters a line of each
# column: a row estimated taller than a page may split across pages, where it would otherwise be cut off.
_LINES_PER_PAGE = 28
_CHARACTERS_PER_LINE = (45, 20, 20, 18)


def _fits(text: str, width: int) -> bool:
    """Whether a cell's text, `width` characters a line, fits on a page."""
    # No line takes more than len(line) // width + 1 lines of the page, so most cells need no counting.
    if len(text) // width + text.count("\n") < _LINES_PER_PAGE:
        return True
    return sum(max(1, -(-len(line) // width)) for line in text.split("\n")) <= _LINES_PER_PAGE


def _whole(*texts: str) -> str:
    """ "1" when a row fits on a page, so it is never split; "0" when it may split across pages."""
    fits = all(_fits(text, width) for text, width in zip(texts, _CHARACTERS_PER_LINE, strict=False))
    return "1" if fits else "0"


def _objective(number: str, objective: Objective, priority_titles: dict[int, str] | None) -> dict[str, Any]:
    text, links = _cell_text(objective.text), _links(objective, priority_titles)
    return {
        "number": number,
        "text": text,
        "measure": objective.measure,
        "links": links,
        "target_date": _date(objective.target_date),
        "whole": _whole(text, objective.measure, links),
        "actions": [_action(index, action) for index, action in enumerate(objective.actions)],
    }


def _action(index: int, action: Action) -> dict[str, str]:
    text = _cell_text(action.text)
    return {
        "label": action_label(index),
        "text": text,
        "postholder": action.postholder,
        "due": _date(action.due),
        "whole": _whole(text, "", "", action.postholder),
    }


def _blank_objective(number: str) -> dict[str, Any]:
    """An objective's rows left empty to write in, its actions lettered."""
    empty = {"text": "", "postholder": "", "due": "", "whole": "1"}
    return {
        "number": number,
        "text": "",
        "measure": "",
        "links": "",
        "target_date": "",
        "whole": "1",
        "actions": [{"label": action_label(index)} | empty for index in range(BLANK_ACTIONS)],
    }


def _section_heading(number: int, previous: int | None) -> str:
    """The guidance's heading a grid starts, if it is the first of its group."""
    if number >= FIRST_LOCAL_GRID:
        return LOCAL_GRIDS_HEADING if previous is None or previous < FIRST_LOCAL_GRID else ""
    group = max(first for first, _ in GRID_GROUPS if first <= number)
    if previous is not None and previous >= group:
        return ""
    return dict(GRID_GROUPS)[group]


def _grid(
    grid: PlanningGrid, previous: int | None, priority_titles: dict[int, str] | None, *, blank: bool
) -> dict[str, Any]:
    section_heading = _section_heading(grid.number, previous)
    if blank and not grid.objectives:
        objectives = [_blank_objective(f"{grid.number}.{index}") for index in range(1, BLANK_OBJECTIVES + 1)]
    else:
        objectives = [
            _objective(f"{grid.number}.{index}", objective, priority_titles)
            for index, objective in enumerate(grid.objectives, start=1)
        ]
    key_priorities = paragraphs(grid.key_priorities)
    return {
        "number": grid.number,
        "title": grid.title,
        "section_heading": section_heading,
        "new_page": "0" if section_heading else "1",
        "key_priorities": key_priorities or ([""] if blank else []),
        "objectives": objectives,
    }


def _priority_titles(summary: StrategicSummary | None) -> dict[int, str] | None:
    return None if summary is None else {priority.number: priority.title for priority in summary.key_priorities}


def render_planning_grids_docx(
    doc: PlanningGrids, strategic_summary: StrategicSummary | None, context: DocumentContext
) -> bytes:
    """Part 3: the grids in landscape under the guidance's headings, objectives numbered per grid with their actions."""
    titles = _priority_titles(strategic_summary)
    numbers = [grid.number for grid in doc.grids]
    previous = [None, *numbers[:-1]]
    variables = {
        "grids": [
            _grid(grid, before, titles, blank=context.blank) for grid, before in zip(doc.grids, previous, strict=True)
        ]
    }
    return _render("part-3.docx", PartName.PLANNING_GRIDS, variables, context)
