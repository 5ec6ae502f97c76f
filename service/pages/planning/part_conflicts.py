"""A stale save's form, built from three versions: the one the form was opened at, the other person's, and this user's.

The merge itself is service/planning/part_merge.py's, over the part's document. Here it becomes a form: the
merged values in the fields, a note on each field only the other person changed, and for each
location both changed a choice between this user's value and theirs. The choices are posted back
with the form (the other person's values are read again from the stored version, not the form).
"""

import datetime
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, TypeAdapter, ValidationError

from plan_schema.vocabulary import PART_SHORT_TITLES, PartName
from plan_schema.wording import plural
from service.planning import part_merge
from validators.findings import Finding, Severity

if TYPE_CHECKING:
    from service.pages.planning.part_editing import PartPage

CONFLICTS_FIELD = "conflicts"
KEEP_YOURS, USE_THEIRS = "yours", "theirs"
# More than a form could ever hold: a forged field cannot make the page list thousands.
_MOST_CONFLICTS = 500


class ConflictNote(BaseModel):
    """A location both people changed, as the conflict page shows it and posts it back to itself."""

    pointer: str
    label: str
    yours: str
    theirs: str
    # Who "theirs" is: the names of everyone who saved since the form was opened.
    by: str
    # The id on the page to go to, and the form fields the location covers with the other person's value in each.
    target: str
    fields: dict[str, str]


_NOTES = TypeAdapter(list[ConflictNote])


@dataclass(frozen=True)
class Conflict:
    """One choice on the conflict page: its note and what this user chose ("" until they do)."""

    number: int
    note: ConflictNote
    chosen: str = ""

    @property
    def name(self) -> str:
        """The name of its radios (the first radio's id, for the error summary to link to)."""
        return f"conflict-{self.number}"


@dataclass(frozen=True)
class ThreeWay:
    """The conflict page's form: the merged part and its values, the choices, and the fields only theirs changed."""

    model: BaseModel
    values: dict[str, str]
    conflicts: list[Conflict]
    theirs_only: dict[str, str]


def three_way(
    page: "PartPage", base: dict[str, Any] | None, theirs: BaseModel, mine: BaseModel, savers: str
) -> ThreeWay:
    """The form after a stale save: theirs where only they changed, mine where only I did, a choice where both did."""
    theirs_document, mine_document = theirs.model_dump(mode="json"), mine.model_dump(mode="json")
    merged = part_merge.merge_part(page.model, base, theirs_document, mine_document)
    model = page.model.model_validate(merged.document)
    values = page.form_values(model)
    labels = page.labels(model, values)
    conflicts = [
        Conflict(number, _note(page, model, values, labels, clash, savers))
        for number, clash in enumerate(merged.clashes, start=1)
    ]
    in_conflict = {name for conflict in conflicts for name in conflict.note.fields}
    base_values = _form_values(page, base)
    mine_values, theirs_values = page.form_values(mine), page.form_values(theirs)
    note = f"Changed by {savers} since you opened the form"
    theirs_only = {
        name: note
        for name, value in theirs_values.items()
        if name in base_values
        and name not in in_conflict
        and base_values[name] != value
        and mine_values.get(name) == base_values[name]
        and values.get(name) == value
    }
    return ThreeWay(model, values, conflicts, theirs_only)


def read_conflicts(posted: dict[str, str]) -> list[Conflict]:
    """The choices a conflict page posted back, or none for an ordinary form (or an unreadable record)."""
    text = posted.get(CONFLICTS_FIELD, "")
    if not text:
        return []
    try:
        notes = _NOTES.validate_json(text)[:_MOST_CONFLICTS]
    except ValidationError:
        return []
    choices = (KEEP_YOURS, USE_THEIRS)
    return [
        Conflict(number, note, chosen if (chosen := posted.get(f"conflict-{number}", "")) in choices else "")
        for number, note in enumerate(notes, start=1)
    ]


def conflicts_json(conflicts: list[Conflict]) -> str:
    """The conflicts as the page's hidden field carries them."""
    return _NOTES.dump_json([conflict.note for conflict in conflicts]).decode()


def unchosen(conflicts: list[Conflict]) -> dict[str, str]:
    """What to tell a user who saved without choosing, by the radios it is about."""
    return {
        conflict.name: f"Choose whether to keep yours or use theirs for {conflict.note.label}"
        for conflict in conflicts
        if not conflict.chosen
    }


