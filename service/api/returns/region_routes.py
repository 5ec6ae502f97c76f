"""Routes for a region's view of the quarterly returns: JSON, or CSV and a workbook to download."""

import csv
import datetime
import io
from typing import Annotated, Literal

from fastapi import APIRouter, Query, Response
from pydantic import BaseModel, Field

from service.access.guards import Overseer
from service.api import openapi
from service.documents.filenames import file_disposition, year_slug
from service.documents.table_workbook import Table, render_tables_xlsx
from service.oversight import dashboards
from service.planning import reference
from service.planning.exports import XLSX
from service.planning.timetable import local_date
from service.platform.deps import SessionDep
from service.platform.ids import DbId
from service.platform.spreadsheet_text import safe_text
from service.returns import region_view, reviews
from service.returns.region_view import Completeness, RegionReturns
from service.tables.columns import utc_now

router = APIRouter(tags=["quarterly returns"])
CSV = "text/csv"
CycleQuery = Annotated[DbId | None, Query(description="The plan cycle; the newest when left out.")]


class QuarterReturnOut(BaseModel):
    """A partnership's return for one quarter, and what its latest submission reports."""

    quarter: int
    due: datetime.date
    status: region_view.ReturnStatus
    status_label: str
    expected: bool = Field(description="True once the due date has passed: the return counts in completeness.")
    days_late: int | None = Field(description="How late the first submission was; None before it.")
    submissions: int
    red_metrics: int | None = Field(description="Metrics the latest submission judged red; None before one.")
    overdue_actions: int | None = Field(description="Actions due by the quarter's end and not reported complete.")
    flagged_variances: int | None = Field(description="Table 2 cells whose spend to date strays past the threshold.")
    review_state: reviews.ReviewState | None = Field(description="The reviewer's review; None before a submission.")
    open_questions: int = Field(description="Questions the reviewer asked that are still open.")


class PartnershipReturnsOut(BaseModel):
    """A reporting partnership's four quarters."""

    partnership_id: int
    partnership: str
    plan_id: int
    quarters: list[QuarterReturnOut]


class NotReportingOut(BaseModel):
    """A partnership of the region whose plan does not make returns yet, or that has no plan."""

    partnership: str
    plan_id: int | None
    plan_status: str


class CompletenessOut(BaseModel):
    """Of the returns expected (due date passed), how many were submitted and how many on time."""

    expected: int
    submitted: int
    on_time: int
    submitted_pct: int | None = Field(description="Submitted ÷ expected, a whole percentage; None if none expected.")
    on_time_pct: int | None


class QuarterCompletenessOut(CompletenessOut):
    """One quarter's completeness across the region."""

    quarter: int
    due: datetime.date


class RegionReturnsOut(BaseModel):
    """The region's quarterly returns for a cycle."""

    region_id: int
    plan_year: str
    expected_means: str
    partnerships: list[PartnershipReturnsOut]
    not_reporting: list[NotReportingOut]
    by_quarter: list[QuarterCompletenessOut]
    year_so_far: CompletenessOut


def _completeness(done: Completeness) -> dict[str, int | None]:
    return {**vars(done), "submitted_pct": done.submitted_pct, "on_time_pct": done.on_time_pct}


def region_returns_out(region_id: int, view: RegionReturns) -> RegionReturnsOut:
    """API form of the region's view."""
    return RegionReturnsOut(
        region_id=region_id,
        plan_year=view.cycle.plan_year,
        expected_means=region_view.EXPECTED_MEANS,
        partnerships=[
            PartnershipReturnsOut(
                partnership_id=row.partnership_id,
                partnership=row.partnership,
                plan_id=row.plan_id,
                quarters=[
                    QuarterReturnOut(
                        **{name: value for name, value in vars(made).items() if name not in ("quarter", "review")},
                        quarter=made.quarter.quarter,
                        due=made.quarter.due,
                        status_label=made.status_label,
                        review_state=made.review.state if made.review else None,
                        open_questions=made.review.open_questions if made.review else 0,
                    )
                    for made in row.quarters
                ],
            )
            for row in view.rows
        ],
        not_reporting=[NotReportingOut(**vars(other)) for other in view.not_reporting],
        by_quarter=[
            QuarterCompletenessOut(quarter=quarter.quarter, due=quarter.due, **_completeness(done))
            for quarter, done in zip(view.quarters, view.by_quarter, strict=True)
        ],
        year_so_far=CompletenessOut(**_completeness(view.year_so_far)),
    )


