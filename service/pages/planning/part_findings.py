"""What the rules find in a part shown on its page: as stored, or as posted when the model refused some of it.

A form the part's model refuses is never saved, but the rules still read the most of it the model accepts
(part_form.best_document), so the page lists every problem at once rather than one kind at a time.
"""

from collections.abc import Callable, Iterable, Mapping
from typing import Any

from pydantic import BaseModel
from sqlmodel import Session

from plan_schema.vocabulary import PART_SHORT_TITLES, PartName
from plan_schema.wording import plural
from service.pages.planning.part_form import PlacedFinding, left_out_of
from service.planning import parts, plans, validation
from service.tables.columns import id_of
from validators.findings import Finding, count_by_severity

Place = Callable[[Iterable[Finding], Mapping[str, Any]], list[PlacedFinding]]


def stored_findings(
    view: plans.PlanView,
    part: PartName,
    shown: BaseModel,
    place: Place,
    session: Session,
    *,
    stored: parts.StoredPart | None = None,
) -> list[PlacedFinding]:
    """The stored part's findings, each by the field of `shown` (the document on the form) it is about.

    `stored`: the part as this request already read it, if it did (else it is read here).
    """
    if stored is None:
        stored = parts.read_part(id_of(view.plan), part, session=session)
    return place(validation.part_findings(stored, view, session=session), shown.model_dump(mode="json"))


def errors_left(view: plans.PlanView, part: PartName, place: Place, session: Session) -> int:
    """How many errors the part as now stored has on its page (what the page would list after saving it)."""
    stored = parts.read_part(id_of(view.plan), part, session=session)
    document = stored.model.model_dump(mode="json") if stored.model is not None else {}
    return count_by_severity(
        found.finding for found in place(validation.part_findings(stored, view, session=session), document)
    ).errors


def posted_findings(
    view: plans.PlanView,
    part: PartName,
    best: BaseModel,
    left_out: tuple[str, ...],
    place: Place,
    session: Session,
) -> list[PlacedFinding]:
    """The rules' findings on what the model accepted of a posted form, but none about what was left out of it.

    Something left out would otherwise be reported as missing, beside a field that already says what is wrong.
    """
    stored = parts.read_part(id_of(view.plan), part, session=session)
    posted = stored.holding(best)
    found = [
        item for item in validation.found_afresh(posted, view, session=session) if not left_out_of(item.path, left_out)
    ]
    return place(found, best.model_dump(mode="json"))


def in_page_order(summary: list[tuple[str, str]], values: Mapping[str, str]) -> list[tuple[str, str]]:
    """The summary's entries in the order their fields come on the page (the form's values are in that order).

    A finding about a section or item (no field of its own) comes with the first field inside it, or last.
    """
    names = list(values)

    def position(entry: tuple[str, str]) -> int:
        target = entry[1]
        inside = (index for index, name in enumerate(names) if name == target or name.startswith(f"{target}-"))
        return next(inside, len(names))

    return sorted(summary, key=position)


def to_do_sentence(part: PartName, count: int) -> str:
    """How much is left before the part can be submitted, said before the user has asked to see it."""
    if not count:
        return ""
    return f"{plural(count, 'thing')} to do before {PART_SHORT_TITLES[part]} can be submitted."


def saved_with_findings(saved_message: str, part: PartName, count: int) -> str:
    """What a save that still leaves things to fix is told, in one message."""
    left = plural(count, "thing").capitalize()
    return f"{saved_message} {left} to fix before {PART_SHORT_TITLES[part]} can be submitted:"
