"""A scorecard row sets the latest figure against its trajectory, its earlier figure and its region and England."""

import dataclasses

import pytest

from service.monitoring.catalogue import Polarity, SeriesBreak, ValueType, Window
from service.monitoring.judgements import AmberTolerance, Change, Rag, Travel
from service.monitoring.periods import Period, UnreadablePeriod
from service.monitoring.scorecard import (
    NoFigures,
    PeriodFigure,
    ScorecardRow,
    Target,
    Withheld,
    scorecard_row,
)
from service.monitoring.statistics import Aggregate
from tests.monitoring.scorecard_builders import benchmark, count, metric, share

TWO_POINTS = AmberTolerance(2.0)
# Treatment progress (OF-35), read here as a quarter's own figure so that quarters follow on.
PROGRESS = metric("OF-35", window=Window.QUARTER)
# 40 % at baseline to 48 % by the year's end: 42, 44, 46, 48 by quarter.
PROGRESS_TARGET = Target(plan_year="2027/28", baseline=40.0, annual=48.0)
REGION = benchmark("the region", share("2027/28 Q2", 3000, 10000))
ENGLAND = benchmark("England", share("2027/28 Q2", 45000, 100000))


def progress_row() -> ScorecardRow:
    """Treatment progress falling from 48.0 % in Q1 to 30.8 % in Q2, with the region and England beside it."""
    return scorecard_row(
        PROGRESS,
        [share("2027/28 Q1", 120, 250), share("2027/28 Q2", 81, 263)],
        tolerance=TWO_POINTS,
        benchmarks=[REGION, ENGLAND],
        target=PROGRESS_TARGET,
    )


def test_the_latest_figure_and_its_95_per_cent_interval_are_shown() -> None:
    # 81 of 263 is 30.80 %; Wilson's 95 % interval is 25.53 % to 36.62 %.
    row = scorecard_row(PROGRESS, [share("2027/28 Q2", 81, 263)], tolerance=TWO_POINTS)

    assert row.latest.period == "2027/28 Q2"
    assert row.value_text == "30.8%"
    assert row.interval_text == "25.5% to 36.6%"
    assert row.strict_interval_text is None


def test_the_99_8_per_cent_interval_is_there_when_asked_for() -> None:
    # At 99.8 % (z ≈ 3.09) the same 81 of 263 spans 22.8 % to 40.1 %.
    row = scorecard_row(PROGRESS, [share("2027/28 Q2", 81, 263)], tolerance=TWO_POINTS, with_99_8=True)

    assert row.strict_interval_text == "22.8% to 40.1%"


def test_quarter_two_is_judged_against_the_trajectory_not_the_annual_target() -> None:
    row = scorecard_row(PROGRESS, [share("2027/28 Q2", 81, 263)], tolerance=TWO_POINTS, target=PROGRESS_TARGET)

    # Expected by Q2: 40 + (48 − 40) × 2/4 = 44 %. 30.8 is 13.2 points short, beyond the 2-point amber band.
    assert row.assessment.expected == 44.0
    assert row.expected_text == "44.0%"
    assert row.target_text == "48.0%"
    assert row.assessment.rag is Rag.RED
    assert row.rag_text == "Red – off track"
    assert row.rag_tag_class == "govuk-tag--red"
    # Even the top of the interval, 36.6 %, is below 44 %: significantly short.
    assert row.assessment.short_of_target is True
    assert row.significance_text == "Significantly below target"


def test_milestones_set_what_a_quarter_expects() -> None:
    # A service opening in the autumn: 30 % agreed for Q2, and 30.8 % is at or beyond it.
    target = Target(plan_year="2027/28", baseline=40.0, annual=48.0, milestones={1: 30.0, 2: 30.0})

    row = scorecard_row(PROGRESS, [share("2027/28 Q2", 81, 263)], tolerance=TWO_POINTS, target=target)

    assert row.assessment.expected == 30.0
    assert row.assessment.rag is Rag.GREEN
    assert row.significance_text == "Not significantly below target"


def test_a_whole_year_figure_is_expected_to_meet_the_annual_target() -> None:
    assert PROGRESS_TARGET.expected_in(Period.parse("2027/28")) == 48.0
    assert PROGRESS_TARGET.expected_in(Period.parse("2028/29 Q1")) is None


def test_lower_is_better_is_significantly_above_target_when_the_whole_interval_is() -> None:
    # Proven reoffending: 60 of 200 is 30 % (Wilson 24.1 % to 36.7 %) against 20 % expected by Q4.
    reoffending = metric("OF-11", window=Window.QUARTER)
    target = Target(plan_year="2027/28", baseline=24.0, annual=20.0)

    row = scorecard_row(reoffending, [share("2027/28 Q4", 60, 200)], tolerance=TWO_POINTS, target=target)

    assert row.assessment.rag is Rag.RED
    assert row.significance_text == "Significantly above target"


def test_without_a_target_there_is_no_rag_and_the_page_says_so() -> None:
    row = scorecard_row(PROGRESS, [share("2027/28 Q2", 81, 263)], tolerance=TWO_POINTS)

    assert row.assessment.rag is None
    assert row.rag_text == "No target set for this plan year"
    assert row.target_text == "No target set for this plan year"
    assert row.significance_text is None


def test_a_metric_with_no_good_direction_has_an_expected_value_but_no_rag() -> None:
    practices = metric("P2-4")
    target = Target(plan_year="2027/28", baseline=10, annual=14)

    row = scorecard_row(practices, [count("2027/28", 12)], tolerance=TWO_POINTS, target=target)

    assert row.assessment.expected == 14
    assert row.rag_text == "Not rated: this measure has no better direction"


