"""Which uploads a plan may carry, decided by what the bytes are, never by the name they came with.

The allow-list is what a harm reduction self-audit and its supporting evidence are written in:
PDF, Word and Excel (OOXML), OpenDocument text and spreadsheets, PNG and JPEG. Office files with
macros are refused, as is everything else, including an executable renamed to .pdf.

Plain text and CSV are refused. Any bytes that decode as UTF-8 would pass a content check for
"text", so HTML, SVG and scripts would pass too, and a browser or Excel opening them later is the
risk: a CSV cell such as `=HYPERLINK(...)` runs as a formula when a reviewer opens it. A planner
with figures in a CSV can save it as an Excel workbook, which the regional panel opens anyway.
"""

import io
import re
import unicodedata
import zipfile
import zlib
from dataclasses import dataclass
from xml.etree.ElementTree import ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

# _clean is the download-name cleaner: control characters (bidi overrides among them), quotes,
# path separators and Windows-refused punctuation go, so stored names are safe to serve later.
from service.documents.filenames import MAX_NAME_LENGTH, _clean

MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024
# A zip may declare far more than it weighs (a "zip bomb"); its own declaration is refused above this.
MAX_UNCOMPRESSED_BYTES = 100 * 1024 * 1024
MAX_ZIP_ENTRIES = 10_000
# [Content_Types].xml is a few kilobytes; the ODF mimetype entry is a few dozen bytes.
_MAX_CONTENT_TYPES_BYTES = 1024 * 1024
_MAX_MIMETYPE_BYTES = 100


@dataclass(frozen=True)
class AttachmentType:
    """An allowed kind of upload: the media type it is served with, its extension and its name."""

    media_type: str
    extension: str
    label: str


PDF = AttachmentType("application/pdf", "pdf", "PDF document")
DOCX = AttachmentType(
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx", "Word document"
)
XLSX = AttachmentType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx", "Excel workbook")
ODT = AttachmentType("application/vnd.oasis.opendocument.text", "odt", "OpenDocument text document")
ODS = AttachmentType("application/vnd.oasis.opendocument.spreadsheet", "ods", "OpenDocument spreadsheet")
PNG = AttachmentType("image/png", "png", "PNG image")
JPEG = AttachmentType("image/jpeg", "jpg", "JPEG image")
ALLOWED_TYPES: tuple[AttachmentType, ...] = (PDF, DOCX, XLSX, ODT, ODS, PNG, JPEG)

# The main part's content type, as [Content_Types].xml declares it, for the two OOXML formats allowed.
# Templates (.dotx, .xltx) and macro-enabled variants have other content types and so are refused.
_OOXML_MAIN_PARTS: dict[str, AttachmentType] = {
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml": DOCX,
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml": XLSX,
}
_ODF_MIMETYPES: dict[bytes, AttachmentType] = {
    b"application/vnd.oasis.opendocument.text": ODT,
    b"application/vnd.oasis.opendocument.spreadsheet": ODS,
}
_CONTENT_TYPES_NAMESPACE = "{http://schemas.openxmlformats.org/package/2006/content-types}"
_PDF_HEADER = re.compile(rb"%PDF-\d\.\d")
_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_ZIP_LOCAL_HEADER = b"PK\x03\x04"
# What a broken or hostile zip can raise while its directory or an entry is read.
_ZIP_ERRORS = (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError, NotImplementedError, zlib.error)


def identify(content: bytes) -> AttachmentType | None:
    """The allowed type these bytes are, or None when they are not one we accept."""
    # Refused here too, not only by the request size limit, so no caller can store an oversize file.
    if not content or len(content) > MAX_ATTACHMENT_BYTES:
        return None
    if _PDF_HEADER.match(content):
        return PDF
    # The signature and then the IHDR chunk every PNG must start with.
    if content.startswith(_PNG_SIGNATURE) and content[12:16] == b"IHDR":
        return PNG
    # Start of image, then the marker of the next segment.
    if content.startswith(b"\xff\xd8\xff"):
        return JPEG
    # At offset 0 only: a zip found at the end of other bytes (an .exe with a zip appended) is refused.
    if content.startswith(_ZIP_LOCAL_HEADER):
        return _identify_zip(content)
    return None


def _identify_zip(content: bytes) -> AttachmentType | None:
    """An OOXML or ODF document, read from the zip directory and one small entry, never extracted."""
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            entries = archive.infolist()
            if not entries or len(entries) > MAX_ZIP_ENTRIES:
                return None
            if sum(entry.file_size for entry in entries) > MAX_UNCOMPRESSED_BYTES:
                return None
            names = [entry.filename for entry in entries]
            # Two entries of one name: readers disagree on which is "the" part, so a checker could be fooled.
            if len(set(names)) != len(names):
                return None
            # Encrypted entries cannot be checked, so they cannot be allowed.
            if any(entry.flag_bits & 0x1 for entry in entries):
                return None
            if any(_holds_macros(name) for name in names):
                return None
            if entries[0].filename == "mimetype":
                return _identify_odf(archive, entries[0])
            if "[Content_Types].xml" in names:
                return _identify_ooxml(archive, set(names))
            return None
    except (*_ZIP_ERRORS, ParseError, DefusedXmlException):
        return None


