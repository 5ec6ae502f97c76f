"""What the return's section forms (progress on actions, exceptions) share: the version they were opened at,
how a post is saved or shown again with what was typed, and what they say when someone saved the section since."""

from collections.abc import Callable
from typing import Any

from fastapi.responses import RedirectResponse, Response

from service.platform.errors import PreconditionFailed

# A version a form can hold: 0 before the section's first save, never more than the database keeps.
_MAX_DIGITS = 9


def posted_version(fields: dict[str, str]) -> int:
    """The section's version the form was opened at; -1 (matching none) when missing or not a number."""
    text = fields.get("version", "")
    return int(text) if text.isdigit() and len(text) <= _MAX_DIGITS else -1


def saved_since(what: str) -> str:
    """The message when someone saved the section after the form was opened: nothing typed is lost."""
    return (
        f"Someone saved this return's {what} since you opened it. Your changes are below but not saved: "
        "check them against theirs (reload the page to see them) and save again."
    )


def save_posted(
    save: Callable[[int], object],
    fields: dict[str, str],
    *,
    errors: dict[str, Any],
    values: dict[str, str],
    what: str,
    stored_version: int,
    show: Callable[..., Response],
    saved: str,
) -> Response:
    """Save what was posted at the version the form was opened at, then go to `saved`; a mistake (422) or a save
    someone made since (409) shows the form again by `show`, with everything typed kept."""
    if errors:
        return show(status=422, values=values, errors=errors)
    try:
        save(posted_version(fields))
    except PreconditionFailed:
        return show(status=409, values=values, conflict=saved_since(what), version=stored_version)
    return RedirectResponse(saved, status_code=303)
