"""Ids (and versions) as callers send them: whole numbers the database's 64-bit integers hold.

A number beyond them reaches no row; it used to reach the driver, which failed with a 500.
"""

from typing import Annotated

from pydantic import Field

MAX_DB_INTEGER = 2**63 - 1  # SQLite's INTEGER and PostgreSQL's bigint

DbId = Annotated[int, Field(ge=1, le=MAX_DB_INTEGER)]
"""A path, query, form or body id: out of range is a 422 naming it."""


def db_integer(text: str) -> int | None:
    """`text` as an id or version the database can hold (ASCII digits, 1 to 2**63 - 1), else None."""
    if not (text.isascii() and text.isdigit()):
        return None
    number = int(text)
    return number if 1 <= number <= MAX_DB_INTEGER else None