def _view(region_id: int, cycle_id: int | None, session: SessionDep) -> RegionReturns:
    reference.get_region(region_id, session=session)  # a region that does not exist is 404, not an empty view
    cycle = dashboards.cycle_or_latest(cycle_id, session=session)
    return region_view.region_returns(region_id, cycle, session=session, today=local_date(utc_now()))


@router.get("/regions/{region_id}/returns", summary="A region's quarterly returns")
def region_returns(
    region_id: DbId, _overseer: Overseer, session: SessionDep, cycle_id: CycleQuery = None
) -> RegionReturnsOut:
    """Each reporting partnership's return status by quarter, its reds, overdue actions and flagged variances,
    and the region's completeness (submitted ÷ expected, on time ÷ expected)."""
    return region_returns_out(region_id, _view(region_id, cycle_id, session))


def as_csv(view: RegionReturns) -> str:
    """The lines as CSV, safe to open in a spreadsheet: text that looks like a formula is kept as text."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(region_view.COLUMNS)
    for line in region_view.lines(view):
        writer.writerow(["" if v is None else v if isinstance(v, int) else safe_text(v) for v in line])
    return buffer.getvalue()


def completeness_lines(view: RegionReturns) -> list[list[str | int | None]]:
    """Completeness by quarter, then for the year so far, for the workbook's second sheet."""
    found: list[list[str | int | None]] = []
    labelled = [(q.label, done) for q, done in zip(view.quarters, view.by_quarter, strict=True)]
    for label, done in [*labelled, ("Year so far", view.year_so_far)]:
        found.append([label, done.expected, done.submitted, done.submitted_pct, done.on_time, done.on_time_pct])
    return found


@router.get(
    "/regions/{region_id}/returns.{extension}",
    summary="A region's quarterly returns, to download",
    response_class=Response,
    responses=openapi.files(CSV, XLSX, description="One line per partnership and quarter."),
)
def region_returns_file(
    region_id: DbId,
    extension: Literal["csv", "xlsx"],
    _overseer: Overseer,
    session: SessionDep,
    cycle_id: CycleQuery = None,
) -> Response:
    """The region's returns as CSV, or as an Excel workbook with a second sheet of completeness."""
    region = reference.get_region(region_id, session=session)
    view = _view(region_id, cycle_id, session)
    name = f"{region.code}-{year_slug(view.cycle.plan_year)}-returns.{extension}"
    headers = {"Content-Disposition": file_disposition(name)}
    if extension == "csv":
        return Response(as_csv(view), media_type=f"{CSV}; charset=utf-8", headers=headers)
    title = f"{region.name}: quarterly returns {view.cycle.plan_year}"
    tables = [
        Table(
            "Returns",
            title,
            "One line per partnership and quarter. " + region_view.EXPECTED_MEANS,
            region_view.COLUMNS,
            region_view.lines(view),
        ),
        Table(
            "Completeness",
            f"{region.name}: completeness of returns {view.cycle.plan_year}",
            region_view.EXPECTED_MEANS,
            ("Quarter", "Expected", "Submitted", "Submitted %", "On time", "On time %"),
            completeness_lines(view),
        ),
    ]
    content = render_tables_xlsx(tables, title=title, document_date=local_date(utc_now()))
    return Response(content, media_type=XLSX, headers=headers)
