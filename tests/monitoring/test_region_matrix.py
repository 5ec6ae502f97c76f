"""A region's matrix and the national view: each cell is what aggregation would say, read in a few queries."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlmodel import Session, select

from service.monitoring.aggregation import england_figure, partnership_figure, region_figure
from service.monitoring.areas import add_area
from service.monitoring.catalogue import Geography, MetricRef
from service.monitoring.judgements import AmberTolerance, Change, Rag
from service.monitoring.metric_versions import load_shipped_catalogue
from service.monitoring.periods import Period
from service.monitoring.region_matrix import Cell, Completeness, Matrix, national_matrix, periods_up_to, region_matrix
from service.monitoring.scorecard import Target
from service.monitoring.statistics import Aggregate
from service.platform.errors import InvalidInput, NotFound
from service.tables.columns import id_of
from service.tables.plans import Partnership, Region
from tests.monitoring.stored_figures import imported, new_partnership, new_region

PROPORTION = MetricRef("OF-16", 1)  # per cent, published for local authorities, quarterly
COUNT = MetricRef("OF-04", 1)
Q1, Q2 = "2027/28 Q1", "2027/28 Q2"


@pytest.fixture(autouse=True)
def catalogue(session: Session) -> None:
    load_shipped_catalogue(session=session)


@pytest.fixture
def region(session: Session) -> Region:
    """Two partnerships sharing area B: one covers A and B, the other B and C."""
    region = new_region("matrix-region", session=session)
    new_partnership("m-one", region, "LA-A", "LA-B", session=session)
    new_partnership("m-two", region, "LA-B", "LA-C", session=session)
    return region


def cell(matrix: Matrix, row: str, ref: MetricRef) -> Cell:
    found = next(r for r in matrix.rows if r.name == row)
    return next(c for c in found.cells if c.metric.ref == ref)


def partnership_id(code: str, session: Session) -> int:
    return id_of(session.exec(select(Partnership).where(Partnership.code == code)).one())


def test_each_cell_is_the_partnerships_areas_summed_with_its_interval_and_englands_comparison(
    session: Session, region: Region
) -> None:
    imported(
        f"OF-16,1,LA-A,{Q1},,30,100,",
        f"OF-16,1,LA-B,{Q1},,1,10,",
        f"OF-16,1,LA-C,{Q1},,90,100,",
        session=session,
    )

    matrix = region_matrix(id_of(region), Q1, session=session)

    one = cell(matrix, "Partnership m-one", PROPORTION)
    # 31 of 110 is 28.2 %; England (every area once) is 121 of 210, 57.6 %. The intervals do not overlap,
    # and fewer deaths in treatment is better.
    assert one.combined == partnership_figure(PROPORTION, partnership_id("m-one", session), Q1, session=session)
    assert one.value_text == "28.2%"
    assert one.interval_text is not None
    assert one.interval_text.endswith("%")
    assert one.comparison is not None
    assert one.comparison.change is Change.BETTER
    assert one.comparison_text == "Better than England"
    england = next(c for c in matrix.england.cells if c.metric.ref == PROPORTION) if matrix.england else None
    assert england is not None
    assert england.combined is not None
    assert england.combined.aggregate == Aggregate(121, 210, 121 / 210 * 100)
    assert england.combined == england_figure(PROPORTION, Q1, session=session)
    assert [column.metric.ref for column in matrix.columns] == [PROPORTION]


def test_a_cell_built_from_some_of_its_areas_says_so(session: Session, region: Region) -> None:
    imported(f"OF-04,1,LA-A,{Q1},,12,,", session=session)

    matrix = region_matrix(id_of(region), Q1, session=session)

    assert cell(matrix, "Partnership m-one", COUNT).areas_text == "From 1 of 2 areas"
    assert cell(matrix, "Partnership m-two", COUNT).value_text == "No figure"


def test_completeness_expects_every_quarter_so_far_of_a_quarterly_metric(session: Session, region: Region) -> None:
    imported(f"LK-A2-3,1,LA-A,{Q2},,3,10,", f"LK-A2-3,1,LA-C,{Q2},,3,10,", session=session)

    matrix = region_matrix(id_of(region), Q2, session=session)

    # Published quarterly, so Q1 is expected too although no one has its figure.
    assert [row.completeness for row in matrix.rows] == [Completeness(1, 2), Completeness(1, 2)]
    assert matrix.rows[0].completeness is not None
    assert matrix.rows[0].completeness.text == "1 of 2 (50%)"


def test_completeness_expects_another_metric_in_the_periods_anyone_reported_it(
    session: Session, region: Region
) -> None:
    imported(f"OF-16,1,LA-A,{Q1},,3,10,", f"OF-16,1,LA-A,{Q2},,3,10,", f"OF-16,1,LA-C,{Q2},,3,10,", session=session)

    matrix = region_matrix(id_of(region), Q2, session=session)

    completeness = {row.name: row.completeness for row in matrix.rows}
    assert completeness == {"Partnership m-one": Completeness(2, 2), "Partnership m-two": Completeness(1, 2)}


def test_a_column_shows_its_latest_period_up_to_the_one_chosen(session: Session, region: Region) -> None:
    imported(f"OF-04,1,LA-A,{Q1},,12,,", f"OF-16,1,LA-A,{Q2},,3,10,", session=session)

    matrix = region_matrix(id_of(region), None, session=session)

    assert (matrix.period, matrix.periods) == (Q2, (Q1, Q2))
    assert {column.metric.ref: column.period for column in matrix.columns} == {COUNT: Q1, PROPORTION: Q2}
    assert region_matrix(id_of(region), Q1, session=session).columns[0].metric.ref == COUNT


def test_a_region_without_figures_has_an_empty_matrix_and_a_bad_period_names_the_parameter(
    session: Session, region: Region
) -> None:
    assert region_matrix(id_of(region), None, session=session).period is None
    with pytest.raises(InvalidInput) as refused:
        region_matrix(id_of(region), "2027 Q5", session=session)
    assert refused.value.extensions["errors"][0]["parameter"] == "period"
    with pytest.raises(NotFound):
        region_matrix(999_999, None, session=session)


def test_a_year_chosen_considers_its_four_quarters_and_itself() -> None:
    assert periods_up_to(Period.parse("2027/28")) == (
        "2027/28 Q1",
        "2027/28 Q2",
        "2027/28 Q3",
        "2027/28 Q4",
        "2027/28",
    )
    assert periods_up_to(Period.parse(Q2)) == (Q1, Q2)


def test_targets_passed_in_rate_each_cell_against_its_trajectory(session: Session, region: Region) -> None:
    imported(f"OF-16,1,LA-A,{Q1},,30,100,", f"OF-16,1,LA-B,{Q1},,1,10,", session=session)
    one = partnership_id("m-one", session)
    # Lower is better: from 40 % to 20 % expects 35 % by Q1, and 28.2 % is below it.
    target = Target(plan_year="2027/28", baseline=40.0, annual=20.0)

    matrix = region_matrix(
        id_of(region), Q1, session=session, targets={(one, PROPORTION): (target, AmberTolerance(2.0))}
    )

    rated = cell(matrix, "Partnership m-one", PROPORTION).assessment
    assert rated is not None
    assert (rated.expected, rated.rag) == (35.0, Rag.GREEN)
    assert cell(matrix, "Partnership m-two", PROPORTION).assessment is None


def test_the_national_view_has_each_regions_figure_and_englands(session: Session, region: Region) -> None:
    imported(f"OF-16,1,LA-A,{Q1},,30,100,", f"OF-16,1,LA-C,{Q1},,5,50,", session=session)

    matrix = national_matrix(Q1, session=session)

    ours = cell(matrix, region.name, PROPORTION)
    assert ours.combined == region_figure(PROPORTION, id_of(region), Q1, session=session)
    assert ours.value_text == "23.3%"
    assert len(matrix.rows) == len(session.exec(select(Region)).all())
    assert matrix.england is not None
    assert matrix.england.cells[0].combined == england_figure(PROPORTION, Q1, session=session)


footprints = st.lists(st.sets(st.integers(0, 4), min_size=1, max_size=4), min_size=1, max_size=4)
parts = st.lists(st.one_of(st.none(), st.tuples(st.integers(0, 300), st.integers(0, 300))), min_size=5, max_size=5)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(covers=footprints, figures=parts)
def test_every_cell_equals_partnership_figure_whatever_the_footprints(
    session: Session, covers: list[set[int]], figures: list[tuple[int, int] | None]
) -> None:
    savepoint = session.begin_nested()
    try:
        region = new_region("property-matrix", session=session)
        for area in range(len(figures)):  # every area exists, covered or not
            add_area(f"LA-R{area}", f"Area {area}", Geography.LOCAL_AUTHORITY, session=session)
        ids = [
            id_of(new_partnership(f"pm-{n}", region, *(f"LA-R{a}" for a in sorted(c)), session=session))
            for n, c in enumerate(covers)
        ]
        rows = [f"OF-16,1,LA-R{a},{Q1},,{n},{n + d}," for a, f in enumerate(figures) if f for n, d in [f]]
        if rows:
            imported(*rows, session=session)
        matrix = region_matrix(id_of(region), Q1, session=session)
        for row, pid in zip(sorted(matrix.rows, key=lambda r: r.name), ids, strict=True):
            expected = partnership_figure(PROPORTION, pid, Q1, session=session)
            got = [c.combined for c in row.cells if c.metric.ref == PROPORTION]
            assert got in ([expected], [])
            assert got or expected.aggregate is None
    finally:
        savepoint.rollback()
