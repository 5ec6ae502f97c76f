"""A partnership's scorecard and its local targets: read by those who see the partnership, set by its planners."""

from typing import Annotated

from fastapi import APIRouter, Query, Response
from pydantic import BaseModel, ConfigDict, Field

from plan_schema.plan_year import PlanYear
from service.access.guards import LocalTargetSetter, PartnershipViewer
from service.monitoring import scorecards, targets
from service.monitoring.judgements import Change, Rag, Travel
from service.monitoring.periods import plan_year_on
from service.monitoring.scorecard import Figure, ScorecardRow, Target
from service.planning.timetable import local_date
from service.platform.deps import SessionDep
from service.platform.ids import DbId
from service.tables.columns import id_of, utc_now

router = APIRouter(tags=["monitoring"])

YearQuery = Annotated[
    PlanYear | None, Query(description="The plan year, such as 2027/28; by default the one in progress today.")
]


def year_or_current(year: str | None) -> str:
    """The plan year asked for, or the one in progress in England today."""
    return year or plan_year_on(local_date(utc_now()))


class FigureOut(BaseModel):
    """An area's figure for one period: None where hidden (suppressed) or where there is no value."""

    period: str
    numerator: float | None
    denominator: float | None
    value: float | None = Field(description="On the scale shown: after the metric's multiplier (42.0 for 42 %).")
    lower: float | None = Field(description="The 95 % confidence interval's lower end.")
    upper: float | None
    suppressed: bool


class TargetOut(BaseModel):
    """A plan year's target: the baseline, the annual target and any milestones for quarters 1 to 3."""

    plan_year: str
    baseline: float
    annual: float
    milestones: dict[int, float]


class ComparisonOut(BaseModel):
    """The latest figure against a benchmark's for the same period, by whether their intervals overlap."""

    benchmark: str
    figure: FigureOut | None
    change: Change | None
    text: str


class SeriesPointOut(BaseModel):
    """One period of the partnership's series and the value its trajectory expects then."""

    figure: FigureOut
    expected: float | None


class MetricRowOut(BaseModel):
    """One metric on the scorecard: its latest figure, target and judgements, each also in words."""

    code: str
    version: int
    family: str
    name: str
    value_type: str
    polarity: str
    latest: FigureOut
    value_text: str
    interval_text: str
    target: TargetOut | None
    expected: float | None = Field(description="The value the trajectory expects by the latest period.")
    rag: Rag | None
    rag_text: str
    significantly_short_of_target: bool | None
    travel: Travel | None
    travel_since: str | None
    travel_text: str
    comparisons: list[ComparisonOut]
    series: list[SeriesPointOut]


class UnmeasuredOut(BaseModel):
    """A metric the partnership has a target on but no figure for yet."""

    code: str
    version: int
    name: str
    target: TargetOut


class RagCounts(BaseModel):
    """How many metrics are red, amber and green, and how many targets have no figure yet."""

    red: int
    amber: int
    green: int
    without_figure: int


class ScorecardOut(BaseModel):
    """A partnership's scorecard for a plan year."""

    partnership_id: int
    partnership: str
    region: str
    plan_year: str
    public: bool
    counts: RagCounts
    metrics: list[MetricRowOut]
    targets_without_figures: list[UnmeasuredOut]


def figure_out(figure: Figure) -> FigureOut:
    interval = figure.interval
    return FigureOut(
        period=figure.period,
        numerator=figure.numerator,
        denominator=figure.denominator,
        value=figure.value,
        lower=interval.lower if interval else None,
        upper=interval.upper if interval else None,
        suppressed=figure.suppressed,
    )


def target_out(target: Target) -> TargetOut:
    return TargetOut(
        plan_year=target.plan_year, baseline=target.baseline, annual=target.annual, milestones=dict(target.milestones)
    )


def row_out(row: ScorecardRow) -> MetricRowOut:
    metric = row.metric
    return MetricRowOut(
        code=metric.code,
        version=metric.version,
        family=metric.family.value,
        name=metric.name,
        value_type=metric.value_type.value,
        polarity=metric.polarity.value,
        latest=figure_out(row.latest),
        value_text=row.value_text,
        interval_text=row.interval_text,
        target=target_out(row.target) if row.target else None,
        expected=row.assessment.expected,
        rag=row.assessment.rag,
        rag_text=row.rag_text,
        significantly_short_of_target=row.assessment.short_of_target,
        travel=row.travel.travel,
        travel_since=row.travel.since,
        travel_text=row.travel.text,
        comparisons=[
            ComparisonOut(
                benchmark=comparison.benchmark,
                figure=figure_out(comparison.figure) if comparison.figure else None,
                change=comparison.change,
                text=comparison.text,
            )
            for comparison in row.comparisons
        ],
        series=[SeriesPointOut(figure=figure_out(point.figure), expected=point.expected) for point in row.series],
    )


