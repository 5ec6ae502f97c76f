"""Text for a CSV that someone will open in a spreadsheet: nothing in it may run as a formula."""

# A cell starting like this would run as a formula when the CSV is opened in a spreadsheet.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_text(value: object) -> str:
    """The value as text, with an apostrophe before anything a spreadsheet would take for a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text
