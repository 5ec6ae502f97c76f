"""Published plans for everyone, no sign-in: Parts 1, 2 and 4 as signed off, never Part 3 or a draft."""

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from plan_schema.vocabulary import PUBLIC_PARTS
from service.access.guards import Anyone
from service.journey import reviews
from service.monitoring import scorecards
from service.oversight import public_plans
from service.pages.monitoring.scorecard_page import scorecard_context
from service.pages.planning.whole_plan_page import plan_parts_context
from service.pages.rendering import render
from service.platform.deps import SessionDep
from service.platform.ids import DbId

router = APIRouter(include_in_schema=False)


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
    } | plan_parts_context(plan.submission.parts, PUBLIC_PARTS, part_api=f"/api/v1/public/plans/{plan_id}/parts/")
    return render(request, "published_plan.html", context)


@router.get("/published/{plan_id}/scorecard", response_class=HTMLResponse)
def published_scorecard(plan_id: DbId, request: Request, caller: Anyone, session: SessionDep) -> HTMLResponse:
    """A published plan's partnership's scorecard for the plan's year, with small numbers hidden."""
    plan = public_plans.published(plan_id, session=session)
    card = scorecards.partnership_scorecard(plan.partnership_id, plan.plan_year, session=session, public=True)
    context = scorecard_context(card, public=True) | {"caller": caller, "back_href": f"/published/{plan_id}"}
    return render(request, "monitoring/scorecard.html", context)
