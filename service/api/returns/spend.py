"""A quarter's spend over the API: GET with an ETag, PUT guarded by If-Match, and the variance worked out from it."""

import datetime
import re
from decimal import Decimal
from typing import Annotated

from fastapi import APIRouter, Body, Header, Path, Response
from pydantic import BaseModel, Field

from plan_schema.funding import ComputedMoney, ExpenditureRow
from plan_schema.money import Money
from service.access.guards import SpendReporter, Viewer
from service.api import openapi
from service.documents.filenames import file_disposition, year_slug
from service.documents.spend_workbook import SpendSheet, render_spend_xlsx
from service.planning.exports import XLSX
from service.planning.timetable import local_date
from service.platform.deps import SessionDep
from service.platform.errors import InvalidInput, PreconditionFailed, PreconditionRequired
from service.platform.ids import db_integer
from service.returns import spend, spend_variance
from service.tables.columns import id_of, utc_now

router = APIRouter(tags=["quarterly returns"])

Quarter = Annotated[int, Path(ge=1, le=4, description="The quarter of the plan year: 1 is April to June.")]
PATH = "/plans/{plan_id}/returns/{quarter}/spend"
# If-Match compares strongly (RFC 9110 §13.1.1): a weak tag W/"…" never matches.
_ENTITY_TAG = re.compile(r'^"spend-q([1-4])-(\d+)"$')


def entity_tag(quarter: int, version: int) -> str:
    """The ETag of a quarter's spend at a version ("spend-q2-0" before it is first saved)."""
    return f'"spend-q{quarter}-{version}"'


def expected_version(quarter: int, if_match: str | None) -> int:
    """The version a writer says it edited, from If-Match; 428 without one."""
    if if_match is None or not if_match.strip() or if_match.strip() == "*":
        raise PreconditionRequired(
            "Send If-Match with the ETag from your last read of this quarter's spend, "
            "so that nobody's figures are overwritten without them knowing."
        )
    if not re.fullmatch(openapi.ENTITY_TAGS, if_match):
        raise InvalidInput.at("If-Match", 'must be the ETag from your last read, such as "spend-q2-1", quotes included')
    for candidate in if_match.split(","):
        match = _ENTITY_TAG.match(candidate.strip())
        if match is None or int(match.group(1)) != quarter:
            continue
        # Version 0 is a quarter never saved, which db_integer (ids from 1) does not read.
        version = 0 if match.group(2) == "0" else db_integer(match.group(2))
        if version is not None:
            return version
    raise PreconditionFailed(
        f"If-Match {if_match} is not an ETag of quarter {quarter}'s spend. Read it again and retry."
    )


class SpendOut(BaseModel):
    """A quarter's spend as stored (version 0, nothing spent, before it is first saved)."""

    plan_id: int
    quarter: int
    version: int
    saved_by: int | None = Field(description="The user who saved this version.")
    saved_at: datetime.datetime | None
    actual: list[ExpenditureRow] = Field(description="This quarter's own spend, in Table 2's rows and order.")
    profile: list[ExpenditureRow] | None = Field(description="The profile to date, when one was entered.")
    forecast_outturn: Money | None = Field(description="The year's outturn, when one was entered.")


class FigureOut(BaseModel):
    """A figure to date against its profile."""

    profile: ComputedMoney
    actual: ComputedMoney = Field(description="Spent to date: this quarter and the ones before.")
    variance: ComputedMoney = Field(description="Actual − profile: negative is underspent.")
    variance_pct: Decimal | None = Field(description="Of the profile, to 0.1; null when nothing was profiled.")
    flagged: bool = Field(description="Further from the profile than the cycle's threshold (or spent unprofiled).")


class CellOut(FigureOut):
    """One funding source's figure."""

    source: str = Field(description="The funding source: a column of Table 2, as ExpenditureRow names it.")


class CategoryOut(BaseModel):
    """One Table 2 row: each source and the row's total."""

    category: str
    cells: list[CellOut]
    total: FigureOut


class VarianceOut(BaseModel):
    """A quarter's spend to date against its profile, with the year's forecast and cost per adult."""

    plan_id: int
    quarter: int
    threshold_pct: Decimal = Field(description="The cycle's spend variance threshold, in %.")
    categories: list[CategoryOut]
    sources: list[CellOut]
    total: FigureOut
    planned_total: ComputedMoney = Field(description="Part 4's Table 2 grand total (N15) for the year.")
    forecast_outturn: ComputedMoney
    forecast_entered: bool = Field(description="False: year to date ÷ quarter × 4.")
    adults_in_treatment: int | None = Field(description="Part 2 indicator 1.2 for the plan year, when set.")
    cost_per_adult: ComputedMoney | None = Field(description="Spent to date ÷ adults_in_treatment.")


