"""Download file names for documents: safe as a file name and in a Content-Disposition header."""

import re
import unicodedata
from urllib.parse import quote

MAX_NAME_LENGTH = 150
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


def safe_download_name(partnership_name: str, part: str, extension: str) -> tuple[str, str]:
    """An ASCII fallback file name and the RFC 5987 filename* value (UTF-8) for the same name."""
    if not _EXTENSION.match(extension):
        raise ValueError(f"{extension!r} is not a file extension")
    stem = " ".join(piece for piece in (_clean(partnership_name), _clean(part)) if piece) or "plan"
    stem = stem[:MAX_NAME_LENGTH].rstrip(" .")
    ascii_stem = " ".join(_ascii(stem).split()).strip(" .") or "plan"
    unicode_name = f"{stem}.{extension}"
    return f"{ascii_stem}.{extension}", "UTF-8''" + quote(unicode_name, safe=_ATTR_CHARS)


def content_disposition(partnership_name: str, part: str, extension: str, *, inline: bool = False) -> str:
    """A Content-Disposition header value (RFC 6266) with both the ASCII and the UTF-8 name."""
    ascii_name, encoded_name = safe_download_name(partnership_name, part, extension)
    disposition = "inline" if inline else "attachment"
    return f'{disposition}; filename="{ascii_name}"; filename*={encoded_name}'


def file_disposition(filename: str) -> str:
    """Content-Disposition for a file already named (an attachment), with ASCII and UTF-8 names."""
    stem, _, extension = filename.rpartition(".")
    extension = extension.lower() if _EXTENSION.match(extension.lower()) else "bin"
    clean = _clean(stem)[:MAX_NAME_LENGTH].rstrip(" .") or "attachment"
    ascii_stem = " ".join(_ascii(clean).split()).strip(" .") or "attachment"
    encoded = "UTF-8''" + quote(f"{clean}.{extension}", safe=_ATTR_CHARS)
    return f'attachment; filename="{ascii_stem}.{extension}"; filename*={encoded}'


def year_slug(plan_year: str) -> str:
    """A plan year as it goes in a file name: 2008/09 → 2008-09 (a slash would be a folder)."""
    return plan_year.replace("/", "-")
