"""What changed between two submissions of a plan, field by field, for the regional panel.

Pure functions over JSON-like documents as submissions store them (`model.model_dump(mode="json")`):
dicts, lists and scalars. Each difference names its part and a JSON Pointer (RFC 6901) to the field,
the same kind of path comments are anchored to, so a reviewer can jump from a change to the field.
"""

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

ChangeKind = Literal["added", "removed", "changed"]


@dataclass(frozen=True)
class FieldChange:
    """One field of one part that differs between two submissions."""

    part: str
    path: str  # RFC 6901 JSON Pointer into the part's document; "" is the whole document
    change: ChangeKind
    before: Any  # None when added (a stored null that changed shows as "changed", not "added")
    after: Any  # None when removed


def escape_pointer_token(token: object) -> str:
    """One JSON Pointer reference token: "~" becomes "~0" and "/" becomes "~1" (RFC 6901 §3)."""
    # "~" first, or the "~" of a freshly written "~1" would be escaped again into "~01".
    return str(token).replace("~", "~0").replace("/", "~1")


def _is_object(value: Any) -> bool:
    """A JSON object: compared key by key."""
    return isinstance(value, Mapping)


def _is_array(value: Any) -> bool:
    """A JSON array: compared index by index."""
    # Strings and bytes are sequences to Python but single values to a reviewer.
    return isinstance(value, Sequence) and not isinstance(value, str | bytes | bytearray)


def _same_scalar(before: Any, after: Any) -> bool:
    """Equal as JSON values: true is not 1, although Python says True == 1."""
    if isinstance(before, bool) or isinstance(after, bool):
        return type(before) is type(after) and before == after
    return bool(before == after)


def _leaves(part: str, path: str, value: Any, change: ChangeKind) -> Iterator[FieldChange]:
    """Every field under a value present on one side only, each as its own change."""
    # An empty object or list is reported itself: otherwise a new objective's empty `themes` would
    # vanish from the list and the reviewer would not see that the field exists and is empty.
    if _is_object(value) and value:
        for key, item in value.items():
            yield from _leaves(part, f"{path}/{escape_pointer_token(key)}", item, change)
    elif _is_array(value) and value:
        for index, item in enumerate(value):
            yield from _leaves(part, f"{path}/{index}", item, change)
    elif change == "added":
        yield FieldChange(part, path, "added", None, value)
    else:
        yield FieldChange(part, path, "removed", value, None)


def _walk(part: str, path: str, before: Any, after: Any) -> Iterator[FieldChange]:
    """Differences between two values at the same path, in the document order of `after`."""
    if _is_object(before) and _is_object(after):
        # By key, in after's order; keys only before come last, in before's order.
        for key, item in after.items():
            child = f"{path}/{escape_pointer_token(key)}"
            if key in before:
                yield from _walk(part, child, before[key], item)
            else:
                yield from _leaves(part, child, item, "added")
        for key, item in before.items():
            if key not in after:
                yield from _leaves(part, f"{path}/{escape_pointer_token(key)}", item, "removed")
    elif _is_array(before) and _is_array(after):
        # By index, deliberately: planners number objectives by position (1.1, 1.2 …), so "objective
        # 1.2 changed" is what the panel reads and discusses. The trade-off: inserting an objective
        # shows every later one as changed and the last as added, rather than one insertion; a
        # sequence alignment would guess at identity that the documents do not record.
        for index, item in enumerate(after):
            child = f"{path}/{index}"
            if index < len(before):
                yield from _walk(part, child, before[index], item)
            else:
                yield from _leaves(part, child, item, "added")
        for index in range(len(after), len(before)):
            yield from _leaves(part, f"{path}/{index}", before[index], "removed")
    elif _is_object(before) or _is_object(after) or _is_array(before) or _is_array(after):
        # An object on one side and a list or a scalar on the other: one change of the whole value,
        # since comparing a list's items with an object's keys would mean nothing.
        yield FieldChange(part, path, "changed", before, after)
    elif not _same_scalar(before, after):
        yield FieldChange(part, path, "changed", before, after)


def diff_documents(
    before: Mapping[str, Any] | None, after: Mapping[str, Any] | None, *, part: str = ""
) -> list[FieldChange]:
    """Field changes from one document to the other; None means the part is absent on that side."""
    # None stands for "this submission does not carry the part" (an initial submission has only
    # Parts 1 and 4); a null *inside* a document is an ordinary value, such as an undated action.
    if before is None and after is None:
        return []
    if before is None:
        return list(_leaves(part, "", after, "added"))
    if after is None:
        return list(_leaves(part, "", before, "removed"))
    return list(_walk(part, "", before, after))


def diff_parts(before: Mapping[str, Mapping[str, Any]], after: Mapping[str, Mapping[str, Any]]) -> list[FieldChange]:
    """Field changes across every part of two submissions ({part name: document})."""
    # A part on one side only is reported leaf by leaf rather than as one change at path "":
    # when Parts 2 and 3 first arrive in the final submission, the panel sees every field they hold.
    changes: list[FieldChange] = []
    for name, document in after.items():
        changes.extend(diff_documents(before.get(name), document, part=str(name)))
    for name, document in before.items():
        if name not in after:
            changes.extend(diff_documents(document, None, part=str(name)))
    return changes


def summarise(changes: Iterable[FieldChange]) -> dict[str, int]:
    """How many fields changed in each part, parts in the order they first appear."""
    counts: dict[str, int] = {}
    for change in changes:
        counts[change.part] = counts.get(change.part, 0) + 1
    return counts
