"""The plan's quarterly returns page: each quarter's due date, how far its return has gone, and how late.

What a return is, when it is due and whether the plan reports at all are the domain's (service/returns,
the workflow's REPORTING); the page only shows them.
"""

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from service.access.capabilities import Capability, capabilities
from service.access.guards import Viewer
from service.access.identity import CurrentPrincipal
from service.pages.rendering import render
from service.pages.returns.submission_page import REVIEW_TAGS
from service.planning.timetable import local_date
from service.platform.deps import SessionDep
from service.returns import overview
from service.returns.quarters import ensure_reporting
from service.tables.columns import id_of, utc_now

router = APIRouter(include_in_schema=False)

# The GOV.UK tag colour of each state; overdue is red whatever else.
STATE_TAGS = {
    overview.ReturnState.NOT_STARTED: "govuk-tag--grey",
    overview.ReturnState.IN_PROGRESS: "govuk-tag--light-blue",
    overview.ReturnState.SUBMITTED: "govuk-tag--green",
}


def state_tag(standing: overview.QuarterStanding) -> str:
    """The tag colour of a quarter's state: its review's once submitted, red when overdue."""
    if standing.review is not None:
        return REVIEW_TAGS[standing.review.state]
    return "govuk-tag--red" if standing.overdue else STATE_TAGS[standing.state]


@router.get("/plans/{plan_id}/returns", response_class=HTMLResponse)
def returns_page(request: Request, view: Viewer, caller: CurrentPrincipal, session: SessionDep) -> HTMLResponse:
    """The plan year's four quarters: due date, state and lateness of each quarter's return."""
    ensure_reporting(view.plan)
    today = local_date(utc_now())
    standings = overview.standings(id_of(view.plan), view.cycle, today=today, session=session)
    context = {
        "caller": caller,
        "view": view,
        "plan_id": id_of(view.plan),
        "standings": standings,
        "state_tag": state_tag,
        "makes_returns": Capability.MAKE_RETURNS in capabilities(caller, view),
    }
    return render(request, "returns/returns.html", context)
