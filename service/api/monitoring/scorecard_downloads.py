"""A partnership's scorecard to download: CSV and a workbook, the same columns, for those who see the partnership."""

from fastapi import APIRouter, Response

from service.access.guards import PartnershipViewer
from service.api import openapi
from service.api.monitoring.scorecards import YearQuery, year_or_current
from service.documents.filenames import file_disposition
from service.documents.scorecard_files import ScorecardLine, render_scorecard_csv, render_scorecard_xlsx
from service.monitoring import scorecards, wording
from service.monitoring.scorecard import ScorecardRow
from service.planning.exports import XLSX
from service.planning.timetable import local_date
from service.platform.deps import SessionDep
from service.tables.columns import id_of, utc_now

router = APIRouter(tags=["monitoring"])

CSV = "text/csv; charset=utf-8"
NOTE = "Values after each metric's multiplier (42.0 is 42%); intervals at 95%. Blank: no figure, or hidden."


def scorecard_line(row: ScorecardRow) -> ScorecardLine:
    """One scorecard row as a file's line, with every judgement in the page's words."""
    latest, target = row.latest, row.target
    comparisons = {index: comparison.text for index, comparison in enumerate(row.comparisons)}
    return ScorecardLine(
        family=wording.family_text(row.metric.family),
        code=row.metric.code,
        version=row.metric.version,
        metric=row.metric.name,
        unit=wording.unit_text(row.metric),
        latest_period=latest.period,
        numerator=latest.numerator,
        denominator=latest.denominator,
        value=latest.value,
        lower_95=latest.interval.lower if latest.interval else None,
        upper_95=latest.interval.upper if latest.interval else None,
        baseline=target.baseline if target else None,
        target=target.annual if target else None,
        expected_by_now=row.assessment.expected,
        rag=row.rag_text,
        significance=row.significance_text or "",
        direction_of_travel=row.travel.text,
        # Counts are compared with no one (scorecards says why): the cells say so rather than stay blank.
        compared_with_region=comparisons.get(0, "Not compared: a count"),
        compared_with_england=comparisons.get(1, "Not compared: a count"),
    )


def _card(partnership: PartnershipViewer, session: SessionDep, year: str | None) -> scorecards.Scorecard:
    return scorecards.partnership_scorecard(id_of(partnership), year_or_current(year), session=session)


def _filename(card: scorecards.Scorecard, extension: str) -> str:
    return f"{card.partnership.name} scorecard {card.plan_year.replace('/', '-')}.{extension}"


@router.get(
    "/partnerships/{partnership_id}/scorecard.csv",
    summary="A partnership's scorecard as CSV",
    response_class=Response,
    responses=openapi.files("text/csv", description="A row per metric, with a header row."),
)
def scorecard_csv(partnership: PartnershipViewer, session: SessionDep, year: YearQuery = None) -> Response:
    """A row per metric: figures as numbers, judgements in words."""
    card = _card(partnership, session, year)
    content = render_scorecard_csv([scorecard_line(row) for row in card.rows])
    return Response(content, media_type=CSV, headers={"Content-Disposition": file_disposition(_filename(card, "csv"))})


@router.get(
    "/partnerships/{partnership_id}/scorecard.xlsx",
    summary="A partnership's scorecard as a workbook",
    response_class=Response,
    responses=openapi.files(XLSX, description="A sheet with a row per metric."),
)
def scorecard_xlsx(partnership: PartnershipViewer, session: SessionDep, year: YearQuery = None) -> Response:
    """The CSV's rows in a workbook, numbers as numbers."""
    card = _card(partnership, session, year)
    title = f"{card.partnership.name}: scorecard for {card.plan_year}"
    lines = [scorecard_line(row) for row in card.rows]
    content = render_scorecard_xlsx(lines, title=title, note=NOTE, document_date=local_date(utc_now()))
    return Response(
        content, media_type=XLSX, headers={"Content-Disposition": file_disposition(_filename(card, "xlsx"))}
    )
