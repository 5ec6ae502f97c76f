"""The public scorecard hides counts of 1 to 5, and everything that would let one be worked out."""

from itertools import pairwise

import pytest
from hypothesis import given
from hypothesis import strategies as st

from service.monitoring.catalogue import Window
from service.monitoring.disclosure import NotACount
from service.monitoring.judgements import AmberTolerance
from service.monitoring.scorecard import PeriodFigure, Target, Withheld, scorecard_row, shown_figure
from service.monitoring.statistics import Aggregate
from tests.monitoring.scorecard_builders import benchmark, count, metric, share

TOLERANCE = AmberTolerance(2.0)
PROGRESS = metric("OF-35", window=Window.QUARTER)
DEATHS = metric("OF-14")
PREVALENCE = metric("OF-03")  # a rate per 1,000
SMALL = range(1, 6)


def test_three_of_a_hundred_hides_the_three_and_the_ninety_seven_and_the_percentage() -> None:
    # Showing 97 who did not, or 3.0 %, of the 100 shown would give the 3 away.
    shown = shown_figure(PROGRESS, share("2027/28 Q2", 3, 100), public=True)

    assert shown.suppressed
    assert (shown.numerator, shown.denominator, shown.value, shown.interval) == (None, 100, None, None)


def test_ninety_seven_of_a_hundred_is_hidden_too_as_the_three_who_did_not_are_few() -> None:
    shown = shown_figure(PROGRESS, share("2027/28 Q2", 97, 100), public=True)

    assert (shown.numerator, shown.value) == (None, None)


def test_a_count_of_four_deaths_is_hidden_and_zero_is_shown() -> None:
    assert shown_figure(DEATHS, count("2027/28", 4), public=True).value is None
    assert shown_figure(DEATHS, count("2027/28", 0), public=True).value == 0


def test_a_rate_hides_a_small_count_of_events_but_shows_its_population() -> None:
    figure = PeriodFigure("2027/28", Aggregate(numerator=5, denominator=250_000, value=0.02))

    shown = shown_figure(PREVALENCE, figure, public=True)

    assert (shown.numerator, shown.denominator, shown.value) == (None, 250_000, None)


def test_large_numbers_are_shown_as_they_are() -> None:
    shown = shown_figure(PROGRESS, share("2027/28 Q2", 81, 263), public=True)

    assert not shown.suppressed
    assert (shown.numerator, shown.denominator) == (81, 263)
    assert shown.value is not None
    assert shown.interval is not None


def test_no_judgement_is_made_on_a_hidden_figure_as_each_would_narrow_it_down() -> None:
    # Green against 44 % expected of 10 people says 5 or more; with "fewer than 6" that is exactly 5.
    target = Target(plan_year="2027/28", baseline=40.0, annual=48.0)
    figures = [share("2027/28 Q1", 4, 10), share("2027/28 Q2", 5, 10)]
    england = benchmark("England", share("2027/28 Q2", 45000, 100000))

    row = scorecard_row(PROGRESS, figures, tolerance=TOLERANCE, target=target, benchmarks=[england], public=True)

    assert row.public
    assert row.value_text == "Not shown (small numbers)"
    assert row.interval_text == "Not shown (small numbers)"
    assert row.assessment.rag is None
    assert row.rag_text == "Not shown (small numbers)"
    assert row.assessment.short_of_target is None
    assert row.travel.withheld is Withheld.SMALL_NUMBERS
    assert row.comparisons[0].withheld is Withheld.SMALL_NUMBERS
    # England's own large figure is still shown beside it, and the trajectory's 44 % is no one's count.
    assert row.figure_value_text(row.comparisons[0].figure) == "45.0%"
    assert row.expected_text == "44.0%"


def test_the_same_figures_unsuppressed_are_judged() -> None:
    figures = [share("2027/28 Q2", 5, 10)]
    target = Target(plan_year="2027/28", baseline=40.0, annual=48.0)

    row = scorecard_row(PROGRESS, figures, tolerance=TOLERANCE, target=target)

    assert row.value_text == "50.0%"
    assert row.rag_text == "Green – on track"


people = st.integers(0, 3) | st.integers(0, 12) | st.integers(0, 400)


@given(counted=people, rest=people)
def test_a_public_proportion_never_shows_or_lets_subtraction_find_a_count_of_one_to_five(
    counted: int, rest: int
) -> None:
    shown = shown_figure(PROGRESS, share("2027/28 Q2", counted, counted + rest), public=True)

    for part in (shown.numerator, shown.denominator):
        assert part is None or part not in SMALL
    if shown.numerator is not None and shown.denominator is not None:
        # Those not counted are the denominator less the numerator: that difference is shown too.
        assert shown.denominator - shown.numerator not in SMALL
    if counted in SMALL or rest in SMALL:
        # Either small group would follow from the other and the total, or from the value or interval.
        # A numerator of 0 may stay (zeros are shown), but then the total that holds the few is hidden.
        assert (shown.value, shown.interval, shown.strict_interval) == (None, None, None)
        assert shown.numerator is None or (shown.numerator == 0 and shown.denominator is None)
    else:
        assert (shown.numerator, shown.denominator) == (counted, counted + rest)


