"""A plan's year of returns as a page: the four quarters side by side, from each quarter's latest submission."""

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from service.access.guards import Viewer
from service.access.identity import CurrentPrincipal
from service.monitoring import wording
from service.pages.rendering import render
from service.platform.deps import SessionDep
from service.returns import year_lines
from service.returns.quarters import ensure_reporting
from service.returns.year_picture import year_picture
from service.tables.columns import id_of

router = APIRouter(include_in_schema=False)

# The GOV.UK tag colour of an action's status: the words carry the meaning, the colour repeats it.
ACTION_TAGS = {
    "not-started": "govuk-tag--grey",
    "on-track": "govuk-tag--green",
    "at-risk": "govuk-tag--orange",
    "off-track": "govuk-tag--red",
    "complete": "govuk-tag--blue",
}


@router.get("/plans/{plan_id}/returns/year", response_class=HTMLResponse)
def year_page(request: Request, view: Viewer, caller: CurrentPrincipal, session: SessionDep) -> HTMLResponse:
    """Actions' status over the year, the metrics' RAG and spend against plan, quarter by quarter."""
    ensure_reporting(view.plan)
    context = {
        "caller": caller,
        "view": view,
        "plan_id": id_of(view.plan),
        "picture": year_picture(view, session=session),
        "status_text": year_lines.status_text,
        "action_tags": ACTION_TAGS,
        "rag_tag": wording.rag_tag_class,
    }
    return render(request, "returns/year.html", context)
