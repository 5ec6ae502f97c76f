"""Routes for oversight: region and national dashboards, and the audit trail (JSON or CSV)."""

import datetime
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Request, Response
from fastapi.responses import StreamingResponse
from pydantic import BaseModel, Field

from service.access import audit_trail
from service.access.guards import Admin, Overseer, Viewer
from service.api import openapi
from service.api.journey.submissions import SubmissionSummary, summary_out
from service.documents.filenames import file_disposition, year_slug
from service.documents.reconciliation_workbook import render_reconciliation_xlsx
from service.oversight import dashboards, region_exports
from service.oversight.region_pack import stream_zip_of
from service.planning import reference
from service.planning.exports import XLSX
from service.planning.timetable import local_date
from service.planning.workflow import PlanStatus
from service.platform.deps import PageDep, SessionDep
from service.platform.ids import DbId
from service.platform.pagination import Page, PageRequest
from service.tables.columns import id_of, utc_now

router = APIRouter(tags=["oversight"])
Format = Annotated[Literal["json", "csv"], Query(description="csv downloads the events as a spreadsheet file.")]


class StandingOut(BaseModel):
    """A partnership's plan on the region's dashboard."""

    partnership_id: int
    partnership: str
    plan_id: int | None
    status: str
    status_label: str
    latest_submission: SubmissionSummary | None
    errors: int
    warnings: int
    next_deadline: str | None
    days_left: int | None
    panel_assessment: str | None = Field(description="The panel's latest decision in words, if any.")


class RegionDashboard(BaseModel):
    """Every partnership of a region for one cycle."""

    region_id: int
    plan_year: str
    partnerships: list[StandingOut]


class RegionStandingOut(BaseModel):
    """A region rolled up."""

    region_id: int
    region: str
    partnerships: int
    plans: int
    by_status: dict[str, int]
    late_submissions: int
    plans_with_errors: int


class NationalDashboard(BaseModel):
    """The regions for one cycle."""

    plan_year: str
    regions: list[RegionStandingOut]


class AuditEventOut(BaseModel):
    """An audit event."""

    id: int
    at: datetime.datetime
    action: str
    user_id: int | None
    email: str | None
    address: str | None
    object_type: str | None
    object_id: str | None
    detail: dict[str, Any]


def _standing_out(row: dashboards.PartnershipStanding) -> StandingOut:
    latest = summary_out(row.latest_submission) if row.latest_submission else None
    shown = {name: value for name, value in vars(row).items() if name in StandingOut.model_fields}
    return StandingOut(**{**shown, "latest_submission": latest})


@router.get("/regions/{region_id}/dashboard", summary="A region's dashboard")
def region_dashboard(
    region_id: DbId,
    _overseer: Overseer,
    session: SessionDep,
    cycle_id: Annotated[DbId | None, Query()] = None,
    # An unknown status is refused (422, naming the statuses), not answered with an empty list.
    status: Annotated[PlanStatus | None, Query(description="Only plans with this status.")] = None,
    sort: Annotated[Literal["partnership", "status", "days-late", "errors", "deadline"], Query()] = "partnership",
) -> RegionDashboard:
    """Every partnership of the region: status, latest submission and lateness, error and warning counts."""
    cycle = dashboards.cycle_or_latest(cycle_id, session=session)
    rows = dashboards.region_dashboard(region_id, cycle, session=session, today=local_date(utc_now()))
    chosen = [row for row in rows if status is None or row.status == status]
    ordered = dashboards.sorted_rows(chosen, sort)
    return RegionDashboard(
        region_id=region_id, plan_year=cycle.plan_year, partnerships=[_standing_out(r) for r in ordered]
    )


@router.get("/dashboard", summary="The national dashboard")
def national_dashboard(
    _admin: Admin,
    session: SessionDep,
    cycle_id: Annotated[DbId | None, Query()] = None,
) -> NationalDashboard:
    """Each region's plans counted by status, lateness and errors."""
    cycle = dashboards.cycle_or_latest(cycle_id, session=session)
    regions = dashboards.national_dashboard(cycle, session=session, today=local_date(utc_now()))
    return NationalDashboard(plan_year=cycle.plan_year, regions=[RegionStandingOut(**vars(r)) for r in regions])


def _events_response(rows: Any, total: int, page: Any, format_: str, filename: str) -> Any:
    if format_ == "csv":
        disposition = file_disposition(filename)
        return Response(
            audit_trail.as_csv(rows), media_type="text/csv; charset=utf-8", headers={"Content-Disposition": disposition}
        )
    items = [AuditEventOut.model_validate(row, from_attributes=True) for row in rows]
    return Page(items=items, page=page.page, page_size=page.page_size, total=total)


