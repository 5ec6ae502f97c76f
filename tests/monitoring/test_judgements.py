"""A quarter's value is judged against its trajectory, its target, its last period and its benchmark."""

import pytest

from service.monitoring.catalogue import Polarity
from service.monitoring.judgements import (
    AmberTolerance,
    Change,
    NoGoodDirection,
    Rag,
    Travel,
    compared_with_benchmark,
    direction_of_travel,
    quarterly_trajectory,
    rag,
    significantly_short_of_target,
)
from service.monitoring.statistics import Interval, wilson_interval

HIGHER, LOWER, NONE = Polarity.HIGHER_IS_BETTER, Polarity.LOWER_IS_BETTER, Polarity.NONE


def test_the_trajectory_climbs_evenly_from_baseline_to_target() -> None:
    # 40 + (48 − 40) × q/4: 42, 44, 46, 48.
    assert quarterly_trajectory(40, 48) == (42, 44, 46, 48)


def test_a_falling_target_falls_evenly_too() -> None:
    # 10 + (8 − 10) × q/4: 9.5, 9, 8.5, 8.
    assert quarterly_trajectory(10, 8) == (9.5, 9, 8.5, 8)


def test_milestones_replace_the_straight_line_for_their_quarters() -> None:
    # A service opening in the autumn: flat for two quarters, then the line again for quarter 3.
    assert quarterly_trajectory(40, 48, {1: 40, 2: 40}) == (40, 40, 46, 48)


def test_quarter_four_is_always_the_annual_target() -> None:
    with pytest.raises(ValueError, match=r"quarter 4 is the target\), not \[4\]"):
        quarterly_trajectory(40, 48, {4: 47})


@pytest.mark.parametrize(
    ("value", "expected_rag"),
    [(45.0, Rag.GREEN), (44.0, Rag.GREEN), (42.5, Rag.AMBER), (42.0, Rag.AMBER), (41.9, Rag.RED)],
)
def test_higher_is_better_is_amber_within_two_points_of_the_expected_44(value: float, expected_rag: Rag) -> None:
    assert rag(value, 44.0, HIGHER, AmberTolerance(2.0)) is expected_rag


@pytest.mark.parametrize(
    ("value", "expected_rag"),
    [(8.7, Rag.GREEN), (9.0, Rag.GREEN), (9.4, Rag.AMBER), (9.5, Rag.RED)],
)
def test_lower_is_better_is_amber_within_five_per_cent_above_the_expected_9(value: float, expected_rag: Rag) -> None:
    # 5 % of 9 is 0.45: up to 9.45 is amber.
    assert rag(value, 9.0, LOWER, AmberTolerance(0.05, relative=True)) is expected_rag


def test_a_metric_with_no_good_direction_has_no_rag() -> None:
    with pytest.raises(NoGoodDirection, match="no good direction"):
        rag(12.0, 10.0, NONE, AmberTolerance(1.0))


def test_a_negative_tolerance_is_refused() -> None:
    with pytest.raises(ValueError, match="cannot be negative"):
        AmberTolerance(-1.0)


def test_significantly_short_when_even_the_top_of_the_interval_misses_the_target() -> None:
    # 81 of 263 in treatment progress: 30.8 %, with a 95 % interval of 25.5 % to 36.6 %.
    share = wilson_interval(81, 263)
    interval = Interval(share.lower * 100, share.upper * 100)

    assert significantly_short_of_target(interval, 40.0, HIGHER)
    assert not significantly_short_of_target(interval, 35.0, HIGHER)


def test_lower_is_better_is_significantly_short_when_the_bottom_of_the_interval_is_above_the_target() -> None:
    assert significantly_short_of_target(Interval(10.5, 14.0), 10.0, LOWER)
    assert not significantly_short_of_target(Interval(9.5, 14.0), 10.0, LOWER)


def test_no_good_direction_has_no_shortfall() -> None:
    with pytest.raises(NoGoodDirection):
        significantly_short_of_target(Interval(1.0, 2.0), 3.0, NONE)


LAST_YEAR = Interval(25.5, 36.6)
RISEN = Interval(37.0, 45.0)
FALLEN = Interval(15.0, 25.0)
OVERLAPPING = Interval(30.0, 40.0)


@pytest.mark.parametrize(
    ("latest", "polarity", "travel"),
    [
        (RISEN, HIGHER, Travel.IMPROVING),
        (RISEN, LOWER, Travel.WORSENING),
        (RISEN, NONE, Travel.INCREASING),
        (FALLEN, HIGHER, Travel.WORSENING),
        (FALLEN, LOWER, Travel.IMPROVING),
        (FALLEN, NONE, Travel.DECREASING),
        (OVERLAPPING, HIGHER, Travel.NO_SIGNIFICANT_CHANGE),
        (OVERLAPPING, NONE, Travel.NO_SIGNIFICANT_CHANGE),
    ],
)
def test_a_direction_of_travel_needs_intervals_that_do_not_overlap(
    latest: Interval, polarity: Polarity, travel: Travel
) -> None:
    assert direction_of_travel(LAST_YEAR, latest, polarity) is travel


def test_intervals_that_only_touch_are_no_significant_change() -> None:
    assert direction_of_travel(Interval(25.5, 36.6), Interval(36.6, 45.0), HIGHER) is Travel.NO_SIGNIFICANT_CHANGE


AREA = Interval(20.1, 28.3)


@pytest.mark.parametrize(
    ("benchmark", "polarity", "comparison"),
    [
        (Interval.point(30.0), HIGHER, Change.WORSE),
        (Interval.point(30.0), LOWER, Change.BETTER),
        (Interval.point(30.0), NONE, Change.LOWER),
        (Interval(15.0, 19.9), HIGHER, Change.BETTER),
        (Interval(15.0, 19.9), NONE, Change.HIGHER),
        (Interval(27.5, 31.0), HIGHER, Change.SIMILAR),
        (Interval(27.5, 31.0), NONE, Change.SIMILAR),
    ],
)
def test_an_area_is_better_or_worse_than_its_region_or_england_only_when_the_intervals_are_apart(
    benchmark: Interval, polarity: Polarity, comparison: Change
) -> None:
    assert compared_with_benchmark(AREA, benchmark, polarity) is comparison