def _holds_macros(name: str) -> bool:
    """Where OOXML keeps VBA (vbaProject.bin) and ODF keeps Basic and script macros."""
    lowered = name.lower()
    return "vbaproject" in lowered.rsplit("/", 1)[-1] or lowered.startswith(("basic/", "scripts/"))


def _read_bounded(archive: zipfile.ZipFile, entry: zipfile.ZipInfo, limit: int) -> bytes | None:
    """An entry's bytes if it holds at most `limit`, reading no further than that whatever it declares."""
    if entry.file_size > limit:
        return None
    with archive.open(entry) as stream:
        data = stream.read(limit + 1)
    return data if len(data) <= limit else None


def _identify_odf(archive: zipfile.ZipFile, mimetype: zipfile.ZipInfo) -> AttachmentType | None:
    """ODT or ODS: the first entry, stored uncompressed at the very start, names the document's type."""
    # ODF 1.2 part 3 §3.3: that placement is what lets a reader identify the file from its first bytes.
    if mimetype.header_offset != 0 or mimetype.compress_type != zipfile.ZIP_STORED:
        return None
    if "META-INF/manifest.xml" not in archive.namelist():
        return None
    declared = _read_bounded(archive, mimetype, _MAX_MIMETYPE_BYTES)
    return _ODF_MIMETYPES.get(declared) if declared is not None else None


def _identify_ooxml(archive: zipfile.ZipFile, names: set[str]) -> AttachmentType | None:
    """DOCX or XLSX by the main part [Content_Types].xml declares; anything macro-enabled is refused."""
    xml = _read_bounded(archive, archive.getinfo("[Content_Types].xml"), _MAX_CONTENT_TYPES_BYTES)
    if xml is None:
        return None
    # defusedxml: no entity expansion or external entities from an uploaded file.
    root = fromstring(xml)
    found: set[AttachmentType] = set()
    for element in root:
        content_type = str(element.get("ContentType", ""))
        lowered = content_type.lower()
        # .docm / .xlsm main parts and the VBA project part itself, declared as Default or Override.
        if "macroenabled" in lowered or "vbaproject" in lowered:
            return None
        if element.tag != f"{_CONTENT_TYPES_NAMESPACE}Override" or content_type not in _OOXML_MAIN_PARTS:
            continue
        # The declared main part must really be in the zip, or the declaration proves nothing.
        if str(element.get("PartName", "")).lstrip("/") in names:
            found.add(_OOXML_MAIN_PARTS[content_type])
    # Exactly one kind of main part: a file claiming to be both Word and Excel is neither.
    return found.pop() if len(found) == 1 else None


# A trailing ".xxx" of up to ten letters and digits with at least one letter: ".pdf" and ".exe" are
# extensions, but the ".2008" of "Minutes 12.03.2008" is part of the name.
_EXTENSION = re.compile(r"\.([A-Za-z0-9]{1,10})$")
_FALLBACK_STEM = "attachment"


def _strip_extension(stem: str) -> tuple[str, str | None]:
    """The name without its last extension, and that extension lowercased (None if it had none)."""
    match = _EXTENSION.search(stem)
    if match is None or not any(character.isalpha() for character in match.group(1)):
        return stem, None
    return stem[: match.start()].rstrip(" ."), match.group(1).lower()


def attachment_filename(original: str, detected: AttachmentType) -> str:
    """The user's name for the file, made safe, always ending in the extension its content has."""
    # Some browsers send the whole client path (C:\fakepath\audit.pdf); only the last piece is a name.
    base = re.split(r"[\\/]", unicodedata.normalize("NFC", original))[-1]
    stem = _clean(base)
    # The last extension always goes: it is either the detected one (put back, lowercased, below) or
    # one the content contradicts. One more is dropped if it is the detected one, so that
    # "report.pdf.exe" becomes "report.pdf" rather than "report.pdf.pdf". Any other earlier
    # extension ("report.exe.pdf") stays: it is part of the name, and only the last one is ever acted on.
    stem, _ = _strip_extension(stem)
    without, extension = _strip_extension(stem)
    if extension == detected.extension:
        stem = without
    stem = stem[:MAX_NAME_LENGTH].rstrip(" .") or _FALLBACK_STEM
    return f"{stem}.{detected.extension}"