AUDIT_CSV: dict[int | str, dict[str, Any]] = {
    200: {"content": {"text/csv": {"schema": {"type": "string"}}}, "description": "JSON, or CSV with format=csv."}
}


@router.get(
    "/plans/{plan_id}/audit", summary="A plan's audit trail", response_model=Page[AuditEventOut], responses=AUDIT_CSV
)
def plan_audit(
    view: Viewer,
    session: SessionDep,
    page: PageDep,
    format: Format = "json",
) -> Any:
    """Who did what to the plan and when, with before/after hashes of every part write; newest first."""
    rows, total = audit_trail.events(session=session, page=page, plan_id=id_of(view.plan))
    return _events_response(rows, total, page, format, f"plan-{id_of(view.plan)}-audit.csv")


@router.get("/audit", summary="The whole audit log", response_model=Page[AuditEventOut], responses=AUDIT_CSV)
def audit_log(
    _admin: Admin,
    session: SessionDep,
    page: PageDep,
    format: Format = "json",
) -> Any:
    """Every event, newest first: sign-ins, refusals, changes."""
    rows, total = audit_trail.events(session=session, page=page)
    return _events_response(rows, total, page, format, "audit.csv")


RECONCILIATION = openapi.files(XLSX, description="The reconciliation workbook.")


def _workbook(content: bytes, filename: str) -> Response:
    return Response(content, media_type=XLSX, headers={"Content-Disposition": file_disposition(filename)})


@router.get(
    "/regions/{region_id}/pack.zip",
    summary="A region's submissions as one zip",
    response_class=StreamingResponse,
    responses=openapi.files("application/zip", description="The documents and a manifest."),
)
def region_pack(
    region_id: DbId,
    request: Request,
    _overseer: Overseer,
    session: SessionDep,
    cycle_id: Annotated[DbId | None, Query()] = None,
) -> StreamingResponse:
    """Every partnership's latest submission documents, streamed (never built in memory), with a manifest."""
    cycle = dashboards.cycle_or_latest(cycle_id, session=session)
    region = reference.get_region(region_id, session=session)
    entries = region_exports.pack_entries(
        region_id, cycle, session=session, open_session=request.app.state.open_session
    )
    name = f"{region.code}-{year_slug(cycle.plan_year)}-submissions.zip"
    return StreamingResponse(
        stream_zip_of(entries),
        media_type="application/zip",
        headers={"Content-Disposition": file_disposition(name)},
    )


@router.get(
    "/regions/{region_id}/reconciliation.xlsx",
    summary="A region's finance reconciliation",
    response_class=Response,
    responses=RECONCILIATION,
)
def region_reconciliation(
    region_id: DbId,
    _overseer: Overseer,
    session: SessionDep,
    cycle_id: Annotated[DbId | None, Query()] = None,
) -> Response:
    """One row per partnership: 1.14, N15, their difference (a live formula), rule status and lateness."""
    cycle = dashboards.cycle_or_latest(cycle_id, session=session)
    region = reference.get_region(region_id, session=session)
    rows = region_exports.reconciliation_rows([region], cycle, session=session)
    title = f"{region.name}: Part 4 reconciliation {cycle.plan_year}"
    content = render_reconciliation_xlsx(rows, title=title, document_date=local_date(utc_now()))
    return _workbook(content, f"{region.code}-{year_slug(cycle.plan_year)}-reconciliation.xlsx")


@router.get(
    "/reconciliation.xlsx",
    summary="The national finance reconciliation",
    response_class=Response,
    responses=RECONCILIATION,
)
def national_reconciliation(
    _admin: Admin,
    session: SessionDep,
    cycle_id: Annotated[DbId | None, Query()] = None,
) -> Response:
    """Every partnership of every region, as in the regional workbook."""
    cycle = dashboards.cycle_or_latest(cycle_id, session=session)
    regions = reference.list_regions(session=session, page=PageRequest(1, 100))[0]
    rows = region_exports.reconciliation_rows(regions, cycle, session=session)
    content = render_reconciliation_xlsx(
        rows, title=f"Part 4 reconciliation {cycle.plan_year}", document_date=local_date(utc_now())
    )
    return _workbook(content, f"england-{year_slug(cycle.plan_year)}-reconciliation.xlsx")
