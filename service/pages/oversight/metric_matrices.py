"""A region's metrics as a page (its partnerships by metric) and the national view (regions by metric)."""

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse

from service.access.capabilities import sees_national_view
from service.access.guards import Admin, Overseer
from service.monitoring.periods import ACCEPTED_FORMS
from service.monitoring.region_matrix import Matrix, national_matrix, region_matrix
from service.pages.rendering import render
from service.planning import reference
from service.platform.deps import SessionDep
from service.platform.ids import DbId

router = APIRouter(include_in_schema=False)
PeriodQuery = Annotated[str | None, Query(max_length=20, description=ACCEPTED_FORMS)]


def _context(caller: Any, matrix: Matrix, **more: Any) -> dict[str, Any]:
    return {"caller": caller, "matrix": matrix, "sees_national_view": sees_national_view(caller), **more}


@router.get("/regions/{region_id}/metrics", response_class=HTMLResponse)
def region_metrics_page(
    request: Request, region_id: DbId, caller: Overseer, session: SessionDep, period: PeriodQuery = None
) -> HTMLResponse:
    """Each partnership's latest figure for each metric, with its interval, England's, and reporting completeness."""
    region = reference.get_region(region_id, session=session)
    matrix = region_matrix(region_id, period, session=session)
    context = _context(
        caller,
        matrix,
        heading=region.name,
        caption="Partnerships by metric",
        row_label="Partnership",
        action=f"/regions/{region_id}/metrics",
        downloads=f"/api/v1/regions/{region_id}/metrics",
        back=(f"/regions/{region_id}/dashboard", "Region dashboard"),
    )
    return render(request, "monitoring/matrix.html", context)


@router.get("/metrics/england", response_class=HTMLResponse)
def england_metrics_page(
    request: Request, caller: Admin, session: SessionDep, period: PeriodQuery = None
) -> HTMLResponse:
    """Each region's figure for each metric, compared with England's own."""
    matrix = national_matrix(period, session=session)
    context = _context(
        caller,
        matrix,
        heading="England",
        caption="Regions by metric",
        row_label="Region",
        action="/metrics/england",
        downloads="/api/v1/metrics/england",
        back=("/", "Start page"),
    )
    return render(request, "monitoring/matrix.html", context)
