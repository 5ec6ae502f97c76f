"""The region's view of quarterly returns as a page: each reporting partnership's quarters, and completeness.

What a status is, what counts as expected and what a return reports are service/returns/region_view's;
the page only shows them (the API and the downloads show the same view).
"""

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse

from service.access.guards import Overseer
from service.oversight import dashboards
from service.pages.rendering import render
from service.planning import reference
from service.planning.timetable import local_date
from service.platform.deps import SessionDep
from service.platform.ids import DbId
from service.returns import region_view
from service.tables.columns import utc_now

router = APIRouter(include_in_schema=False)

# The GOV.UK tag colour of each status: overdue red, late orange, on time green.
STATUS_TAGS = {
    region_view.ReturnStatus.NOT_YET_DUE: "govuk-tag--grey",
    region_view.ReturnStatus.DUE: "govuk-tag--blue",
    region_view.ReturnStatus.OVERDUE: "govuk-tag--red",
    region_view.ReturnStatus.ON_TIME: "govuk-tag--green",
    region_view.ReturnStatus.LATE: "govuk-tag--orange",
}


@router.get("/regions/{region_id}/returns", response_class=HTMLResponse)
def region_returns_page(
    request: Request,
    region_id: DbId,
    caller: Overseer,
    session: SessionDep,
    cycle_id: Annotated[DbId | None, Query()] = None,
) -> HTMLResponse:
    """Every reporting partnership's returns quarter by quarter, and how complete the region's returns are."""
    region = reference.get_region(region_id, session=session)
    cycle = dashboards.cycle_or_latest(cycle_id, session=session)
    view = region_view.region_returns(region_id, cycle, session=session, today=local_date(utc_now()))
    query = f"?cycle_id={cycle_id}" if cycle_id else ""
    context = {
        "caller": caller,
        "region": region,
        "view": view,
        "query": query,
        "figures": region_view.FIGURES,
        "expected_means": region_view.EXPECTED_MEANS,
        "status_tags": STATUS_TAGS,
    }
    return render(request, "returns/region.html", context)
