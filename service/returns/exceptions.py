"""Exceptions for red metrics: each scorecard metric as judged in the quarter, with the return's commentary on it."""

from dataclasses import dataclass

from sqlmodel import Session

from plan_schema.quarterly_return import MetricReport, MetricReports
from service.monitoring import wording
from service.monitoring.judgements import Rag
from service.monitoring.scorecard import ScorecardRow, Withheld, assess
from service.monitoring.scorecards import partnership_scorecard
from service.monitoring.targets import cycle_tolerance
from service.planning.plans import PlanView
from service.platform.errors import InvalidInput
from service.returns.quarters import ReturnQuarter
from service.returns.sections import SectionName, StoredSection, read_section, replace_section
from service.tables.columns import id_of


@dataclass(frozen=True)
class QuarterJudgement:
    """A scorecard metric's figure for the quarter and its RAG then (None when it cannot be judged)."""

    code: str
    name: str
    value_text: str
    rag: Rag | None
    rag_text: str
    target_text: str = Withheld.NO_TARGET.value  # the value the trajectory expects by the quarter's end

    @property
    def red(self) -> bool:
        """True when the scorecard judges it red in the quarter: the return owes an exception."""
        return self.rag is Rag.RED


@dataclass(frozen=True)
class MetricLine:
    """A metric as judged in the quarter with what the return says of it."""

    judgement: QuarterJudgement
    report: MetricReport


def _judged(row: ScorecardRow, quarter: ReturnQuarter, view: PlanView) -> QuarterJudgement:
    # The quarter's own figure against the value expected by its end: a later quarter's figure must not
    # make an earlier quarter's return owe (or escape) an exception.
    point = next((point for point in row.series if point.figure.period == quarter.period.label), None)
    expected = row.target.expected_in(quarter.period) if row.target else None
    target_text = Withheld.NO_TARGET.value if expected is None else wording.value_text(row.metric, expected)
    if point is None:
        no_figure = row.figure_value_text(None)
        return QuarterJudgement(
            row.metric.code, row.metric.name, no_figure, None, Withheld.NO_FIGURE.value, target_text
        )
    assessment = assess(row.metric, point.figure, point.expected, cycle_tolerance(view.cycle))
    rag_text = wording.rag_text(assessment.rag) if assessment.rag else (assessment.withheld or Withheld.NO_TARGET).value
    return QuarterJudgement(
        row.metric.code, row.metric.name, row.figure_value_text(point.figure), assessment.rag, rag_text, target_text
    )


def quarter_judgements(view: PlanView, quarter: ReturnQuarter, *, session: Session) -> list[QuarterJudgement]:
    """Every metric on the partnership's scorecard for the plan year, judged on the quarter's figure."""
    scorecard = partnership_scorecard(id_of(view.partnership), view.cycle.plan_year, session=session)
    return [_judged(row, quarter, view) for row in scorecard.rows]


def lines_of(judgements: list[QuarterJudgement], document: MetricReports) -> list[MetricLine]:
    """Each judged metric with what the return says of it, in the scorecard's order."""
    said = {report.metric: report for report in document.metrics}
    return [MetricLine(j, said.get(j.code, MetricReport(metric=j.code))) for j in judgements]


def in_scorecard_order(judgements: list[QuarterJudgement], document: MetricReports) -> MetricReports:
    """One report per scorecard metric in its order (as the rules' pointers index them); unknown or repeated refused."""
    known = {judgement.code for judgement in judgements}
    errors: list[dict[str, str]] = []
    seen: set[str] = set()
    for index, report in enumerate(document.metrics):
        if report.metric not in known:
            detail = f"{report.metric} is not on the partnership's scorecard this year"
            errors.append({"pointer": f"/metrics/{index}/metric", "detail": detail})
        elif report.metric in seen:
            errors.append({"pointer": f"/metrics/{index}/metric", "detail": f"{report.metric} is reported on twice"})
        seen.add(report.metric)
    if errors:
        raise InvalidInput("; ".join(f"{error['pointer']}: {error['detail']}" for error in errors), errors=errors)
    return MetricReports(metrics=[line.report for line in lines_of(judgements, document)])


def stored_reports(stored: StoredSection) -> MetricReports:
    """The saved commentaries and exceptions as the model (none when never saved)."""
    return MetricReports.model_validate(stored.document or {})


def read_exceptions(
    view: PlanView, quarter: ReturnQuarter, *, session: Session
) -> tuple[list[MetricLine], StoredSection]:
    """The return's metrics: each judged in the quarter with its commentary and exception, and the version."""
    stored = read_section(id_of(view.plan), quarter.quarter, SectionName.EXCEPTIONS, session=session)
    return lines_of(quarter_judgements(view, quarter, session=session), stored_reports(stored)), stored


def save_exceptions(
    view: PlanView,
    quarter: ReturnQuarter,
    document: MetricReports,
    *,
    expected_version: int,
    by: int,
    session: Session,
) -> StoredSection:
    """Store the commentaries and exceptions said on the scorecard's metrics."""
    ordered = in_scorecard_order(quarter_judgements(view, quarter, session=session), document)
    return replace_section(
        id_of(view.plan),
        quarter.quarter,
        SectionName.EXCEPTIONS,
        ordered,
        expected_version=expected_version,
        by=by,
        session=session,
    )
