"""A partnership's, region's and England's figures are their areas' parts summed, each area counted once."""

import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlmodel import Session, select

from service.monitoring.aggregation import CombinedFigure, england_figure, partnership_figure, region_figure
from service.monitoring.areas import add_area
from service.monitoring.catalogue import Geography, MetricRef
from service.monitoring.metric_versions import load_shipped_catalogue
from service.monitoring.statistics import Aggregate, NotAggregable
from service.tables.columns import id_of
from service.tables.plans import Partnership, Region
from tests.monitoring.stored_figures import imported, new_partnership, new_region

PROPORTION = MetricRef("OF-16", 1)  # per cent, published for local authorities
COUNT = MetricRef("OF-04", 1)
RATE = MetricRef("OF-17", 1)  # per 100,000
REGION_ONLY = MetricRef("OF-14", 1)  # a count published for English regions and larger
Q1 = "2027/28 Q1"


@pytest.fixture(autouse=True)
def catalogue(session: Session) -> None:
    load_shipped_catalogue(session=session)


@pytest.fixture
def region(session: Session) -> Region:
    """A region of two partnerships that share area B: one covers A and B, the other B and C."""
    region = new_region("test-region", session=session)
    new_partnership("p-one", region, "LA-A", "LA-B", session=session)
    new_partnership("p-two", region, "LA-B", "LA-C", session=session)
    return region


def partnership(code: str, session: Session) -> int:
    return id_of(session.exec(select(Partnership).where(Partnership.code == code)).one())


def test_a_partnership_is_its_areas_parts_summed_not_a_mean_of_their_percentages(
    session: Session, region: Region
) -> None:
    imported(f"OF-16,1,LA-A,{Q1},,30,100,", f"OF-16,1,LA-B,{Q1},,1,10,", session=session)

    figure = partnership_figure(PROPORTION, partnership("p-one", session), Q1, session=session)

    # 31 of 110 is 28.18 %; the mean of 30 % and 10 % would have said 20 %.
    assert figure.aggregate is not None
    assert (figure.aggregate.numerator, figure.aggregate.denominator) == (31, 110)
    assert figure.aggregate.value == pytest.approx(28.1818, abs=1e-4)
    assert (figure.area_kind, figure.included, figure.missing) == (Geography.LOCAL_AUTHORITY, ("LA-A", "LA-B"), ())


def test_a_region_counts_an_area_two_partnerships_share_once(session: Session, region: Region) -> None:
    imported(f"OF-16,1,LA-A,{Q1},,30,100,", f"OF-16,1,LA-B,{Q1},,1,10,", f"OF-16,1,LA-C,{Q1},,5,50,", session=session)

    figure = region_figure(PROPORTION, id_of(region), Q1, session=session)

    # 36 of 160 is 22.5 %; counting B twice would give 37 of 170.
    assert figure.aggregate == Aggregate(numerator=36, denominator=160, value=22.5)
    assert figure.included == ("LA-A", "LA-B", "LA-C")


def test_england_is_every_partnerships_areas_once_and_names_those_without_a_figure(
    session: Session, region: Region
) -> None:
    imported(f"OF-16,1,LA-A,{Q1},,30,100,", f"OF-16,1,LA-B,{Q1},,1,10,", f"OF-16,1,LA-C,{Q1},,5,50,", session=session)

    figure = england_figure(PROPORTION, Q1, session=session)

    assert figure.aggregate == Aggregate(numerator=36, denominator=160, value=22.5)
    assert "LA-BIRMINGHAM" in figure.missing  # a demo partnership's council, with no figure yet
    assert not set(figure.included) & set(figure.missing)


def test_an_area_without_a_figure_is_named_as_missing(session: Session, region: Region) -> None:
    imported(f"OF-04,1,LA-A,{Q1},,12,,", session=session)

    figure = partnership_figure(COUNT, partnership("p-one", session), Q1, session=session)

    assert figure.aggregate == Aggregate(numerator=12, denominator=None, value=12)
    assert (figure.included, figure.missing) == (("LA-A",), ("LA-B",))


def test_with_no_figure_at_all_there_is_no_value_rather_than_nought(session: Session, region: Region) -> None:
    figure = partnership_figure(COUNT, partnership("p-one", session), Q1, session=session)

    assert figure.aggregate is None
    assert figure.missing == ("LA-A", "LA-B")


