"""Public tables hide counts of 1 to 5, and no hidden count can be worked out from what is shown."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from service.monitoring.statistics import ShownGroup, suppress


def test_small_counts_are_hidden_and_a_second_cell_with_them_so_the_total_gives_nothing_away() -> None:
    # 3 alone hidden: 55 − 40 − 12 = 3. Hiding the next smallest, 12, leaves 15 shared by two cells.
    assert suppress([3, 40, 12]) == ShownGroup(cells=(None, 40, None), total=55)


def test_zero_is_shown() -> None:
    assert suppress([0, 7, 9]) == ShownGroup(cells=(0, 7, 9), total=16)


def test_counts_of_six_and_more_are_shown() -> None:
    assert suppress([6, 120]) == ShownGroup(cells=(6, 120), total=126)


def test_two_hidden_ones_are_not_enough_when_the_total_shows_they_must_both_be_one() -> None:
    # Hiding only the two 1s leaves 52 − 50 = 2 for two cells of at least 1 each: both are 1.
    assert suppress([1, 1, 50]) == ShownGroup(cells=(None, None, None), total=52)


def test_two_different_small_counts_protect_each_other() -> None:
    # 7 − 0 between two hidden cells: anything from 1 and 6 to 6 and 1.
    assert suppress([3, 4, 0]) == ShownGroup(cells=(None, None, 0), total=7)


def test_with_no_other_cell_to_hide_the_total_is_hidden() -> None:
    # One small count among zeros: the total would be the count itself.
    assert suppress([3, 0, 0]) == ShownGroup(cells=(None, 0, 0), total=None)


def test_a_small_total_is_itself_hidden() -> None:
    assert suppress([2, 2]).total is None


def test_a_negative_count_is_refused() -> None:
    with pytest.raises(ValueError, match="cannot be negative"):
        suppress([3, -1])


def hidden_cell_values(shown: ShownGroup) -> range | None:
    """What a reader can say a hidden cell holds: each is at least 1, and together they make total − shown.

    None when the total is hidden and there is nothing to subtract from.
    """
    if shown.total is None:
        return None
    hidden = [cell for cell in shown.cells if cell is None]
    left_for_hidden = shown.total - sum(cell for cell in shown.cells if cell is not None)
    # One hidden cell holds the rest less at least 1 for each of the others.
    return range(1, left_for_hidden - (len(hidden) - 1) + 1)


# Mostly the counts where suppression bites: 0, 1-5 and just above; sometimes large ones.
counts = st.integers(0, 2) | st.integers(0, 8) | st.integers(0, 60)


@given(st.lists(counts, min_size=1, max_size=8))
def test_no_hidden_count_can_be_recovered_from_the_shown_cells_and_the_total(cells: list[int]) -> None:
    shown = suppress(cells)

    possible = hidden_cell_values(shown)
    for original, published in zip(cells, shown.cells, strict=True):
        if published is None:
            assert original > 0
            assert possible is None or (original in possible and len(possible) > 1)
        else:
            assert published == original
            assert not 0 < published < 6
    assert shown.total is None or not 0 < shown.total < 6
