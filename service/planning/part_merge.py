"""Three-way merge of a part's document: the version a form was opened at, someone else's since, and this user's.

A stale save must never undo a colleague's work, nor silently drop this user's. Every location in
the document (named by its RFC 6901 JSON Pointer) is decided on its own: changed by one side only,
that side's value is kept; changed by both to the same value, it is kept; changed by both to
different values, it is a clash for the user to decide, and the merged document holds this user's
value meanwhile. Lists need care, because their items are named by position: a list whose length
both sides changed, or that one side shortened while the other changed something in it, is one
clash for the whole list (positions no longer say which item is which). A list one side only
lengthened keeps the other side's changes to the items both had, and the new items after them.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel, ValidationError


class _Missing:
    """The value of a key a document does not have."""

    def __repr__(self) -> str:
        return "MISSING"


MISSING: Any = _Missing()


@dataclass(frozen=True)
class Clash:
    """A location both sides changed differently: what each side holds there."""

    pointer: str
    theirs: Any
    mine: Any

    @property
    def whole_list(self) -> bool:
        """True when the clash is about a whole list, decided as one."""
        return isinstance(self.theirs, list) or isinstance(self.mine, list)


@dataclass
class Merged:
    """The merged document (this user's values where they clash), the clashes, and what only theirs changed."""

    document: dict[str, Any]
    clashes: list[Clash] = field(default_factory=list)
    theirs_only: list[str] = field(default_factory=list)


def escape(segment: str) -> str:
    """A key as a JSON Pointer segment (RFC 6901)."""
    return segment.replace("~", "~0").replace("/", "~1")


def merge(base: Mapping[str, Any], theirs: Mapping[str, Any], mine: Mapping[str, Any]) -> Merged:
    """The three-way merge of three versions of one document."""
    merged = Merged({})
    document = _merge("", base, theirs, mine, merged)
    merged.document = document if isinstance(document, dict) else {}
    return merged


def _merge(pointer: str, base: Any, theirs: Any, mine: Any, merged: Merged) -> Any:
    if theirs in (mine, base):
        return mine
    if mine == base:
        merged.theirs_only.extend(_changes(pointer, base, theirs))
        return theirs
    if isinstance(base, dict) and isinstance(theirs, dict) and isinstance(mine, dict):
        keys = [*base, *(key for key in theirs if key not in base), *(key for key in mine if key not in base)]
        document: dict[str, Any] = {}
        for key in dict.fromkeys(keys):
            value = _merge(
                f"{pointer}/{escape(key)}",
                base.get(key, MISSING),
                theirs.get(key, MISSING),
                mine.get(key, MISSING),
                merged,
            )
            if value is not MISSING:
                document[key] = value
        return document
    if isinstance(base, list) and isinstance(theirs, list) and isinstance(mine, list):
        return _merge_list(pointer, base, theirs, mine, merged)
    merged.clashes.append(Clash(pointer, theirs, mine))
    return mine


def _merge_list(pointer: str, base: list[Any], theirs: list[Any], mine: list[Any], merged: Merged) -> list[Any]:
    # Both changed the list (else _merge would have taken one side). Items are matched by
    # position, which is only safe while neither side removed any.
    common = len(base)
    kept = len(theirs) == common and len(mine) == common
    lengthened = (len(theirs) > common and len(mine) == common) or (len(mine) > common and len(theirs) == common)
    if not (kept or lengthened):
        merged.clashes.append(Clash(pointer, theirs, mine))
        return mine
    items = [_merge(f"{pointer}/{index}", base[index], theirs[index], mine[index], merged) for index in range(common)]
    added = theirs[common:] if len(theirs) > common else mine[common:]
    if len(theirs) > common:
        merged.theirs_only.extend(f"{pointer}/{index}" for index in range(common, len(theirs)))
    return items + added


def _changes(pointer: str, base: Any, theirs: Any) -> list[str]:
    """The pointers of each value that differs, as finely as both sides' shapes allow."""
    if base == theirs:
        return []
    if isinstance(base, dict) and isinstance(theirs, dict):
        keys = dict.fromkeys([*base, *theirs])
        return [
            found
            for key in keys
            for found in _changes(f"{pointer}/{escape(key)}", base.get(key, MISSING), theirs.get(key, MISSING))
        ]
    if isinstance(base, list) and isinstance(theirs, list) and len(base) == len(theirs):
        return [
            found
            for index, pair in enumerate(zip(base, theirs, strict=True))
            for found in _changes(f"{pointer}/{index}", *pair)
        ]
    return [pointer]


def value_at(document: Any, pointer: str) -> Any:
    """The value at a JSON Pointer, or MISSING when the document has nothing there."""
    for segment in _segments(pointer):
        if isinstance(document, dict):
            document = document.get(segment, MISSING)
        elif isinstance(document, list) and segment.isdigit() and int(segment) < len(document):
            document = document[int(segment)]
        else:
            return MISSING
    return document


def with_value(document: dict[str, Any], pointer: str, value: Any) -> dict[str, Any]:
    """A copy of the document with `value` at the pointer (MISSING removes the key), unchanged if no such place."""
    segments = _segments(pointer)
    if not segments:
        return dict(value) if isinstance(value, dict) else document
    copied: Any = _copy(document)
    parent = value_at(copied, "".join(f"/{escape(segment)}" for segment in segments[:-1]))
    last = segments[-1]
    if isinstance(parent, dict):
        if value is MISSING:
            parent.pop(last, None)
        else:
            parent[last] = value
    elif isinstance(parent, list) and last.isdigit() and int(last) < len(parent) and value is not MISSING:
        parent[int(last)] = value
    return copied  # type: ignore[no-any-return]


def merge_part(
    model: type[BaseModel], base: Mapping[str, Any] | None, theirs: Mapping[str, Any], mine: Mapping[str, Any]
) -> Merged:
    """The merge of three versions of a part, over what people enter rather than what the service works out.

    Without the base (a version saved before history was kept), every difference is a clash. A
    clash that makes no difference once the part's figures are worked out again (a total both
    changes moved) is not one. A merge the part's model refuses is one clash over the whole part.
    """
    merged = merge(base if base is not None else _unknown(theirs), theirs, mine)
    try:
        document = model.model_validate(merged.document).model_dump(mode="json")
    except ValidationError:
        return Merged(dict(mine), [Clash("", dict(theirs), dict(mine))])
    clashes = [clash for clash in merged.clashes if _matters(model, document, clash)]
    return Merged(document, clashes, merged.theirs_only)


def _matters(model: type[BaseModel], document: dict[str, Any], clash: Clash) -> bool:
    try:
        other = model.model_validate(with_value(document, clash.pointer, clash.theirs)).model_dump(mode="json")
    except ValidationError:
        return True
    return other != document


def _unknown(document: Any) -> Any:
    """A base in which every value differs from anything either side holds, lists keeping their lengths."""
    if isinstance(document, dict):
        return {key: _unknown(value) for key, value in document.items()}
    if isinstance(document, list):
        return [_unknown(value) for value in document]
    return _Missing()


def _segments(pointer: str) -> list[str]:
    return [segment.replace("~1", "/").replace("~0", "~") for segment in pointer.split("/")[1:]]


def _copy(document: Any) -> Any:
    if isinstance(document, dict):
        return {key: _copy(value) for key, value in document.items()}
    if isinstance(document, list):
        return [_copy(value) for value in document]
    return document