@given(number=people)
def test_a_public_count_is_shown_exactly_when_it_is_zero_or_six_and_over(number: int) -> None:
    shown = shown_figure(DEATHS, count("2027/28", number), public=True, with_99_8=True)

    assert shown.suppressed == (number in SMALL)
    if shown.suppressed:
        assert (shown.numerator, shown.value, shown.interval, shown.strict_interval) == (None, None, None, None)
    else:
        assert shown.numerator == number


def test_a_part_that_is_not_a_whole_count_cannot_be_checked_and_is_refused() -> None:
    figure = PeriodFigure("2027/28", Aggregate(numerator=4.5, denominator=None, value=4.5))

    with pytest.raises(NotACount, match=r"4\.5 is not a count"):
        shown_figure(DEATHS, figure, public=True)


YEAR_TO_DATE_ADMISSIONS = metric("OF-15", window=Window.YEAR_TO_DATE)


def test_a_year_to_date_quarter_that_grew_by_one_to_five_is_hidden() -> None:
    # 40 by Q1 and 43 by Q2 would show 3 admitted in Q2 alone; Q3's 60 is 20 more than Q1's, so it is
    # shown; Q4's 62 is 2 more than Q3's. The next year starts again from nothing: its Q1's 9 is shown.
    totals = [("2027/28 Q1", 40), ("2027/28 Q2", 43), ("2027/28 Q3", 60), ("2027/28 Q4", 62), ("2028/29 Q1", 9)]

    row = scorecard_row(YEAR_TO_DATE_ADMISSIONS, [count(p, n) for p, n in totals], tolerance=TOLERANCE, public=True)

    assert [point.figure.numerator for point in row.series] == [40, None, 60, None, 9]


def test_a_quarterly_figure_is_not_hidden_for_differing_from_the_quarter_before() -> None:
    # Quarters that do not accumulate: 43 − 40 counts no one.
    quarterly = metric("OF-15", window=Window.QUARTER)

    row = scorecard_row(quarterly, [count("2027/28 Q1", 40), count("2027/28 Q2", 43)], tolerance=TOLERANCE, public=True)

    assert [point.figure.numerator for point in row.series] == [40, 43]


def cumulative(steps: list[int]) -> list[int]:
    totals, running = [], 0
    for step in steps:
        running += step
        totals.append(running)
    return totals


@given(st.lists(people, min_size=1, max_size=4))
def test_no_two_shown_year_to_date_quarters_differ_by_one_to_five(steps: list[int]) -> None:
    totals = cumulative(steps)
    figures = [count(f"2027/28 Q{quarter}", total) for quarter, total in enumerate(totals, start=1)]

    row = scorecard_row(YEAR_TO_DATE_ADMISSIONS, figures, tolerance=TOLERANCE, public=True)

    # Before quarter 1 there were none, which a reader knows without being told.
    shown = [0] + [int(point.figure.numerator) for point in row.series if point.figure.numerator is not None]
    assert all(later - earlier not in SMALL for earlier, later in pairwise(shown))


@given(st.lists(st.tuples(people, people), min_size=1, max_size=4), st.tuples(people, people))
def test_nothing_on_a_public_row_shows_or_gives_away_a_count_of_one_to_five(
    quarters: list[tuple[int, int]], region: tuple[int, int]
) -> None:
    figures = [share(f"2027/28 Q{q}", counted, counted + rest) for q, (counted, rest) in enumerate(quarters, start=1)]
    latest = figures[-1].period
    row = scorecard_row(
        PROGRESS,
        figures,
        tolerance=TOLERANCE,
        target=Target(plan_year="2027/28", baseline=40.0, annual=48.0),
        benchmarks=[benchmark("the region", share(latest, region[0], region[0] + region[1]))],
        public=True,
        with_99_8=True,
    )

    shown = [point.figure for point in row.series] + [c.figure for c in row.comparisons if c.figure]
    for figure in shown:
        assert figure.numerator is None or figure.numerator not in SMALL
        assert figure.denominator is None or figure.denominator not in SMALL
        if figure.numerator is not None and figure.denominator is not None:
            assert figure.denominator - figure.numerator not in SMALL
        if figure.value is not None or figure.interval is not None or figure.strict_interval is not None:
            assert not figure.suppressed
            assert figure.numerator is not None
            assert figure.denominator is not None
    if row.latest.suppressed:
        assert (row.assessment.rag, row.assessment.short_of_target, row.travel.travel) == (None, None, None)
        assert all(comparison.change is None for comparison in row.comparisons)