def test_a_rate_is_events_summed_over_population_summed(session: Session, region: Region) -> None:
    imported(f"OF-17,1,LA-A,{Q1},,5,200000,", f"OF-17,1,LA-B,{Q1},,1,50000,", session=session)

    figure = partnership_figure(RATE, partnership("p-one", session), Q1, session=session)

    # 6 deaths in 250,000 people is 2.4 per 100,000 (the areas' own rates are 2.5 and 2).
    assert figure.aggregate == Aggregate(numerator=6, denominator=250000, value=2.4)


def test_an_area_joins_a_footprint_only_from_the_plan_year_it_is_covered(session: Session, region: Region) -> None:
    later = new_partnership("p-later", region, "LA-A", "LA-D", session=session, valid_from="2028/29")
    imported(f"OF-04,1,LA-A,{Q1},,12,,", f"OF-04,1,LA-D,{Q1},,7,,", session=session)

    with pytest.raises(NotAggregable):
        partnership_figure(COUNT, id_of(later), Q1, session=session)  # covers nothing in 2027/28
    assert region_figure(COUNT, id_of(region), Q1, session=session).included == ("LA-A",)


def test_a_metric_published_only_for_regions_has_no_partnership_figure_but_the_region_reads_its_own(
    session: Session, region: Region
) -> None:
    add_area("region:test", "Test region", Geography.ENGLISH_REGION, session=session, region_id=id_of(region))
    imported(f"OF-14,1,region:test,{Q1},,40,,", session=session)

    with pytest.raises(NotAggregable, match="no smaller than a english-region"):
        partnership_figure(REGION_ONLY, partnership("p-one", session), Q1, session=session)
    figure = region_figure(REGION_ONLY, id_of(region), Q1, session=session)
    assert (figure.area_kind, figure.included, figure.aggregate) == (
        Geography.ENGLISH_REGION,
        ("region:test",),
        Aggregate(numerator=40, denominator=None, value=40),
    )


def test_a_demo_partnership_reads_a_local_authority_metric_from_its_council_and_part_2_from_itself(
    session: Session,
) -> None:
    birmingham = partnership("birmingham-dat", session)
    imported(f"OF-16,1,LA-BIRMINGHAM,{Q1},,50,200,", f"P2-2,1,birmingham-dat,{Q1},,80,100,", session=session)

    council = partnership_figure(PROPORTION, birmingham, Q1, session=session)
    itself = partnership_figure(MetricRef("P2-2", 1), birmingham, Q1, session=session)

    assert (council.area_kind, council.included, council.missing) == (Geography.LOCAL_AUTHORITY, ("LA-BIRMINGHAM",), ())
    assert (itself.area_kind, itself.aggregate) == (Geography.PARTNERSHIP, Aggregate(80, 100, 80.0))


figures = st.lists(st.tuples(st.integers(0, 500), st.integers(0, 500)), min_size=1, max_size=6)


def region_figure_after_importing(rows: list[str], codes: list[str], session: Session) -> CombinedFigure:
    """A fresh region of two partnerships sharing the first area, given these rows; undone afterwards."""
    savepoint = session.begin_nested()
    try:
        region = new_region("property-region", session=session)
        new_partnership("property-one", region, *codes[::2], session=session)
        new_partnership("property-two", region, *codes[1::2], *codes[:1], session=session)
        imported(*rows, session=session)
        return region_figure(PROPORTION, id_of(region), Q1, session=session)
    finally:
        savepoint.rollback()


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(parts=figures, order=st.randoms(use_true_random=False))
def test_the_order_figures_are_imported_in_does_not_change_a_regions_figure(
    session: Session, parts: list[tuple[int, int]], order: random.Random
) -> None:
    codes = [f"LA-P{index}" for index in range(len(parts))]
    rows = [f"OF-16,1,{code},{Q1},,{n},{n + extra}," for code, (n, extra) in zip(codes, parts, strict=True)]
    shuffled = list(rows)
    order.shuffle(shuffled)

    forwards = region_figure_after_importing(rows, codes, session)

    assert region_figure_after_importing(shuffled, codes, session) == forwards
    assert forwards.aggregate is not None
    assert forwards.aggregate.numerator == sum(n for n, _ in parts)
