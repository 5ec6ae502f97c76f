"""Bounded text types: what any free text in a plan may hold."""

import unicodedata
from typing import Annotated

from pydantic import AfterValidator, BeforeValidator, Field

# Tab and newline are the only control characters a plan's text may carry: anything else
# (NUL, form feed, C1 controls, lone surrogates, non-characters) cannot be written to a
# Word or Excel document, so it is refused here rather than crashing an export later.
_ALLOWED_CONTROLS = {"\t", "\n"}
_NON_CHARACTERS = {"\ufffe", "\uffff"}


def _normalise_newlines(value: object) -> object:
    """Turn CRLF and lone CR (as browsers post them) into LF before anything is checked."""
    if isinstance(value, str):
        return value.replace("\r\n", "\n").replace("\r", "\n")
    return value


def refuse_control_characters(value: str) -> str:
    """Refuse characters that no document format can hold, naming the first one found."""
    for position, character in enumerate(value, start=1):
        if character in _ALLOWED_CONTROLS:
            continue
        category = unicodedata.category(character)
        if category in ("Cc", "Cs") or character in _NON_CHARACTERS:
            raise ValueError(
                f"contains a control character (U+{ord(character):04X}) at position {position}; "
                "only tabs and line breaks are allowed"
            )
    return value


# Limits: a line of a table (a name, a postholder) and a narrative section. Part 1 is
# "in the region of 4-6 pages" in all, so a section of 60,000 characters is far beyond any
# real use, and Excel cells (32,767) only ever receive ShortText.
SHORT_TEXT_MAX = 500
NARRATIVE_MAX = 60_000

ShortText = Annotated[
    str,
    BeforeValidator(_normalise_newlines),
    Field(max_length=SHORT_TEXT_MAX),
    AfterValidator(refuse_control_characters),
]
Narrative = Annotated[
    str,
    BeforeValidator(_normalise_newlines),
    Field(max_length=NARRATIVE_MAX),
    AfterValidator(refuse_control_characters),
]
