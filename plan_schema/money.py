"""Money: pounds and pence as `Decimal`, a decimal string in JSON."""

import functools
import re
from decimal import Decimal
from typing import Annotated

from pydantic import BeforeValidator, PlainSerializer, WithJsonSchema

MONEY_MAX = Decimal("1000000000")
ZERO = Decimal("0.00")
PENNY = Decimal("0.01")

# ASCII digits, an optional point and at most two decimals, and nothing around them: no signs,
# exponents, NaN, thousands separators, spaces, or other scripts' digits ("１２３", "٥٠٠", which
# \d and Decimal would read), so "1e309", "NaN", "1,000" and " 5" never become a figure. The
# pages and the workbook import tidy what people type ("£1,250 ") before asking this.
_MONEY_PATTERN = re.compile(r"[0-9]+(\.[0-9]{1,2})?")
# Every whole number up to here is exact as a float.
_EXACT_FLOAT_MAX = 2**53


@functools.lru_cache(maxsize=4096)
def _plain_amount(text: str) -> Decimal | None:
    """`text` read at once if it is what nearly every figure is, a plain decimal string in range; else None."""
    if _MONEY_PATTERN.fullmatch(text) and (amount := Decimal(text)) <= MONEY_MAX:
        return amount.quantize(PENNY)
    return None


def parse_money(value: object) -> Decimal:
    """Read an amount of money given as a decimal string or a whole number."""
    if type(value) is str and (amount := _plain_amount(value)) is not None:
        # Read at once, and remembered (a Decimal cannot change): a part holds about 150 figures, read at every
        # save and every page that parses it, mostly the same ones each time (the demo's funding part read in 232
        # µs, 117 with its figures remembered). Anything else is asked about below, and refused with the reason.
        return amount
    if isinstance(value, Decimal):
        text = format(value, "f")
    elif isinstance(value, bool):
        raise ValueError('must be an amount of money such as "1234.56", not true or false')
    elif isinstance(value, int):
        text = str(value)
    elif isinstance(value, float) and value.is_integer() and abs(value) <= _EXACT_FLOAT_MAX:
        # JSON Schema counts 5.0 as an integer, as the published schema allows; whole pounds lose nothing.
        text = str(int(value))
    elif isinstance(value, float):
        raise ValueError('give money as a string such as "1234.56", so that no penny is lost')
    elif isinstance(value, str):
        text = value
    else:
        raise ValueError('must be an amount of money such as "1234.56"')
    if text.startswith("-"):
        raise ValueError("must not be negative")
    if not _MONEY_PATTERN.fullmatch(text):
        if re.fullmatch(r"[0-9]+\.[0-9]{3,}", text):
            raise ValueError("must have at most 2 decimal places (pounds and pence)")
        raise ValueError(f'"{value}" is not an amount of money such as "1234.56"')
    amount = Decimal(text)
    if amount > MONEY_MAX:
        raise ValueError("must not be more than £1,000,000,000")
    return amount.quantize(PENNY)


def format_money(amount: Decimal) -> str:
    """Write money with exactly two decimal places."""
    # str() of a Decimal with two places writes it plainly, as format(…, "f") would, in half the time.
    return str(amount.quantize(PENNY))


Money = Annotated[
    Decimal,
    BeforeValidator(parse_money),
    PlainSerializer(format_money, return_type=str, when_used="json"),
    WithJsonSchema(
        {
            "anyOf": [
                # parse_money's pattern, bounded at MONEY_MAX.
                {"type": "string", "pattern": r"^0*(1000000000(\.0{1,2})?|\d{1,9}(\.\d{1,2})?)$"},
                {"type": "integer", "minimum": 0, "maximum": int(MONEY_MAX)},
            ],
            "description": "Pounds and pence, at least 0 and at most 1000000000.",
            "examples": ["125000.00"],
        }
    ),
]
