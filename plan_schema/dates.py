"""Calendar dates as JSON carries them: a string such as "2008-04-01", never a number."""

import datetime
from typing import Annotated

from pydantic import BeforeValidator


def _refuse_numbers(value: object) -> object:
    # Pydantic would read a number as seconds since 1970; the schema promises a date string.
    if isinstance(value, int | float) and not isinstance(value, bool):
        raise ValueError('must be a date such as "2008-04-01"')
    return value


IsoDate = Annotated[datetime.date, BeforeValidator(_refuse_numbers)]
