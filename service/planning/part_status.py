"""Where a part is, as the task list and the check-your-answers page say it: a judgement on its findings.

Not started, in progress (what is left is only blanks), has errors (something filled in is wrong), or
completed; decided here once, from the stored part and its findings, for any page or API that shows it.
"""

from enum import StrEnum
from typing import Any

from service.planning.parts import StoredPart
from validators.findings import Finding, errors_of


class PartStatus(StrEnum):
    """Where a part is, as the task list says it."""

    NOT_STARTED = "Not started"
    IN_PROGRESS = "In progress"
    HAS_ERRORS = "Has errors"
    COMPLETED = "Completed"


def _is_blank(document: Any, path: str) -> bool:
    """True when the JSON Pointer names something not filled in yet (absent, empty text or list)."""
    found: Any = document
    for segment in path.split("/")[1:]:
        key = segment.replace("~1", "/").replace("~0", "~")
        if isinstance(found, list) and key.isdigit() and int(key) < len(found):
            found = found[int(key)]
        elif isinstance(found, dict) and key in found:
            found = found[key]
        else:
            return True
    return found is None or (isinstance(found, str | list | dict) and len(found) == 0)


def part_status(stored: StoredPart, findings: list[Finding], *, started: bool) -> PartStatus:
    """Not started while nothing is entered; completed with no errors; in progress while the errors are only gaps."""
    if not started:  # as readiness and the submission judge it: service.planning.plans.is_started
        return PartStatus.NOT_STARTED
    errors = errors_of(findings)
    if not errors:
        return PartStatus.COMPLETED
    # Errors about blanks mean work still to do; an error about a figure or text filled in is a mistake.
    if all(_is_blank(stored.document, finding.path) for finding in errors):
        return PartStatus.IN_PROGRESS
    return PartStatus.HAS_ERRORS
