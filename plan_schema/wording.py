"""Small helpers that put figures and places into words a planner reads."""

import datetime
import functools
from decimal import Decimal

from plan_schema.money import PENNY
from plan_schema.plan_year import first_calendar_year
from plan_schema.vocabulary import FUNDING_ROW_BY_FIELD


def pounds(amount: Decimal) -> str:
    """£1,234.56, or -£1.00 (1.3 is negative when 1.2 exceeds 1.1)."""
    sign = "-" if amount < 0 else ""
    return f"{sign}£{abs(amount).quantize(PENNY):,}"


def funding_row(field: str) -> str:
    """A Table 1 row by its code and label: "1.6 (Police)"."""
    row = FUNDING_ROW_BY_FIELD[field]
    return f"{row.code} ({row.label})"


def objective_label(grid_number: int, objective_index: int) -> str:
    """Objectives are numbered by grid and place: the third in grid 2 is "Objective 2.3"."""
    return f"Objective {grid_number}.{objective_index + 1}"


def sentence(detail: str) -> str:
    """A message as a sentence: its first letter upper case, the rest as written (codes and names kept)."""
    return detail[:1].upper() + detail[1:]


@functools.lru_cache(maxsize=64)
def words_in(text: str) -> int:
    """Words as a reader counts them: runs of characters between spaces or line breaks."""
    # Remembered for the last texts counted: Part 1's page counts each element for its hint and again for the
    # total (the five of the demo plan, 2,000 words, take 40 µs a count).
    return len(text.split())


def word_for(count: int, word: str, many: str | None = None) -> str:
    """The word as a count of it takes it: "comment" for 1, "comments" (or the irregular `many`) otherwise."""
    return word if count == 1 else many or f"{word}s"


def plural(count: int, word: str, many: str | None = None) -> str:
    """ "1 word", "2 words", "1,200 words"; `many` for a word that does not just take an s ("2 entries")."""
    return f"{count:,} {word_for(count, word, many)}"


def long_date(date: datetime.date) -> str:
    """1 April 2008 (built by hand: "%-d" is not portable)."""
    return f"{date.day} {date:%B %Y}"


def date_example(date: datetime.date) -> str:
    """ "For example, 15 1 2027": a GOV.UK date input's hint, with a date the user would recognise."""
    return f"For example, {date.day} {date.month} {date.year}"


def date_hint(plan_year: str) -> str:
    """ "For example, 30 9 2027": a part's date input hint, inside the plan year the form is about."""
    return date_example(datetime.date(first_calendar_year(plan_year), 9, 30))
