"""Numbers as people type them into a form ("1,250", "+5%", "-2.5 %"), read the same way on every page.

Blank is "not known yet" (None, no problem); each reader says what is wrong in one wording, so a % typed
on the agreed targets form and on Part 2 is accepted alike and refused with the same message.
The JSON API stays strict and does not come through here.
"""

import re
from decimal import Decimal, InvalidOperation

# What people type around numbers: "1,250", "+5%", "5 %".
_DECORATION = re.compile(r"[,\s%]")

WHOLE_NUMBER_PROBLEM = "Enter a whole number, like 1250"
PERCENTAGE_PROBLEM = "Enter a percentage, like 5 for a 5% rise or -2.5 for a fall"


def whole_number(text: str) -> tuple[int | None, str | None]:
    """A count as typed ("1,250"), blank for not known yet: the number, or what is wrong with it."""
    cleaned = _DECORATION.sub("", text)
    if not cleaned:
        return None, None
    if not (cleaned.isascii() and cleaned.isdigit()):  # isdigit() alone passes "²", which int() refuses
        return None, WHOLE_NUMBER_PROBLEM
    return int(cleaned), None


def percentage(text: str, *, places: int | None = 2) -> tuple[Decimal | None, str | None]:
    """A percentage as typed ("+5", "-2.5%"), blank for not known yet: the figure, or what is wrong with it.

    `places` bounds the decimal places where the stored figure has them (a part's figures have two);
    None where any precision is kept (the agreed % change, as the API takes it).
    """
    cleaned = _DECORATION.sub("", text).removeprefix("+")
    if not cleaned:
        return None, None
    try:
        figure = Decimal(cleaned)
    except InvalidOperation:
        return None, PERCENTAGE_PROBLEM
    if not figure.is_finite():
        return None, PERCENTAGE_PROBLEM
    exponent = figure.as_tuple().exponent
    if places is not None and isinstance(exponent, int) and exponent < -places:
        return None, f"Enter a percentage with at most {places} decimal places"
    return figure, None