def with_choices(
    model: type[BaseModel], mine: BaseModel, conflicts: list[Conflict], theirs: dict[str, Any]
) -> BaseModel | None:
    """This user's part with the other person's value wherever they chose theirs, or None if the result is invalid."""
    document = mine.model_dump(mode="json")
    for conflict in conflicts:
        if conflict.chosen == USE_THEIRS:
            pointer = conflict.note.pointer
            document = part_merge.with_value(document, pointer, part_merge.value_at(theirs, pointer))
    try:
        return model.model_validate(document)
    except ValidationError:
        return None


def _note(
    page: "PartPage",
    model: BaseModel,
    values: dict[str, str],
    labels: dict[str, str],
    clash: part_merge.Clash,
    savers: str,
) -> ConflictNote:
    document = model.model_dump(mode="json")
    try:
        chosen_theirs = part_merge.with_value(document, clash.pointer, clash.theirs)
        other = page.form_values(page.model.model_validate(chosen_theirs))
    except ValidationError:
        other = {}
    # The fields that show the location are those whose value the choice changes.
    names = [*values, *(name for name in other if name not in values)] if other else []
    fields = {name: other.get(name, "") for name in names if values.get(name) != other.get(name)}
    where = Finding("merge", Severity.WARNING, page.part, clash.pointer, "", "")
    target = page.place_findings([where], document)[0].target
    if clash.whole_list or len(fields) != 1 or _is_date(clash.mine) or _is_date(clash.theirs):
        # Said as a whole: a list by its items, a date as one date (not the one of its three fields that differs).
        label = labels.get(target) or _spoken_pointer(clash.pointer)
        yours = _in_words(clash.mine, clash.theirs, clash.pointer)
        theirs = _in_words(clash.theirs, clash.mine, clash.pointer)
    else:
        target = next(iter(fields))
        label = labels.get(target) or _spoken_pointer(clash.pointer)
        yours, theirs = _quoted(values.get(target, "")), _quoted(fields[target])
    return ConflictNote(
        pointer=clash.pointer, label=label, yours=yours, theirs=theirs, by=savers, target=target, fields=fields
    )


def _quoted(text: str) -> str:
    return f"“{text}”" if text else "blank"


def _in_words(value: Any, other: Any, pointer: str) -> str:
    """A value as the page says it: a list by its length and the items the other lacks, a date as a date."""
    if isinstance(value, list):
        noun = pointer.rsplit("/", 1)[-1].replace("_", " ") or "item"
        count = f"{len(value)} {noun if len(value) != 1 else _singular(noun)}"
        # Items are told apart by what people call them: a key priority's or grid's title, an objective's text.
        others = {_item_name(item) for item in other} if isinstance(other, list) else set()
        extra = [f"“{name}”" for item in value if (name := _item_name(item)) and name not in others]
        return f"{count}, with {', '.join(extra)}" if extra else count
    if value is None or value is part_merge.MISSING or value == "":
        return "blank"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, str) and _is_date(value):
        date = datetime.date.fromisoformat(value)
        return f"{date.day}/{date.month}/{date.year}"
    return f"“{value}”" if isinstance(value, str) else str(value)


def _is_date(value: Any) -> bool:
    if not isinstance(value, str):
        return False
    try:
        datetime.date.fromisoformat(value)
    except ValueError:
        return False
    return True


def _item_name(item: Any) -> str:
    return str(item.get("title") or item.get("text") or "") if isinstance(item, dict) else ""


def _singular(noun: str) -> str:
    if noun.endswith("ies"):
        return noun[:-3] + "y"
    return noun.removesuffix("s")


def _spoken_pointer(pointer: str) -> str:
    """A location without a label of its own, in words: "/grids/0/objectives" is "grids 1, objectives"."""
    segments = pointer.split("/")[1:]
    words = [str(int(segment) + 1) if segment.isdigit() else segment.replace("_", " ") for segment in segments]
    return " ".join(words) or "the whole part"


def _form_values(page: "PartPage", document: dict[str, Any] | None) -> dict[str, str]:
    if document is None:
        return {}
    try:
        return page.form_values(page.model.model_validate(document))
    except ValidationError:
        return {}


def stale_notice(part: PartName, version: int, savers: str, merged: ThreeWay, noun: tuple[str, str]) -> str:
    """What a user whose save someone else beat is told."""
    told = (
        f"{savers[0].upper()}{savers[1:]} saved {PART_SHORT_TITLES[part]} while you were editing it "
        f"(it is now at version {version}). Nothing is saved yet: the form below keeps your changes"
    )
    if merged.theirs_only:
        told += f" and takes theirs to {noun[1]} you did not change, marked “changed by {savers}”"
    if merged.conflicts:
        count = len(merged.conflicts)
        return f"{told}. You both changed {plural(count, *noun)}: choose which to keep, then save."
    return f"{told}. Check it, then save again."
