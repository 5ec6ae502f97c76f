"""Money is pounds and pence as Decimal, read strictly and written with two decimals."""

from decimal import Decimal

import pytest

from plan_schema.money import format_money, parse_money


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("0", "0.00"),
        ("12.5", "12.50"),
        (" 3.07 ", "3.07"),
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
