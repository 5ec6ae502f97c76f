"""Published plans for everyone, no sign-in: Parts 1, 2 and 4 as signed off, never Part 3 or a draft."""

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from pydantic import BaseModel, ValidationError

from plan_schema.parts import parse_part
from plan_schema.vocabulary import (
    EXPENDITURE_SOURCES,
    FUNDING_ROWS,
    INDICATOR_TITLES,
    PART_TITLES,
    PUBLIC_PARTS,
    STRATEGIC_SUMMARY_ELEMENTS,
    IndicatorId,
)
from service.access.guards import Anyone
from service.journey import reviews
from service.oversight import public_plans
from service.pages.rendering import render
from service.platform.deps import SessionDep
from service.platform.ids import DbId

router = APIRouter(include_in_schema=False)


def published_parts(plan: public_plans.PublishedPlan) -> dict[str, BaseModel | None]:
    """Each public part read from the published submission (None when its template no longer reads it)."""
    shown: dict[str, BaseModel | None] = {}
    for part in PUBLIC_PARTS:
        document: Any = plan.submission.parts.get(part.value)
        try:
            shown[part.value] = parse_part(part, document) if document is not None else None
        except ValidationError:
            shown[part.value] = None
    return shown


@router.get("/published", response_class=HTMLResponse)
def published_list(request: Request, caller: Anyone, session: SessionDep) -> HTMLResponse:
    """Every published plan, newest year first."""
    context = {"caller": caller, "plans": public_plans.list_published(session=session)}
    return render(request, "published_list.html", context)


@router.get("/published/{plan_id}", response_class=HTMLResponse)
def published_plan(plan_id: DbId, request: Request, caller: Anyone, session: SessionDep) -> HTMLResponse:
    """A published plan's Parts 1, 2 and 4; any plan not published is not found."""
    plan = public_plans.published(plan_id, session=session)
    context = {
        "caller": caller,
        "plan": plan,
        # The decision only: the panel's comments are between the panel and the partnership.
        "assessment": reviews.latest_assessment(plan_id, session=session),
        "parts": published_parts(plan),
        "part_titles": {part.value: PART_TITLES[part] for part in PUBLIC_PARTS},
        "elements": STRATEGIC_SUMMARY_ELEMENTS,
        "indicator_titles": {indicator.value: title for indicator, title in INDICATOR_TITLES.items()},
        "indicators": IndicatorId,
        "table_1_rows": FUNDING_ROWS,
        "sources": EXPENDITURE_SOURCES,
    }
    return render(request, "published_plan.html", context)
