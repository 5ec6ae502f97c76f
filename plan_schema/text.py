"""Bounded text types: what any free text in a plan may hold."""

import re
from typing import Annotated

from pydantic import AfterValidator, BeforeValidator, Field

# Tab and newline are the only control characters a plan's text may carry: anything else
# (NUL, form feed, C1 controls, lone surrogates, non-characters) cannot be written to a
# Word or Excel document, so it is refused here rather than crashing an export later.
# Unicode's control characters (category Cc) but tab and newline, lone surrogates (Cs), and the two non-characters.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def _normalise_newlines(value: object) -> object:
    """Turn CRLF and lone CR (as browsers post them) into LF before anything is checked."""
    if isinstance(value, str):
        return value.replace("\r\n", "\n").replace("\r", "\n")
    return value


def refuse_control_characters(value: str) -> str:
    """Refuse characters that no document format can hold, naming the first one found."""
    # One compiled search, not a loop over every character: a Part 1 of 20,000 characters was
    # 1 ms of every read that parsed it.
    found = _CONTROL.search(value)
    if found is not None:
        raise ValueError(
            f"contains a control character (U+{ord(found.group()):04X}) at position {found.start() + 1}; "
            "only tabs and line breaks are allowed"
        )
    return value


# The same rule as a JSON Schema pattern, so that the published schemas state it: the control
# characters (carriage return is allowed, as it becomes a line break) and the two non-characters.
_REFUSED = r"\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFE\uFFFF"
# Python's whitespace (str.strip) outside the refused characters.
_SPACE = r"\t\n\r \u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000"
TEXT_PATTERN = rf"^[^{_REFUSED}]*$"
# Text with something other than whitespace in it, as a comment or a reason must have.
NON_BLANK_TEXT_PATTERN = rf"^[^{_REFUSED}]*[^{_SPACE}{_REFUSED}][^{_REFUSED}]*$"
# A JSON Pointer into a part, or nothing.
POINTER_PATTERN = rf"^(/[^{_REFUSED}]*)?$"

# Limits: a line of a table (a name, a postholder) and a narrative section. Part 1 is
# "in the region of 4-6 pages" in all, so a section of 60,000 characters is far beyond any
# real use, and Excel cells (32,767) only ever receive ShortText.
SHORT_TEXT_MAX = 500
NARRATIVE_MAX = 60_000

ShortText = Annotated[
    str,
    BeforeValidator(_normalise_newlines),
    Field(max_length=SHORT_TEXT_MAX, json_schema_extra={"pattern": TEXT_PATTERN}),
    AfterValidator(refuse_control_characters),
]
Narrative = Annotated[
    str,
    BeforeValidator(_normalise_newlines),
    Field(max_length=NARRATIVE_MAX, json_schema_extra={"pattern": TEXT_PATTERN}),
    AfterValidator(refuse_control_characters),
]

# What the published schema says of text the service refuses when blank (the check is the caller's).
NonBlankNarrative = Annotated[Narrative, Field(json_schema_extra={"pattern": NON_BLANK_TEXT_PATTERN})]
PointerText = Annotated[ShortText, Field(json_schema_extra={"pattern": POINTER_PATTERN})]
