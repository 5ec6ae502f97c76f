"""Download file names: the one scheme every document's name follows, safe in a Content-Disposition header."""

import re
import unicodedata
from urllib.parse import quote

from plan_schema.vocabulary import PartName

MAX_NAME_LENGTH = 150
# A part as a file name says it: short enough to read in a folder listing.
PART_FILE_NAMES = {
    PartName.STRATEGIC_SUMMARY: "Part 1 strategic summary",
    PartName.TARGETS: "Part 2 targets",
    PartName.PLANNING_GRIDS: "Part 3 planning grids",
    PartName.FUNDING: "Part 4 funding",
}
# RFC 5987 attr-char besides letters and digits: what may appear unencoded in filename*.
_ATTR_CHARS = "!#$&+-.^_`|~"
# Characters no file name should carry: quotes, path separators, and those Windows refuses.
_UNSAFE = re.compile(r'["\\/:*?<>|;%]')
_EXTENSION = re.compile(r"^[a-z0-9]{1,10}$")


def _clean(text: str) -> str:
    """Control characters (CR, LF among them) and unsafe punctuation become spaces; spaces collapse."""
    text = "".join(" " if unicodedata.category(character)[0] == "C" else character for character in text)
    text = _UNSAFE.sub(" ", text)
    return " ".join(text.split()).strip(" .")


def _ascii(text: str) -> str:
    """Accents dropped (ŵ → w, é → e), anything else non-ASCII replaced by "_"."""
    decomposed = unicodedata.normalize("NFKD", text)
    without_marks = "".join(character for character in decomposed if not unicodedata.combining(character))
    return "".join(character if character.isascii() else "_" for character in without_marks)


def document_filename(partnership_name: str, plan_year: str, part: PartName, label: str, extension: str) -> str:
    """The one name a part's document goes by, whatever route serves it.

    "Birmingham Drug Action Team 2027-28 Part 1 strategic summary (final submission 2).docx"; a draft's
    label is "draft", a blank template has no partnership: "2027-28 Part 4 funding (blank template).xlsx".
    """
    if not _EXTENSION.match(extension):
        raise ValueError(f"{extension!r} is not a file extension")
    tail = f" {year_slug(plan_year)} {PART_FILE_NAMES[part]} ({label})"
    # A long partnership name is shortened so that the year, part and label always survive.
    partnership = _clean(partnership_name)[: max(0, MAX_NAME_LENGTH - len(tail))].rstrip(" .")
    stem = _clean(partnership + tail)
    return f"{stem}.{extension}"


def file_disposition(filename: str) -> str:
    """Content-Disposition (RFC 6266) for a named file: an ASCII fallback name and the exact UTF-8 one (RFC 5987)."""
    stem, _, extension = filename.rpartition(".")
    extension = extension.lower() if _EXTENSION.match(extension.lower()) else "bin"
    clean = _clean(stem)[:MAX_NAME_LENGTH].rstrip(" .") or "attachment"
    ascii_stem = " ".join(_ascii(clean).split()).strip(" .") or "attachment"
    encoded = "UTF-8''" + quote(f"{clean}.{extension}", safe=_ATTR_CHARS)
    return f'attachment; filename="{ascii_stem}.{extension}"; filename*={encoded}'


def year_slug(plan_year: str) -> str:
    """A plan year as it goes in a file name: 2008/09 → 2008-09 (a slash would be a folder)."""
    return plan_year.replace("/", "-")


def return_filename(partnership_name: str, plan_year: str, quarter: int, what: str, number: int, extension: str) -> str:
    """A submitted return's file: "Birmingham DAT 2024-25 Q2 return (submission 1).docx" (`what`: return, spend)."""
    if not _EXTENSION.match(extension):
        raise ValueError(f"{extension!r} is not a file extension")
    tail = f" {year_slug(plan_year)} Q{quarter} {what} (submission {number})"
    partnership = _clean(partnership_name)[: max(0, MAX_NAME_LENGTH - len(tail))].rstrip(" .")
    return f"{_clean(partnership + tail)}.{extension}"
