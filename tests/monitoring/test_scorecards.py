"""A partnership's scorecard assembled from stored figures, targets and the cycle's tolerance, worked by hand."""

from collections.abc import Iterator

import pytest
from sqlalchemy import event
from sqlmodel import Session

from service.monitoring.judgements import Rag
from service.monitoring.metric_versions import load_shipped_catalogue
from service.monitoring.scorecards import partnership_scorecard, scorecard_periods
from service.monitoring.targets import set_local_target
from service.planning.cycles import create_cycle
from service.tables.columns import id_of
from service.tables.plans import Partnership
from tests.monitoring.stored_figures import imported, new_partnership, new_region

YEAR = "2031/32"


@pytest.fixture
def partnership(session: Session) -> Partnership:
    """p-one covers LA-A and LA-B, p-two LA-B and LA-C, in one region; OF-16 (per cent, lower is better)."""
    load_shipped_catalogue(session=session)
    region = new_region("r", session=session)
    one = new_partnership("p-one", region, "LA-A", "LA-B", session=session)
    new_partnership("p-two", region, "LA-B", "LA-C", session=session)
    imported(
        f"OF-16,1,LA-A,{YEAR} Q1,,30,100,",
        f"OF-16,1,LA-B,{YEAR} Q1,,10,100,",
        f"OF-16,1,LA-C,{YEAR} Q1,,20,100,",
        f"OF-16,1,LA-A,{YEAR} Q2,,20,100,",
        f"OF-16,1,LA-B,{YEAR} Q2,,10,100,",
        f"OF-16,1,LA-C,{YEAR} Q2,,20,100,",
        session=session,
    )
    return one


def _target(partnership: Partnership, session: Session, **changes: object) -> None:
    values = {"baseline": 22.0, "annual": 14.0} | changes
    set_local_target(id_of(partnership), "OF-16", YEAR, by=None, session=session, **values)  # type: ignore[arg-type]


def test_a_row_is_the_partnership_s_figures_against_its_straight_line_trajectory(
    session: Session, partnership: Partnership
) -> None:
    _target(partnership, session)

    card = partnership_scorecard(id_of(partnership), YEAR, session=session)

    (row,) = card.rows
    # Q1 (30+10)/200 = 20 %, Q2 (20+10)/200 = 15 %; expected by Q2: 22 + (14 − 22)·2/4 = 18; lower is better.
    assert [(point.figure.period, point.figure.value) for point in row.series] == [
        (f"{YEAR} Q1", 20.0),
        (f"{YEAR} Q2", 15.0),
    ]
    assert row.assessment.expected == 18.0
    assert row.assessment.rag is Rag.GREEN
    assert card.rag_counts == {Rag.RED: 0, Rag.AMBER: 0, Rag.GREEN: 1}
    # The region counts LA-B once: (20+10+20)/300; England is every footprint's areas, the demo's among them.
    region, england = row.comparisons
    assert region.benchmark == "Region r"
    assert region.figure is not None
    assert region.figure.value == pytest.approx(50 / 3)
    assert england.benchmark == "England"


def test_milestones_and_the_cycle_s_tolerance_decide_amber_or_red(session: Session, partnership: Partnership) -> None:
    cycle = create_cycle(YEAR, session=session)
    _target(partnership, session, milestones={2: 14.5})

    # 15 % is 0.5 short of 14.5: within 5 % of it (0.725), so amber; within an absolute 0.25, no.
    amber = partnership_scorecard(id_of(partnership), YEAR, session=session)
    cycle.amber_tolerance_relative = False
    cycle.amber_tolerance = 0.25  # type: ignore[assignment]
    session.add(cycle)
    session.flush()
    red = partnership_scorecard(id_of(partnership), YEAR, session=session)

    assert amber.rows[0].assessment.rag is Rag.AMBER
    assert red.rows[0].assessment.rag is Rag.RED


def test_a_target_without_figures_is_listed_apart_and_metrics_with_neither_are_left_out(
    session: Session, partnership: Partnership
) -> None:
    set_local_target(id_of(partnership), "OF-17", YEAR, baseline=100, annual=90, by=None, session=session)

    card = partnership_scorecard(id_of(partnership), YEAR, session=session)

    assert [row.metric.code for row in card.rows] == ["OF-16"]
    assert [(item.metric.code, item.target.annual) for item in card.unmeasured] == [("OF-17", 90)]


def test_the_periods_are_the_year_s_quarters_after_eight_earlier_ones_or_three_years() -> None:
    quarters, years = scorecard_periods("2027/28")

    assert [quarters[0].label, quarters[-1].label, len(quarters)] == ["2025/26 Q1", "2027/28 Q4", 12]
    assert [year.label for year in years] == ["2025/26", "2026/27", "2027/28"]


@pytest.fixture
def statements(session: Session) -> Iterator[list[str]]:
    executed: list[str] = []
    connection = session.connection()
    listener = lambda *args: executed.append(args[2])  # noqa: E731
    event.listen(connection, "before_cursor_execute", listener)
    yield executed
    event.remove(connection, "before_cursor_execute", listener)


def test_the_queries_do_not_grow_with_the_number_of_metrics(
    session: Session, partnership: Partnership, statements: list[str]
) -> None:
    partnership_scorecard(id_of(partnership), YEAR, session=session)

    # Partnership, cycle, region, metric versions, the region's partnerships, two own areas, three
    # scopes' footprints in each of three years, the figures, the targets: 87 metrics in force or not.
    assert len(statements) <= 20
