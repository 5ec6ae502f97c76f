"""A region's dashboard as a page: every partnership's plan, filtered by status and sorted by plain links."""

from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse

from service.access.guards import Overseer
from service.oversight import dashboards
from service.pages.rendering import render
from service.planning import reference, workflow
from service.planning.timetable import local_date
from service.platform.deps import SessionDep
from service.platform.ids import DbId
from service.tables.columns import utc_now

router = APIRouter(include_in_schema=False)

# The columns a reviewer can sort by, as dashboards.SORTS names them, and what each header says.
SORT_COLUMNS = {"partnership": "Partnership", "status": "Status", "days-late": "Days late", "errors": "Errors"}
NOT_STARTED = ("not-started", "Not started")
STATUS_CHOICES = [NOT_STARTED] + [
    (status.value, label.capitalize()) for status, label in workflow.STATUS_LABELS.items()
]


def dashboard_href(region_id: int, *, status: str, sort: str, cycle_id: int | None) -> str:
    """The dashboard's address with its filter and order (defaults left out, so links stay short)."""
    query = {"status": status, "sort": "" if sort == "partnership" else sort, "cycle_id": cycle_id or ""}
    shown = urlencode({name: value for name, value in query.items() if value})
    return f"/regions/{region_id}/dashboard" + (f"?{shown}" if shown else "")


@router.get("/regions/{region_id}/dashboard", response_class=HTMLResponse)
def region_dashboard_page(
    request: Request,
    region_id: DbId,
    caller: Overseer,
    session: SessionDep,
    cycle_id: Annotated[DbId | None, Query()] = None,
    status: Annotated[str, Query(max_length=40)] = "",
    sort: Annotated[str, Query(max_length=40)] = "partnership",
) -> HTMLResponse:
    """Every partnership of the region: status, latest submission and lateness, error and warning counts."""
    region = reference.get_region(region_id, session=session)
    cycle = dashboards.cycle_or_latest(cycle_id, session=session)
    # An order or a status this page does not offer (an edited address) shows everything by name.
    sort = sort if sort in SORT_COLUMNS else "partnership"
    status = status if status in dict(STATUS_CHOICES) else ""
    rows = dashboards.region_dashboard(region_id, cycle, session=session, today=local_date(utc_now()))
    chosen = dashboards.sorted_rows([row for row in rows if not status or row.status == status], sort)
    headers = [
        (key, label, dashboard_href(region_id, status=status, sort=key, cycle_id=cycle_id))
        for key, label in SORT_COLUMNS.items()
    ]
    context = {
        "caller": caller,
        "region": region,
        "cycle": cycle,
        "cycle_id": cycle_id,
        "rows": chosen,
        "total": len(rows),
        "status": status,
        "sort": sort,
        "status_choices": STATUS_CHOICES,
        "sort_headers": headers,
        "sort_choices": list(SORT_COLUMNS.items()),
    }
    return render(request, "region_dashboard.html", context)
