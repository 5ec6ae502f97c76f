"""Routes for a region's matrix of partnerships × metrics and the national view, as JSON, CSV or a workbook."""

from typing import Annotated, Literal

from fastapi import APIRouter, Query, Response
from pydantic import BaseModel, Field

from service.access.guards import Admin, Overseer
from service.api import openapi
from service.documents.filenames import file_disposition
from service.documents.table_workbook import render_table_xlsx
from service.monitoring import matrix_downloads
from service.monitoring.judgements import Change
from service.monitoring.periods import ACCEPTED_FORMS, PERIOD_PATTERN
from service.monitoring.region_matrix import Cell, Matrix, Row, national_matrix, region_matrix
from service.planning import reference
from service.planning.exports import XLSX
from service.planning.timetable import local_date
from service.platform.deps import SessionDep
from service.platform.ids import DbId
from service.tables.columns import utc_now

router = APIRouter(tags=["monitoring"])
CSV = "text/csv"
PeriodQuery = Annotated[
    str | None,
    Query(
        max_length=20,
        description=f"The period: {ACCEPTED_FORMS}. The latest with figures when left out.",
        examples=["2027/28 Q1"],
        json_schema_extra={"pattern": PERIOD_PATTERN},
    ),
]


class ColumnOut(BaseModel):
    """A metric of the matrix, and the period its cells are for (the latest with figures up to the one chosen)."""

    code: str
    version: int
    name: str
    value_type: str
    polarity: str
    period: str


class IntervalOut(BaseModel):
    """A 95 % confidence interval, on the value's own scale."""

    lower: float
    upper: float


class CellOut(BaseModel):
    """One row's figure for one metric: its parts, value, interval, and comparison with England."""

    code: str
    version: int
    period: str
    numerator: float | None
    denominator: float | None
    value: float | None = Field(description="None when there is no figure, or it cannot be combined.")
    interval: IntervalOut | None
    value_text: str = Field(description="The value in words, or why there is none.")
    compared_with_england: Change | None = Field(description="By whether the 95 % intervals overlap.")
    comparison_text: str | None
    areas_with_figure: list[str] = Field(description="Codes of the row's areas the figure was built from.")
    areas_without_figure: list[str] = Field(description="Codes of the row's areas of the same kind with none.")


class CompletenessOut(BaseModel):
    """Of the (metric, period) pairs expected of a row so far this plan year, how many have a figure."""

    reported: int
    expected: int


class RowOut(BaseModel):
    """A partnership's (or a region's) figures across the metrics; England's row has no id and no completeness."""

    id: int | None
    name: str
    cells: list[CellOut]
    completeness: CompletenessOut | None


class MatrixOut(BaseModel):
    """Rows × metrics for a period, England's row, and the periods that have figures."""

    title: str
    period: str | None = Field(description="None when no figure has been imported for any row.")
    periods: list[str]
    columns: list[ColumnOut]
    rows: list[RowOut]
    england: RowOut | None


def _cell_out(cell: Cell) -> CellOut:
    figure, combined = cell.figure, cell.combined
    interval = figure.interval if figure is not None else None
    return CellOut(
        code=cell.metric.code,
        version=cell.metric.version,
        period=cell.period,
        numerator=figure.numerator if figure else None,
        denominator=figure.denominator if figure else None,
        value=figure.value if figure else None,
        interval=IntervalOut(lower=interval.lower, upper=interval.upper) if interval else None,
        value_text=cell.value_text,
        compared_with_england=cell.comparison.change if cell.comparison else None,
        comparison_text=cell.comparison_text,
        areas_with_figure=list(combined.included) if combined else [],
        areas_without_figure=list(combined.missing) if combined else [],
    )


def _row_out(row: Row) -> RowOut:
    done = row.completeness
    return RowOut(
        id=row.id,
        name=row.name,
        cells=[_cell_out(cell) for cell in row.cells],
        completeness=CompletenessOut(reported=done.reported, expected=done.expected) if done else None,
    )


def matrix_out(matrix: Matrix) -> MatrixOut:
    columns = [
        ColumnOut(
            code=c.metric.code,
            version=c.metric.version,
            name=c.metric.name,
            value_type=c.metric.value_type.value,
            polarity=c.metric.polarity.value,
            period=c.period,
        )
        for c in matrix.columns
    ]
    return MatrixOut(
        title=matrix.title,
        period=matrix.period,
        periods=list(matrix.periods),
        columns=columns,
        rows=[_row_out(row) for row in matrix.rows],
        england=_row_out(matrix.england) if matrix.england else None,
    )


def _download(matrix: Matrix, stem: str, extension: str) -> Response:
    name = f"{stem}-{(matrix.period or 'no-figures').replace('/', '-').replace(' ', '-').lower()}.{extension}"
    headers = {"Content-Disposition": file_disposition(name)}
    if extension == "csv":
        return Response(matrix_downloads.as_csv(matrix), media_type=f"{CSV}; charset=utf-8", headers=headers)
    note = "One line per area and metric; values with their 95% confidence limits, compared with England."
    content = render_table_xlsx(
        [heading for heading, _ in matrix_downloads.COLUMNS],
        matrix_downloads.lines(matrix),
        sheet_name="Metrics",
        title=f"{matrix.title}, {matrix.period or 'no figures yet'}",
        note=note,
        document_date=local_date(utc_now()),
    )
    return Response(content, media_type=XLSX, headers=headers)


@router.get("/regions/{region_id}/metrics", summary="A region's partnerships by metric")
def region_metrics(region_id: DbId, _overseer: Overseer, session: SessionDep, period: PeriodQuery = None) -> MatrixOut:
    """Each partnership's figure for each metric, its interval and comparison with England, and its completeness."""
    return matrix_out(region_matrix(region_id, period, session=session))


FILES = openapi.files(CSV, XLSX, description="The matrix, one line per area and metric.")


@router.get(
    "/regions/{region_id}/metrics.{extension}",
    summary="A region's partnerships by metric, to download",
    response_class=Response,
    responses=FILES,
)
def region_metrics_file(
    region_id: DbId,
    extension: Literal["csv", "xlsx"],
    _overseer: Overseer,
    session: SessionDep,
    period: PeriodQuery = None,
) -> Response:
    """The region's matrix as CSV or as an Excel workbook (numbers as numbers)."""
    region = reference.get_region(region_id, session=session)
    return _download(region_matrix(region_id, period, session=session), f"{region.code}-metrics", extension)


@router.get("/metrics/england", summary="The national view: regions by metric")
def england_metrics(_admin: Admin, session: SessionDep, period: PeriodQuery = None) -> MatrixOut:
    """Each region's figure for each metric (its partnerships' areas once, or its own), and England's."""
    return matrix_out(national_matrix(period, session=session))


@router.get(
    "/metrics/england.{extension}",
    summary="The national view, to download",
    response_class=Response,
    responses=FILES,
)
def england_metrics_file(
    extension: Literal["csv", "xlsx"],
    _admin: Admin,
    session: SessionDep,
    period: PeriodQuery = None,
) -> Response:
    """The national view as CSV or as an Excel workbook (numbers as numbers)."""
    return _download(national_matrix(period, session=session), "england-metrics", extension)