def test_a_fall_whose_intervals_do_not_overlap_is_worsening() -> None:
    row = progress_row()

    # Q1: 120 of 250 is 48.0 % (41.9 % to 54.2 %); Q2's 25.5 % to 36.6 % lies wholly below it.
    assert row.travel.since == "2027/28 Q1"
    assert row.travel.travel is Travel.WORSENING
    assert row.travel.text == "Worsening"


def test_overlapping_intervals_are_no_significant_change() -> None:
    # 85 of 263 (32.3 %) and 81 of 263 (30.8 %): the intervals overlap almost entirely.
    row = scorecard_row(PROGRESS, [share("2027/28 Q1", 85, 263), share("2027/28 Q2", 81, 263)], tolerance=TWO_POINTS)

    assert row.travel.text == "No significant change"


def test_a_rolling_year_is_compared_with_the_same_quarter_a_year_before() -> None:
    # Effective treatment, rolling 12 months: Q2 500 (Byar 457.1 to 545.8) against last year's Q2 400
    # (361.8 to 441.2), not this year's Q1 (300), whose 12 months share nine with Q2's.
    effective = metric("P2-1.1")
    figures = [count("2026/27 Q2", 400), count("2027/28 Q1", 300), count("2027/28 Q2", 500)]

    row = scorecard_row(effective, figures, tolerance=TWO_POINTS)

    assert row.travel.since == "2026/27 Q2"
    assert row.travel.travel is Travel.IMPROVING


def test_a_series_break_between_the_periods_means_no_direction_of_travel() -> None:
    changed = metric("P2-1.1", series_breaks=(SeriesBreak(cycle="2027/28", note="Counted by episode"),))
    figures = [count("2026/27 Q2", 400), count("2027/28 Q2", 500)]

    row = scorecard_row(changed, figures, tolerance=TWO_POINTS)

    assert row.travel.travel is None
    assert row.travel.withheld is Withheld.SERIES_BREAK


def test_the_first_figure_has_nothing_to_travel_from() -> None:
    row = scorecard_row(PROGRESS, [share("2027/28 Q2", 81, 263)], tolerance=TWO_POINTS)

    assert row.travel.text == "No earlier figure to compare with"


def test_similar_to_the_region_whose_interval_overlaps_and_worse_than_england_whose_does_not() -> None:
    row = progress_row()

    # The region: 3,000 of 10,000 is 30.0 % (29.1 % to 30.9 %), inside 25.5 % to 36.6 %.
    # England: 45,000 of 100,000 is 45.0 % (44.7 % to 45.3 %), above it.
    region, england = row.comparisons
    assert (region.change, region.text) == (Change.SIMILAR, "Similar to the region")
    assert (england.change, england.text) == (Change.WORSE, "Worse than England")
    assert row.figure_value_text(england.figure) == "45.0%"


def test_with_no_good_direction_the_comparison_is_only_higher_or_lower() -> None:
    practices = metric("P2-4")
    # 40 (Byar 28.6 to 54.5) against the region's 100 (81.4 to 121.6).
    region = benchmark("the region", count("2027/28", 100))

    row = scorecard_row(practices, [count("2027/28", 40)], tolerance=TWO_POINTS, benchmarks=[region])

    assert row.comparisons[0].text == "Lower than the region"


def test_a_benchmark_without_this_period_is_not_compared() -> None:
    late = benchmark("England", share("2027/28 Q1", 45000, 100000))

    row = scorecard_row(PROGRESS, [share("2027/28 Q2", 81, 263)], tolerance=TWO_POINTS, benchmarks=[late])

    assert row.comparisons[0].text == "No figure for this period"


def test_a_mean_has_a_rag_but_no_interval_so_no_significance_travel_or_comparison() -> None:
    # Days of use fell by 420 over 60 young people: a mean fall of 7.0 days.
    cannabis = metric("OF-42b", window=Window.QUARTER)
    mean = PeriodFigure("2027/28 Q2", Aggregate(numerator=420, denominator=60, value=7.0))
    target = Target(plan_year="2027/28", baseline=4.0, annual=8.0)  # 6.0 expected by Q2

    row = scorecard_row(
        cannabis, [dataclasses.replace(mean, period="2027/28 Q1"), mean], tolerance=TWO_POINTS, target=target
    )

    assert cannabis.value_type is ValueType.MEAN_CHANGE
    assert row.value_text == "7.0"
    assert row.assessment.rag is Rag.GREEN
    assert row.significance_text is None
    assert row.travel.withheld is Withheld.NO_INTERVAL


def test_a_direction_note_for_the_plan_year_is_carried_to_the_row() -> None:
    noted = metric("OF-26")
    assert noted.polarity is Polarity.HIGHER_IS_BETTER

    row = scorecard_row(noted, [count("2027/28", 900)], tolerance=TWO_POINTS)

    assert row.direction_note == noted.direction_note_for("2027/28")


def test_a_row_needs_a_figure_and_readable_periods() -> None:
    with pytest.raises(NoFigures):
        scorecard_row(PROGRESS, [], tolerance=TWO_POINTS)
    with pytest.raises(UnreadablePeriod, match="2027-28 Q2"):
        scorecard_row(PROGRESS, [share("2027-28 Q2", 1, 2)], tolerance=TWO_POINTS)
