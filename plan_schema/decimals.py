"""Decimal figures as JSON Schema can state them: a JSON number, or the same figure written as a string."""

from typing import Any

from pydantic import WithJsonSchema


def decimal_json_schema(*, minimum: int, maximum: int, string_pattern: str, places: int | None = 2) -> WithJsonSchema:
    """The schema of a bounded Decimal; `string_pattern` must admit exactly the strings in the bounds."""
    number: dict[str, Any] = {"type": "number", "minimum": minimum, "maximum": maximum}
    if places is not None:
        number["multipleOf"] = 10**-places
    return WithJsonSchema({"anyOf": [number, {"type": "string", "pattern": string_pattern}]})


# 0 to 100 with at most two decimal places, as a string.
PERCENT_0_TO_100 = r"^(100(\.0{1,2})?|\d{1,2}(\.\d{1,2})?)$"
# -100,000 to 100,000 with at most two decimal places, as a string.
PERCENT_WITHIN_100_000 = r"^-?(100000(\.0{1,2})?|\d{1,5}(\.\d{1,2})?)$"