def scorecard_out(card: scorecards.Scorecard, *, public: bool) -> ScorecardOut:
    """The API's form of a scorecard (the public one's too)."""
    counts = card.rag_counts
    return ScorecardOut(
        partnership_id=id_of(card.partnership),
        partnership=card.partnership.name,
        region=card.region.name,
        plan_year=card.plan_year,
        public=public,
        counts=RagCounts(
            red=counts[Rag.RED], amber=counts[Rag.AMBER], green=counts[Rag.GREEN], without_figure=len(card.unmeasured)
        ),
        metrics=[row_out(row) for row in card.rows],
        targets_without_figures=[
            UnmeasuredOut(
                code=item.metric.code,
                version=item.metric.version,
                name=item.metric.name,
                target=target_out(item.target),
            )
            for item in card.unmeasured
        ],
    )


@router.get("/partnerships/{partnership_id}/scorecard", summary="A partnership's scorecard")
def read_scorecard(partnership: PartnershipViewer, session: SessionDep, year: YearQuery = None) -> ScorecardOut:
    """Every metric in force with a figure or a target: latest value, interval, target, RAG, travel, comparisons."""
    card = scorecards.partnership_scorecard(id_of(partnership), year_or_current(year), session=session)
    return scorecard_out(card, public=False)


class LocalTargetIn(BaseModel):
    """A local target on a catalogue metric, on the scale its figures are shown (42.0 for 42 %)."""

    model_config = ConfigDict(extra="forbid")

    baseline: float
    annual: float
    milestones: dict[Annotated[int, Field(ge=1, le=3)], float] = Field(
        default_factory=dict, description="Values expected by the end of quarters 1 to 3, when not a straight line."
    )


class LocalTargetOut(TargetOut):
    """A partnership's own target on a metric version."""

    code: str
    version: int


def _local_out(code: str, partnership_id: int, year: str, session: SessionDep) -> LocalTargetOut:
    stored = targets.local_targets(partnership_id, year, session=session)[code]
    version, _ = targets.metric_in_force(code, year, session=session)
    return LocalTargetOut(
        code=code,
        version=version.version,
        plan_year=year,
        baseline=stored.baseline,
        annual=stored.annual,
        milestones={int(quarter): value for quarter, value in stored.milestones.items()},
    )


@router.get("/partnerships/{partnership_id}/targets", summary="A partnership's local targets")
def list_local_targets(
    partnership: PartnershipViewer, session: SessionDep, year: YearQuery = None
) -> list[LocalTargetOut]:
    """The partnership's own targets for a plan year (Part 2's agreed targets are on its plan)."""
    plan_year = year_or_current(year)
    stored = targets.local_targets(id_of(partnership), plan_year, session=session)
    return [_local_out(code, id_of(partnership), plan_year, session) for code in sorted(stored)]


@router.put("/partnerships/{partnership_id}/targets/{code}", summary="Set a local target")
def put_local_target(
    partnership_id: DbId,
    code: Annotated[str, Field(max_length=40)],
    body: LocalTargetIn,
    by: LocalTargetSetter,
    session: SessionDep,
    year: YearQuery = None,
) -> LocalTargetOut:
    """Set or replace the partnership's own target on a metric for a plan year (planners of it and admins)."""
    plan_year = year_or_current(year)
    targets.set_local_target(
        partnership_id,
        code,
        plan_year,
        baseline=body.baseline,
        annual=body.annual,
        milestones=body.milestones,
        by=by.user_id,
        session=session,
    )
    return _local_out(code, partnership_id, plan_year, session)


@router.delete("/partnerships/{partnership_id}/targets/{code}", status_code=204, summary="Remove a local target")
def delete_local_target(
    partnership_id: DbId,
    code: Annotated[str, Field(max_length=40)],
    _by: LocalTargetSetter,
    session: SessionDep,
    year: YearQuery = None,
) -> Response:
    """Remove the partnership's own target on a metric for a plan year."""
    targets.remove_local_target(partnership_id, code, year_or_current(year), session=session)
    return Response(status_code=204)
