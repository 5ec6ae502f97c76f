"""Cheap checks on an uploaded .xlsx as a zip, before any spreadsheet parser reads a cell of it."""

import io
import posixpath
import re
import zipfile
import zlib
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring, iterparse
from openpyxl.utils.cell import get_column_letter, range_boundaries
from openpyxl.utils.exceptions import CellCoordinatesException

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
MAX_EXPANDED_BYTES = 50 * 1024 * 1024
# Generous bounds for a Part 4 workbook, whose parts are a few tens of kilobytes and whose
# sheets end by column N (Table 2) or column O (Table 1 with six years) and row 17.
MAX_PART_BYTES = 10 * 1024 * 1024
MAX_PARTS = 200
MAX_ROWS = 500
MAX_COLUMNS = 100
MAX_CELLS = 20_000  # across every sheet: openpyxl holds each cell as an object
# Each XML part is searched whole for a document type declaration (OOXML never has one), a chunk
# at a time, each chunk beginning with the end of the one before so that none hides across the seam.
_CHUNK_BYTES = 64 * 1024
_SEAM_BYTES = 32  # longer than the longest spelling _DOCTYPE matches (UTF-16, 18 bytes)

WORKBOOK = "Workbook"
_NS = {
    "ct": "http://schemas.openxmlformats.org/package/2006/content-types",
    "main": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
    "rel": "http://schemas.openxmlformats.org/package/2006/relationships",
}
_OFFICE_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
XLSX_MAIN = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
_MACRO_TYPES = ("application/vnd.ms-excel.sheet.macroEnabled.main+xml", "application/vnd.ms-office.vbaProject")
_WORD_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
_NOT_A_WORKBOOK = f"{WORKBOOK}: this is not an Excel workbook (.xlsx); download the Part 4 template and fill it in"
_DOCTYPE = re.compile(rb"<!DOCTYPE|<\x00!\x00D\x00O\x00C\x00T\x00Y\x00P\x00E", re.IGNORECASE)
_CLAIMS_TOO_MUCH = f"the sheet claims cells far beyond a Part 4 table (A1:{get_column_letter(MAX_COLUMNS)}{MAX_ROWS})"
_HOLDS_TOO_MUCH = "the sheet has cells far beyond a Part 4 table; use the template"
_CELL_TAG = f"{{{_NS['main']}}}c"
_ROW_TAG = f"{{{_NS['main']}}}row"
_DIMENSION_TAG = f"{{{_NS['main']}}}dimension"


def _xml(archive: zipfile.ZipFile, name: str) -> Element:
    """A small XML part, parsed with entity expansion forbidden."""
    return fromstring(archive.read(name), forbid_dtd=True)  # type: ignore[no-any-return]


def _content_problem(archive: zipfile.ZipFile) -> str | None:
    """Refuse anything but a macro-free .xlsx, judged by its declared content types, not its name."""
    if any(posixpath.basename(info.filename).lower() == "vbaproject.bin" for info in archive.infolist()):
        return f"{WORKBOOK}: macro-enabled workbooks (.xlsm) are not accepted; save it as an Excel Workbook (.xlsx)"
    try:
        types = _xml(archive, "[Content_Types].xml")
    except KeyError:
        return _NOT_A_WORKBOOK
    declared = {override.get("ContentType", "") for override in types.iterfind("ct:Override", _NS)}
    declared |= {default.get("ContentType", "") for default in types.iterfind("ct:Default", _NS)}
    if declared & set(_MACRO_TYPES):
        return f"{WORKBOOK}: macro-enabled workbooks (.xlsm) are not accepted; save it as an Excel Workbook (.xlsx)"
    if _WORD_MAIN in declared:
        return f"{WORKBOOK}: this is a Word document, not an Excel workbook (.xlsx)"
    if XLSX_MAIN not in declared:
        return _NOT_A_WORKBOOK
    return None


