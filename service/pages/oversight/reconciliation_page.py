"""A plan's Part 4 reconciliation: its row of the region's reconciliation workbook, with 1.14 for every year."""

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from plan_schema.vocabulary import PART_TITLES, PartName
from service.access.capabilities import Capability, capabilities
from service.access.guards import Viewer
from service.access.identity import CurrentPrincipal
from service.oversight import region_exports
from service.pages.planning.plan_pages import plan_heading
from service.pages.rendering import render
from service.platform.deps import SessionDep

router = APIRouter(include_in_schema=False)


@router.get("/plans/{plan_id}/reconciliation", response_class=HTMLResponse)
def reconciliation_page(
    request: Request,
    view: Viewer,
    caller: CurrentPrincipal,
    session: SessionDep,
) -> HTMLResponse:
    """1.14 beside N15 and their difference, the rules' findings and the latest submission's lateness."""
    row, funding = region_exports.plan_reconciliation(view, session=session)
    # As GET /api/v1/regions/{id}/reconciliation.xlsx allows.
    region_workbook = Capability.DOWNLOAD_REGION_WORKBOOK in capabilities(caller, view)
    context = plan_heading(view, session=session) | {
        "caller": caller,
        "title": "Part 4 reconciliation",
        "row": row,
        "funding": funding,
        "funding_title": PART_TITLES[PartName.FUNDING],
        "workbook_url": (
            f"/api/v1/regions/{view.partnership.region_id}/reconciliation.xlsx?cycle_id={view.cycle.id}"
            if region_workbook
            else None
        ),
    }
    return render(request, "reconciliation.html", context)
