"""What every document needs besides the part itself: whose plan, which years, which date."""

import datetime
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from plan_schema.text import refuse_control_characters
from plan_schema.vocabulary import DEFAULT_EXPENDITURE_CATEGORIES

MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def one_line(name: str) -> str:
    """A stored name as a document's heading shows it: line breaks and other control characters become spaces.

    Names are stored as they were given (an admin's paste may carry CR/LF); no document may fail on one.
    """
    spaced = "".join(" " if unicodedata.category(character) in ("Cc", "Cs") else character for character in name)
    return " ".join(spaced.replace("\ufffe", " ").replace("\uffff", " ").split())


@dataclass(frozen=True)
class Submitted:
    """What a submitted document is: which stage, which submission of the plan, when, and its snapshot's hash."""

    stage: str
    number: int
    submitted_at: datetime.datetime
    content_sha256: str

    @property
    def label(self) -> str:
        """ "final submission 2": the stage and the plan's submission number."""
        return f"{self.stage} submission {self.number}"


DRAFT_LABEL = "draft"
BLANK_LABEL = "blank template"


@dataclass(frozen=True)
class DocumentContext:
    """The partnership, the plan's years, the date a document is issued on, and what it is.

    A document is a draft (rendered from the parts as they stand, `saved_at` being when the part was
    last saved), a submission's (`submitted`), or a blank template (`blank`).
    """

    partnership_name: str
    plan_year: str
    previous_year: str
    indicative_years: tuple[str, ...]
    document_date: datetime.date
    expenditure_categories: tuple[str, ...] = DEFAULT_EXPENDITURE_CATEGORIES
    # The cycle's inflation uplift in per cent, which mainstream funding should at least keep up with.
    inflation_uplift_pct: Decimal | None = None
    # Part 2 indicator id ("1.1", "1.2") -> agreed target in numbers of people, once the
    # annualised baseline is known (August).
    targets_as_numbers: Mapping[str, int] | None = None
    submitted: Submitted | None = None
    saved_at: datetime.datetime | None = None
    blank: bool = False

    def __post_init__(self) -> None:
        # The name goes into every document: a character neither Word nor Excel can hold fails here, clearly.
        refuse_control_characters(self.partnership_name)
        # Table 2 is laid out in rows 5 to 14 so that its grand total sits in N15, as the guidance names it.
        if len(self.expenditure_categories) != len(DEFAULT_EXPENDITURE_CATEGORIES):
            raise ValueError(f"Table 2 has {len(DEFAULT_EXPENDITURE_CATEGORIES)} expenditure categories")
        if self.blank and self.submitted is not None:
            raise ValueError("a blank template is never a submission")

    @property
    def label(self) -> str:
        """What the document is, as its file name says it: "draft", "final submission 2", "blank template"."""
        if self.submitted is not None:
            return self.submitted.label
        return BLANK_LABEL if self.blank else DRAFT_LABEL

    @property
    def timestamp(self) -> datetime.datetime:
        """The document's created and modified time (UTC): its snapshot's, else its part's last save, else its date."""
        moment = self.submitted.submitted_at if self.submitted is not None else self.saved_at
        if moment is None:
            return datetime.datetime(self.document_date.year, self.document_date.month, self.document_date.day)  # noqa: DTZ001
        if moment.tzinfo is not None:
            moment = moment.astimezone(datetime.UTC).replace(tzinfo=None)
        return moment.replace(microsecond=0)


def long_date(date: datetime.date) -> str:
    """ "9 January 2008", whatever the machine's locale."""
    return f"{date.day} {MONTHS[date.month - 1]} {date.year}"


def short_date(date: datetime.date) -> str:
    """ "30 Sep 2008": a date that fits a narrow table column on one line."""
    return f"{date.day} {MONTHS[date.month - 1][:3]} {date.year}"
