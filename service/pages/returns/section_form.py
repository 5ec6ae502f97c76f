"""What the return's section forms (progress on actions, exceptions) share: the version they were opened at,
and what they say when someone saved the section since."""

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
