"""A partnership's figure is built from its areas' counts, and its interval is the one published methods give."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from service.monitoring.catalogue import ValueType
from service.monitoring.statistics import (
    NINETY_NINE_POINT_EIGHT,
    Aggregate,
    NotAggregable,
    Observation,
    aggregate,
    byar_interval,
    confidence_interval,
    rate_interval,
    wilson_interval,
    z_for,
)


def test_a_partnership_is_its_areas_counts_summed_not_a_mean_of_their_percentages() -> None:
    # 30 of 100 (30 %) and 1 of 10 (10 %): 31 of 110 is 28.18 %; the mean of percentages would say 20 %.
    areas = [Observation(30, 100), Observation(1, 10)]

    combined = aggregate(ValueType.PROPORTION, 100, areas)

    assert combined.numerator == 31
    assert combined.denominator == 110
    assert combined.value == pytest.approx(28.1818, abs=1e-4)


def test_a_rate_is_per_its_multiplier() -> None:
    # 12 + 18 deaths in 100,000 + 150,000 people: 30 per 250,000 = 12.0 per 100,000.
    combined = aggregate(ValueType.RATE, 100_000, [Observation(12, 100_000), Observation(18, 150_000)])

    assert combined.value == pytest.approx(12.0)


def test_counts_add_up() -> None:
    assert aggregate(ValueType.COUNT, 1, [Observation(812), Observation(95)]) == Aggregate(907, None, 907)


def test_a_mean_score_is_total_score_over_reviews() -> None:
    # 40 reviews averaging 15 and 10 averaging 20: 800 over 50 = 16, not (15 + 20) / 2.
    combined = aggregate(ValueType.MEAN, 1, [Observation(600, 40), Observation(200, 10)])

    assert combined.value == pytest.approx(16.0)


def test_no_one_in_the_denominator_gives_no_value_rather_than_a_crash() -> None:
    combined = aggregate(ValueType.PROPORTION, 100, [Observation(0, 0), Observation(0, 0)])

    assert combined == Aggregate(0, 0, None)
    assert confidence_interval(ValueType.PROPORTION, 100, combined) is None


def test_a_mean_change_given_only_as_a_mean_cannot_be_combined() -> None:
    with pytest.raises(NotAggregable, match="mean change combines only from each area's total change"):
        aggregate(ValueType.MEAN_CHANGE, 1, [Observation(-6.5, 40), Observation(-4.0)])


def test_a_mean_change_with_its_counts_combines_like_a_mean() -> None:
    # 40 people with a total change of −260 days and 10 with −40: −300 over 50 = −6 days each.
    combined = aggregate(ValueType.MEAN_CHANGE, 1, [Observation(-260, 40), Observation(-40, 10)])

    assert combined.value == pytest.approx(-6.0)


def test_a_proportion_missing_a_denominator_is_refused() -> None:
    with pytest.raises(NotAggregable, match="needs every area's denominator"):
        aggregate(ValueType.PROPORTION, 100, [Observation(3, 10), Observation(4)])


def test_a_count_given_a_denominator_is_refused() -> None:
    with pytest.raises(NotAggregable, match="a count has no denominator"):
        aggregate(ValueType.COUNT, 1, [Observation(3, 10)])


def test_z_is_1_96_at_95_per_cent_and_3_09_at_99_8() -> None:
    assert z_for(0.95) == pytest.approx(1.959964, abs=1e-6)
    assert z_for(NINETY_NINE_POINT_EIGHT) == pytest.approx(3.090232, abs=1e-6)


def test_wilson_for_81_of_263_matches_the_published_interval() -> None:
    # Newcombe (1998, Stat Med 17:857) gives 0.2553 to 0.3662 for 81/263. By hand: p = 0.307985,
    # z²/n = 3.841459/263 = 0.014606; centre = (p + 0.007303)/1.014606 = 0.310749;
    # half-width = 1.959964 × √(p(1−p)/263 + z²/4n²) / 1.014606 = 1.959964 × √0.00082424 / 1.014606 = 0.055460.
    interval = wilson_interval(81, 263)

    assert interval.lower == pytest.approx(0.2553, abs=5e-5)
    assert interval.upper == pytest.approx(0.3662, abs=5e-5)


def test_wilson_at_99_8_per_cent_is_wider() -> None:
    # z = 3.090232: z²/n = 0.036310; centre = (0.307985 + 0.018155)/1.036310 = 0.314711;
    # half-width = 3.090232 × √(0.00081036 + 0.00003451) / 1.036310 = 0.086677.
    interval = wilson_interval(81, 263, level=NINETY_NINE_POINT_EIGHT)

    assert interval.lower == pytest.approx(0.2280, abs=5e-5)
    assert interval.upper == pytest.approx(0.4014, abs=5e-5)


def test_wilson_at_none_and_all_is_not_zero_width() -> None:
    # 0 of 10: the upper bound is (z²/n) ÷ (1 + z²/n) = 0.38415/1.38415 = 0.27753.
    none, every = wilson_interval(0, 10), wilson_interval(10, 10)

    assert none.lower == 0.0
    assert none.upper == pytest.approx(0.27753, abs=1e-5)
    assert every.lower == pytest.approx(0.72247, abs=1e-5)
    assert every.upper == 1.0


def test_byar_for_100_events() -> None:
    # Lower: 100 × (1 − 1/900 − 1.959964/30)³ = 100 × 0.933557³ = 81.362.
    # Upper: 101 × (1 − 1/909 + 1.959964/(3√101))³ = 101 × 1.063908³ = 121.628.
    interval = byar_interval(100)

    assert interval.lower == pytest.approx(81.362, abs=1e-3)
    assert interval.upper == pytest.approx(121.628, abs=1e-3)


def test_byar_for_no_events_starts_at_zero() -> None:
    # Upper: 1 × (1 − 1/9 + 1.959964/3)³ = 1.542210³ = 3.668.
    interval = byar_interval(0)

    assert interval.lower == 0
    assert interval.upper == pytest.approx(3.668, abs=1e-3)


def test_a_rate_interval_is_byar_on_the_count_scaled_like_the_rate() -> None:
    # 30 deaths in 250,000: 12.0 per 100,000. Byar on 30: 30 × 0.877014³ = 20.237 and
    # 31 × 1.113756³ = 42.828; each ÷ 250,000 × 100,000 gives 8.095 to 17.131.
    interval = rate_interval(30, 250_000, 100_000)

    assert interval.lower == pytest.approx(8.095, abs=1e-3)
    assert interval.upper == pytest.approx(17.131, abs=1e-3)


def test_the_interval_suits_the_value_type_and_its_scale() -> None:
    proportion = confidence_interval(ValueType.PROPORTION, 100, Aggregate(81, 263, 30.80))
    count = confidence_interval(ValueType.COUNT, 1, Aggregate(100, None, 100))

    assert proportion is not None
    assert proportion.lower == pytest.approx(25.53, abs=5e-3)
    assert proportion.upper == pytest.approx(36.62, abs=5e-3)
    assert count == byar_interval(100)
    assert confidence_interval(ValueType.MEAN, 1, Aggregate(800, 50, 16)) is None


def test_an_impossible_proportion_is_refused() -> None:
    with pytest.raises(ValueError, match="is not a proportion"):
        wilson_interval(11, 10)


def test_a_confidence_level_of_100_per_cent_is_refused() -> None:
    with pytest.raises(ValueError, match="between 0 and 1"):
        z_for(1.0)


def observation_lists(value_type: ValueType) -> st.SearchStrategy[list[Observation]]:
    if value_type is ValueType.COUNT:
        return st.lists(st.builds(Observation, st.integers(0, 10**6)), max_size=12)
    scores = st.floats(-1e6, 1e6, allow_nan=False, allow_infinity=False)
    numerators = st.integers(0, 10**6) if value_type is ValueType.PROPORTION else scores
    return st.lists(st.builds(Observation, numerators, st.integers(10**6, 2 * 10**6)), max_size=12)


@given(st.data(), st.sampled_from([ValueType.COUNT, ValueType.PROPORTION, ValueType.MEAN]))
def test_the_order_areas_are_listed_in_does_not_change_the_result(data: st.DataObject, value_type: ValueType) -> None:
    areas = data.draw(observation_lists(value_type))
    shuffled = data.draw(st.permutations(areas))

    assert aggregate(value_type, 1, shuffled) == aggregate(value_type, 1, areas)


@given(
    st.integers(1, 100_000).flatmap(lambda n: st.tuples(st.integers(0, n), st.just(n))),
    st.floats(0.5, 0.999),
)
def test_a_wilson_interval_holds_its_estimate_and_stays_between_0_and_1(
    successes_of: tuple[int, int], level: float
) -> None:
    successes, trials = successes_of

    interval = wilson_interval(successes, trials, level=level)

    assert 0 <= interval.lower <= successes / trials <= interval.upper <= 1
