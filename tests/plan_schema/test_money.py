"""Money is pounds and pence as Decimal, read strictly and written with two decimals."""

import re
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from plan_schema.money import format_money, parse_money


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("0", "0.00"),
        ("12.5", "12.50"),
        ("3.07", "3.07"),
        (1_000_000_000, "1000000000.00"),
        (Decimal("4.1"), "4.10"),
        (250.0, "250.00"),  # a whole number, as JSON Schema counts 250.0
    ],
)
def test_valid_amounts_are_read_exactly(given: object, expected: str) -> None:
    assert format_money(parse_money(given)) == expected


@pytest.mark.parametrize("given", ["-0.01", "1.001", "1e3", "Infinity", "£5", "5 pounds", "", None, 0.1, 250.5, [1]])
def test_anything_else_is_refused(given: object) -> None:
    with pytest.raises(ValueError):  # noqa: PT011 - the message is checked in the API tests
        parse_money(given)


# Digits of other scripts (full-width, Arabic-Indic, Devanagari, superscript) and surrounding
# whitespace are not ASCII pounds and pence: the API refuses them rather than store a figure.
NOT_ASCII_AMOUNTS = ["１２３", "٥٠٠", "१२", "12.٥", "²", " 5", "5 ", "5\n", "\t5", " 3.07 ", "5\u00a0"]


@pytest.mark.parametrize("given", NOT_ASCII_AMOUNTS)
def test_only_ascii_digits_with_nothing_around_them_are_money(given: str) -> None:
    with pytest.raises(ValueError, match="not an amount of money"):
        parse_money(given)


@given(st.text(alphabet=st.characters(categories=["Nd", "Zs", "Cc", "Po"]), max_size=12))
def test_any_text_read_as_money_was_ascii_pounds_and_pence(text: str) -> None:
    try:
        amount = parse_money(text)
    except ValueError:
        return
    assert re.fullmatch(r"[0-9]+(\.[0-9]{1,2})?", text)
    assert amount == Decimal(text)


@given(st.decimals(min_value=0, max_value=1_000_000_000, places=2))
def test_every_amount_written_is_read_back(amount: Decimal) -> None:
    assert parse_money(format_money(amount)) == amount