def _figure(figure: spend_variance.Variance) -> dict[str, object]:
    return {
        "profile": figure.profile,
        "actual": figure.actual,
        "variance": figure.amount,
        "variance_pct": figure.pct,
        "flagged": figure.flagged,
    }


def _cells(cells: dict[str, spend_variance.Variance]) -> list[CellOut]:
    return [CellOut.model_validate({"source": source} | _figure(figure)) for source, figure in cells.items()]


def _spend_response(stored: spend.StoredSpend, response: Response) -> SpendOut:
    response.headers["ETag"] = entity_tag(stored.quarter, stored.version)
    return SpendOut(
        plan_id=stored.plan_id,
        quarter=stored.quarter,
        version=stored.version,
        saved_by=stored.saved_by,
        saved_at=stored.saved_at,
        actual=stored.entry.actual,
        profile=stored.entry.profile,
        forecast_outturn=stored.entry.forecast_outturn,
    )


@router.get(PATH, summary="Read a quarter's spend")
def read_spend(view: Viewer, quarter: Quarter, session: SessionDep, response: Response) -> SpendOut:
    """The quarter's own spend on the Table 2 grid as stored, with its ETag for If-Match."""
    return _spend_response(spend.read_spend(id_of(view.plan), quarter, session=session), response)


@router.put(PATH, summary="Replace a quarter's spend")
def replace_spend(
    reporting: SpendReporter,
    quarter: Quarter,
    body: Annotated[spend.SpendEntry, Body()],
    session: SessionDep,
    response: Response,
    if_match: Annotated[str | None, Header()] = None,
) -> SpendOut:
    """Replace the quarter's spend if nobody has saved it since the If-Match ETag; 412 with the current one if so."""
    try:
        stored = spend.save_spend(
            reporting.plan_id,
            quarter,
            body,
            expected_version=expected_version(quarter, if_match),
            by=reporting.member.user_id,
            session=session,
        )
    except PreconditionFailed as stale:
        current = spend.read_spend(reporting.plan_id, quarter, session=session).version
        tag = entity_tag(quarter, current)
        raise PreconditionFailed(
            stale.detail, headers={"ETag": tag}, current_version=current, current_etag=tag
        ) from None
    return _spend_response(stored, response)


@router.get(f"{PATH}/variance", summary="Work out a quarter's variance")
def read_variance(view: Viewer, quarter: Quarter, session: SessionDep) -> VarianceOut:
    """Profile to date, spend to date and variance by cell, category, source and in total; forecast; cost per adult."""
    result = spend.variance_of(id_of(view.plan), quarter, session=session)
    return VarianceOut(
        plan_id=id_of(view.plan),
        quarter=quarter,
        threshold_pct=result.threshold_pct,
        categories=[
            CategoryOut(
                category=row.category, cells=_cells(row.cells), total=FigureOut.model_validate(_figure(row.total))
            )
            for row in result.categories
        ],
        sources=_cells(result.sources),
        total=FigureOut.model_validate(_figure(result.total)),
        planned_total=result.planned_total,
        forecast_outturn=result.forecast_outturn,
        forecast_entered=result.forecast_entered,
        adults_in_treatment=result.adults_in_treatment,
        cost_per_adult=result.cost_per_adult,
    )


@router.get(
    f"{PATH}.xlsx",
    summary="Download a quarter's spend as a workbook",
    response_class=Response,
    responses=openapi.files(XLSX, description="Actual, profile and variance as live formulas, with their values."),
)
def spend_workbook(view: Viewer, quarter: Quarter, session: SessionDep) -> Response:
    """The quarter's spend against its profile as an Excel workbook that adds up when recalculated and prints on A4."""
    plan_id = id_of(view.plan)
    stored = spend.read_spend(plan_id, quarter, session=session)
    sheet = SpendSheet(
        partnership_name=view.partnership.name,
        plan_year=view.cycle.plan_year,
        months=spend_variance.quarter_months(view.cycle.plan_year, quarter),
        result=spend.variance_of(plan_id, quarter, session=session),
        table_2=spend.table_2(plan_id, session=session),
        this_quarter=stored.entry.actual,
        profile_entered=stored.entry.profile is not None,
        document_date=local_date(utc_now()),
    )
    filename = f"{view.partnership.name} spend {year_slug(view.cycle.plan_year)} Q{quarter}.xlsx"
    return Response(
        render_spend_xlsx(sheet), media_type=XLSX, headers={"Content-Disposition": file_disposition(filename)}
    )
