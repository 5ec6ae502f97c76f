"""Routes for a plan's year of returns: the four quarters side by side as JSON, and as one workbook."""

import datetime
from decimal import Decimal

from fastapi import APIRouter, Response
from pydantic import BaseModel, Field

from plan_schema.quarterly_return import ActionStatus
from service.access.guards import Viewer
from service.api import openapi
from service.documents.filenames import file_disposition, year_slug
from service.documents.table_workbook import Table, render_tables_xlsx
from service.planning.exports import XLSX
from service.planning.timetable import local_date
from service.platform.deps import SessionDep
from service.returns import year_lines
from service.returns.quarters import ensure_reporting
from service.returns.year_picture import CategorySpend, YearPicture, year_picture
from service.tables.columns import id_of, utc_now

router = APIRouter(tags=["quarterly returns"])


class QuarterSourceOut(BaseModel):
    """Which submission a quarter is read from: its latest, or none (null number)."""

    quarter: int
    months: str
    due: datetime.date
    submission: int | None
    submitted_at: datetime.datetime | None
    days_late: int | None


class ActionYearOut(BaseModel):
    """A Part 3 action and its reported status in each quarter (null: that quarter's return said nothing)."""

    reference: str
    text: str
    postholder: str
    due: datetime.date | None
    statuses: list[ActionStatus | None] = Field(min_length=4, max_length=4)


class MetricQuarterOut(BaseModel):
    """A metric as one quarter's return judged it."""

    rag: str | None = Field(description="red, amber or green; null when it could not be judged.")
    value: str


class MetricYearOut(BaseModel):
    """A scorecard metric quarter by quarter (null: not on that quarter's return, or no return)."""

    code: str
    name: str
    quarters: list[MetricQuarterOut | None] = Field(min_length=4, max_length=4)


class CategorySpendOut(BaseModel):
    """A Table 2 row (or the total): planned for the year, spent in each quarter (null: no return), to date."""

    category: str
    planned: Decimal
    quarters: list[Decimal | None] = Field(min_length=4, max_length=4)
    to_date: Decimal
    remaining: Decimal


class VarianceOut(BaseModel):
    """A quarter's spend to date against its profile to date, in total."""

    quarter: int
    profile: Decimal
    actual: Decimal
    variance: Decimal
    variance_pct: Decimal | None
    cells_flagged: int
    forecast_outturn: Decimal


class YearPictureOut(BaseModel):
    """The plan's year of returns: what each quarter is read from, actions, metrics, spend and variance."""

    plan_id: int
    plan_year: str
    quarters: list[QuarterSourceOut]
    actions: list[ActionYearOut]
    metrics: list[MetricYearOut]
    spend: list[CategorySpendOut]
    total: CategorySpendOut
    variances: list[VarianceOut] = Field(description="Only the quarters with a submission.")


def _spend_out(row: CategorySpend) -> CategorySpendOut:
    return CategorySpendOut(
        category=row.category, planned=row.planned, quarters=row.quarters, to_date=row.to_date, remaining=row.remaining
    )


def year_picture_out(picture: YearPicture, plan_id: int) -> YearPictureOut:
    """API form of the year's picture."""
    return YearPictureOut(
        plan_id=plan_id,
        plan_year=picture.view.cycle.plan_year,
        quarters=[
            QuarterSourceOut(
                quarter=s.quarter.quarter,
                months=s.quarter.months,
                due=s.quarter.due,
                submission=s.number,
                submitted_at=s.submitted_at,
                days_late=s.days_late,
            )
            for s in picture.sources
        ],
        actions=[
            ActionYearOut(
                reference=a.planned.reference,
                text=a.planned.text,
                postholder=a.planned.postholder,
                due=a.planned.due,
                statuses=a.statuses,
            )
            for a in picture.actions
        ],
        metrics=[
            MetricYearOut(
                code=m.code,
                name=m.name,
                quarters=[MetricQuarterOut(rag=q.rag, value=q.value) if q else None for q in m.quarters],
            )
            for m in picture.metrics
        ],
        spend=[_spend_out(row) for row in picture.spend],
        total=_spend_out(picture.total),
        variances=[
            VarianceOut(
                quarter=quarter,
                profile=v.total.profile,
                actual=v.total.actual,
                variance=v.total.amount,
                variance_pct=v.total.pct,
                cells_flagged=v.flagged_count,
                forecast_outturn=v.forecast_outturn,
            )
            for quarter, v in enumerate(picture.variances, start=1)
            if v is not None
        ],
    )


@router.get("/plans/{plan_id}/returns/year", summary="The year's picture of the plan's returns")
def read_year(view: Viewer, session: SessionDep) -> YearPictureOut:
    """The four quarters side by side from each one's latest submission: actions, metrics' RAG, spend."""
    ensure_reporting(view.plan)
    return year_picture_out(year_picture(view, session=session), id_of(view.plan))


@router.get(
    "/plans/{plan_id}/returns/year.xlsx",
    summary="The year's picture of the plan's returns, as a workbook",
    response_class=Response,
    responses=openapi.files(XLSX, description="A sheet per aspect: quarters, actions, metrics, spend, variance."),
)
def year_workbook(view: Viewer, session: SessionDep) -> Response:
    """The year's picture as one Excel workbook, numbers as numbers."""
    ensure_reporting(view.plan)
    picture = year_picture(view, session=session)
    title = f"{view.partnership.name}: the year's returns {view.cycle.plan_year}"
    tables = [
        Table(sheet.name, f"{title}: {sheet.name.lower()}", sheet.note, sheet.headings, sheet.rows, sheet.money_columns)
        for sheet in year_lines.sheets(picture)
    ]
    content = render_tables_xlsx(tables, title=title, document_date=local_date(utc_now()))
    name = f"{view.partnership.code}-{year_slug(view.cycle.plan_year)}-returns-year.xlsx"
    return Response(content, media_type=XLSX, headers={"Content-Disposition": file_disposition(name)})