def _sheet_parts(archive: zipfile.ZipFile) -> dict[str, str]:
    """Sheet title -> the zip entry holding that sheet, from the workbook and its relationships."""
    workbook_path = next(
        override.get("PartName", "").lstrip("/")
        for override in _xml(archive, "[Content_Types].xml").iterfind("ct:Override", _NS)
        if override.get("ContentType") == XLSX_MAIN
    )
    folder, name = posixpath.split(workbook_path)
    relationships = _xml(archive, posixpath.join(folder, "_rels", f"{name}.rels"))
    targets = {rel.get("Id"): rel.get("Target", "") for rel in relationships.iterfind("rel:Relationship", _NS)}
    parts = {}
    for sheet in _xml(archive, workbook_path).iterfind("main:sheets/main:sheet", _NS):
        target = targets.get(sheet.get(_OFFICE_REL), "")
        path = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
        parts[sheet.get("name", "")] = path
    return parts


def _beyond_bounds(reference: str) -> bool:
    try:
        _, _, max_column, max_row = range_boundaries(reference)
    except (CellCoordinatesException, ValueError, TypeError):
        return True
    return (max_row or 0) > MAX_ROWS or (max_column or 0) > MAX_COLUMNS


def _sheet_problem(archive: zipfile.ZipFile, title: str, path: str, cells: int) -> tuple[str | None, int]:
    """Stream a sheet's XML, stopping at the first sign that it is far larger than Part 4 needs.

    `cells` is how many cells the sheets before this one had; the count after it is returned too.
    """
    with archive.open(path) as stream:
        for _, element in iterparse(stream, events=("end",), forbid_dtd=True):
            if element.tag == _DIMENSION_TAG and _beyond_bounds(element.get("ref", "")):
                return f"{title}!{element.get('ref')}: {_CLAIMS_TOO_MUCH}", cells
            if element.tag == _CELL_TAG:
                cells += 1
                reference = element.get("r", "A1")
                if cells > MAX_CELLS or _beyond_bounds(reference):
                    return f"{title}!{reference}: {_HOLDS_TOO_MUCH}", cells
            elif element.tag == _ROW_TAG:
                element.clear()  # keep memory bounded: finished rows are not needed again
    return None, cells


def container_problems(data: bytes) -> list[str]:
    """Everything wrong with the upload as a file; an empty list means openpyxl may open it."""
    if len(data) > MAX_UPLOAD_BYTES:
        return [f"{WORKBOOK}: the file is larger than {MAX_UPLOAD_BYTES // (1024 * 1024)} MB"]
    if not data.startswith(b"PK\x03\x04"):
        return [_NOT_A_WORKBOOK]
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return _archive_problems(archive)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, EOFError, OSError, zlib.error):
        return [_NOT_A_WORKBOOK]
    except RuntimeError:  # zipfile's answer to an encrypted entry
        return [f"{WORKBOOK}: the file is encrypted; save it without a password"]
    except (DefusedXmlException, ParseError, StopIteration, UnicodeDecodeError, ValueError, KeyError):
        return [f"{WORKBOOK}: the file's structure is damaged or is not that of an Excel workbook"]


def _declares_doctype(archive: zipfile.ZipFile, entry: zipfile.ZipInfo) -> bool:
    """True when the part holds <!DOCTYPE anywhere (its size is already bounded by MAX_PART_BYTES)."""
    with archive.open(entry) as stream:
        seam = b""
        while chunk := stream.read(_CHUNK_BYTES):
            if _DOCTYPE.search(seam + chunk):
                return True
            seam = chunk[-_SEAM_BYTES:]
    return False


def _archive_problems(archive: zipfile.ZipFile) -> list[str]:
    entries = archive.infolist()
    # Declared sizes, summed before anything is inflated: zipfile never inflates an entry past
    # its declared size, so this bounds the work of every parser that follows.
    if len(entries) > MAX_PARTS or sum(entry.file_size for entry in entries) > MAX_EXPANDED_BYTES:
        return [f"{WORKBOOK}: the file expands to far more than a Part 4 workbook; it cannot be imported"]
    if any(entry.file_size > MAX_PART_BYTES for entry in entries):
        return [f"{WORKBOOK}: a part of the file is far larger than a Part 4 workbook needs"]
    problem = _content_problem(archive)
    if problem:
        return [problem]
    if any(_declares_doctype(archive, entry) for entry in entries if entry.filename.endswith((".xml", ".rels"))):
        return [f"{WORKBOOK}: the file declares an XML document type, which no Excel workbook does"]
    problems = []
    cells = 0
    for title, path in _sheet_parts(archive).items():
        problem, cells = _sheet_problem(archive, title, path, cells)
        if problem:
            problems.append(problem)
        if cells > MAX_CELLS:
            break
    return problems
