"""The whole plan on one page, all four parts, to read on screen or print: as it stands, or as submitted.

A reviewer would otherwise open four downloads; the print style sheet (static/service.css) starts each
part on a new sheet and prints Part 4's wide tables on landscape ones.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from pydantic import BaseModel, ValidationError

from plan_schema.parts import parse_part
from plan_schema.plan_year import year_before
from plan_schema.vocabulary import (
    EXPENDITURE_SOURCES,
    FUNDING_ROWS,
    INDICATOR_TITLES,
    PART_TITLES,
    STRATEGIC_SUMMARY_ELEMENTS,
    THEME_TITLES,
    PartName,
)
from service.access.guards import Viewer
from service.access.identity import CurrentPrincipal
from service.journey import submissions
from service.pages.rendering import render
from service.planning import parts, plans
from service.platform.deps import SessionDep
from service.platform.ids import DbId
from service.tables.columns import id_of
from service.tables.journey import Submission

router = APIRouter(include_in_schema=False)


@dataclass(frozen=True)
class PlanYears:
    """The years a plan's parts are about, as templates/_plan_parts.html reads them."""

    plan_id: int
    plan_year: str
    previous_year: str
    indicative_years: tuple[str, ...]

    @property
    def baseline_year(self) -> str:
        """The year whose actual figures are Part 2's baselines: the year before the previous year."""
        return year_before(self.previous_year)


def readable_parts(documents: Mapping[str, Any], shown: Sequence[PartName]) -> dict[str, BaseModel | None]:
    """Each shown part read from its stored document (None when the template no longer reads it)."""
    read: dict[str, BaseModel | None] = {}
    for part in shown:
        document = documents.get(part.value)
        try:
            read[part.value] = parse_part(part, document) if document is not None else None
        except ValidationError:
            read[part.value] = None
    return read


def plan_parts_context(
    documents: Mapping[str, Any], shown: Sequence[PartName], *, part_api: str | None = None
) -> dict[str, Any]:
    """What templates/_plan_parts.html needs besides the plan: the parts read, and the words to show them."""
    return {
        "parts": readable_parts(documents, shown),
        "shown_parts": [part.value for part in shown],
        "part_titles": {part.value: PART_TITLES[part] for part in shown},
        "part_api": part_api,
        "elements": STRATEGIC_SUMMARY_ELEMENTS,
        "indicator_titles": {indicator.value: title for indicator, title in INDICATOR_TITLES.items()},
        "theme_titles": THEME_TITLES,
        "table_1_rows": FUNDING_ROWS,
        "sources": EXPENDITURE_SOURCES,
    }


def _whole_plan(
    request: Request,
    view: plans.PlanView,
    caller: CurrentPrincipal,
    documents: Mapping[str, Any],
    *,
    submitted: Submission | None,
) -> HTMLResponse:
    cycle = view.cycle
    years = PlanYears(id_of(view.plan), cycle.plan_year, cycle.previous_year, tuple(cycle.indicative_years))
    context = {
        "caller": caller,
        "view": view,
        "plan": years,
        "submitted": submitted,
    } | plan_parts_context(documents, [part for part in PartName if part.value in documents])
    return render(request, "whole_plan.html", context)


@router.get("/plans/{plan_id}/whole", response_class=HTMLResponse)
def whole_plan(request: Request, view: Viewer, caller: CurrentPrincipal, session: SessionDep) -> HTMLResponse:
    """The four parts as they stand now: the draft anyone who may see the plan can read and print."""
    stored = parts.read_parts(id_of(view.plan), session=session)
    documents = {part.value: found.row.document for part, found in stored.items()}
    return _whole_plan(request, view, caller, documents, submitted=None)


@router.get("/plans/{plan_id}/submissions/{submission_id}/whole", response_class=HTMLResponse)
def whole_submission(
    submission_id: DbId, request: Request, view: Viewer, caller: CurrentPrincipal, session: SessionDep
) -> HTMLResponse:
    """The parts one submission carried (the initial submission carries fewer), exactly as submitted."""
    submission = submissions.get(id_of(view.plan), submission_id, session=session)
    return _whole_plan(request, view, caller, submission.parts, submitted=submission)
