"""Uploads are allowed by what their bytes are; names are cleaned and follow the content."""

import io
import struct
import zipfile
import zlib

import docx
import openpyxl
import pytest

from service.journey.attachment_types import (
    ALLOWED_TYPES,
    DOCX,
    JPEG,
    MAX_ATTACHMENT_BYTES,
    ODS,
    ODT,
    PDF,
    PNG,
    XLSX,
    attachment_filename,
    identify,
)

MINIMAL_PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"
JPEG_START = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00\xff\xd9"
WORD_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
EXCEL_MAIN = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"


def _png() -> bytes:
    """A real 1×1 white PNG."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\xff\xff\xff")
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")


def _docx() -> bytes:
    document = docx.Document()
    document.add_paragraph("Harm reduction self-audit")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _xlsx() -> bytes:
    workbook = openpyxl.Workbook()
    workbook.active["A1"] = "Self-audit"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _rezip(original: bytes, *, replace: dict[str, bytes] | None = None, add: dict[str, bytes] | None = None) -> bytes:
    """The same zip with some entries' content replaced and others added."""
    replace, add = replace or {}, add or {}
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(original)) as source, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as out:
        for entry in source.infolist():
            out.writestr(entry.filename, replace.get(entry.filename, source.read(entry)))
        for name, data in add.items():
            out.writestr(name, data)
    return buffer.getvalue()


def _content_types(original: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(original)) as archive:
        return archive.read("[Content_Types].xml").decode()


def _odf(
    mimetype: bytes, *, stored: bool = True, mimetype_first: bool = True, extra: dict[str, bytes] | None = None
) -> bytes:
    """An OpenDocument zip: the mimetype entry (first and stored, unless told otherwise), content, manifest."""
    buffer = io.BytesIO()
    manifest = b'<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"/>'
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        if not mimetype_first:
            archive.writestr("content.xml", b"<office:document-content/>")
        archive.writestr("mimetype", mimetype, compress_type=zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED)
        if mimetype_first:
            archive.writestr("content.xml", b"<office:document-content/>")
        archive.writestr("META-INF/manifest.xml", manifest)
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
    return buffer.getvalue()


# Each allowed type, built here as a small but genuine file.


def test_a_pdf_is_identified_by_its_header() -> None:
    assert identify(MINIMAL_PDF) == PDF


def test_a_word_document_is_identified() -> None:
    assert identify(_docx()) == DOCX


def test_an_excel_workbook_is_identified() -> None:
    assert identify(_xlsx()) == XLSX


def test_an_opendocument_text_is_identified() -> None:
    assert identify(_odf(b"application/vnd.oasis.opendocument.text")) == ODT


def test_an_opendocument_spreadsheet_is_identified() -> None:
    assert identify(_odf(b"application/vnd.oasis.opendocument.spreadsheet")) == ODS


def test_a_png_is_identified() -> None:
    assert identify(_png()) == PNG


def test_a_jpeg_is_identified() -> None:
    assert identify(JPEG_START) == JPEG


def test_a_word_document_renamed_pdf_is_still_a_word_document() -> None:
    detected = identify(_docx())

    assert detected == DOCX
    assert attachment_filename("self-audit.pdf", detected) == "self-audit.docx"


def test_every_allowed_type_has_a_distinct_extension() -> None:
    assert len({kind.extension for kind in ALLOWED_TYPES}) == len(ALLOWED_TYPES)


# What is refused.


def test_an_empty_file_is_refused() -> None:
    assert identify(b"") is None


def test_a_file_over_ten_megabytes_is_refused_whatever_it_is() -> None:
    assert identify(MINIMAL_PDF + b"\0" * MAX_ATTACHMENT_BYTES) is None


def test_a_windows_program_renamed_pdf_is_refused() -> None:
    assert identify(b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\0" * 64) is None


def test_a_program_with_a_document_appended_is_refused() -> None:
    assert identify(b"MZ\x90\x00" + b"\0" * 60 + _docx()) is None


def test_an_excel_macro_enabled_workbook_is_refused() -> None:
    original = _xlsx()
    xlsm_types = _content_types(original).replace(EXCEL_MAIN, "application/vnd.ms-excel.sheet.macroEnabled.main+xml")

    assert identify(_rezip(original, replace={"[Content_Types].xml": xlsm_types.encode()})) is None


def test_a_workbook_carrying_a_vba_project_is_refused_even_without_the_macro_content_type() -> None:
    assert identify(_rezip(_xlsx(), add={"xl/vbaProject.bin": b"\xd0\xcf\x11\xe0"})) is None


def test_an_opendocument_file_with_basic_macros_is_refused() -> None:
    odt = _odf(b"application/vnd.oasis.opendocument.text", extra={"Basic/Standard/Module1.xml": b"<x/>"})

    assert identify(odt) is None


def test_a_zip_that_is_not_a_document_is_refused() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "hello")

    assert identify(buffer.getvalue()) is None


def test_a_zip_with_a_broken_directory_is_refused() -> None:
    assert identify(b"PK\x03\x04" + b"\x00" * 200) is None


def test_a_truncated_word_document_is_refused() -> None:
    whole = _docx()

    assert identify(whole[: len(whole) // 2]) is None


def test_a_document_declaring_more_than_100_megabytes_uncompressed_is_refused() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(_docx())) as source, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as out:
        for entry in source.infolist():
            out.writestr(entry.filename, source.read(entry))
        with out.open("word/media/padding.bin", "w") as padding:
            for _ in range(101):
                padding.write(b"\0" * (1024 * 1024))
    bomb = buffer.getvalue()

    assert len(bomb) < MAX_ATTACHMENT_BYTES
    assert identify(bomb) is None


def test_a_document_with_an_encrypted_entry_is_refused_because_it_cannot_be_checked() -> None:
    # Python cannot write encrypted zips: set the "encrypted" flag of one central directory record.
    data = bytearray(_docx())
    record = data.find(b"PK\x01\x02")
    while record != -1:
        name_length = struct.unpack_from("<H", data, record + 28)[0]
        if data[record + 46 : record + 46 + name_length] == b"word/document.xml":
            data[record + 8] |= 0x1
        record = data.find(b"PK\x01\x02", record + 46)

    assert identify(bytes(data)) is None


def test_a_declared_main_part_missing_from_the_zip_is_refused() -> None:
    original = _docx()
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(original)) as source, zipfile.ZipFile(buffer, "w") as out:
        for entry in source.infolist():
            if entry.filename != "word/document.xml":
                out.writestr(entry.filename, source.read(entry))

    assert identify(buffer.getvalue()) is None


def test_a_file_claiming_to_be_both_word_and_excel_is_refused() -> None:
    original = _docx()
    both = _content_types(original).replace(
        "</Types>", f'<Override PartName="/xl/workbook.xml" ContentType="{EXCEL_MAIN}"/></Types>'
    )

    refused = _rezip(original, replace={"[Content_Types].xml": both.encode()}, add={"xl/workbook.xml": b"<x/>"})

    assert identify(refused) is None


def test_a_word_template_is_refused() -> None:
    original = _docx()
    template = _content_types(original).replace(
        WORD_MAIN, "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml"
    )

    assert identify(_rezip(original, replace={"[Content_Types].xml": template.encode()})) is None


def test_content_types_with_an_entity_bomb_are_refused_not_expanded() -> None:
    bomb = (
        '<?xml version="1.0"?><!DOCTYPE Types [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        f'<Override PartName="/word/document.xml" ContentType="{WORD_MAIN}"/><Default Extension="x" ContentType="&b;"/>'
        "</Types>"
    )

    assert identify(_rezip(_docx(), replace={"[Content_Types].xml": bomb.encode()})) is None


def test_an_opendocument_file_whose_mimetype_is_compressed_is_refused() -> None:
    assert identify(_odf(b"application/vnd.oasis.opendocument.text", stored=False)) is None


def test_an_opendocument_file_whose_mimetype_is_not_first_is_refused() -> None:
    assert identify(_odf(b"application/vnd.oasis.opendocument.text", mimetype_first=False)) is None


def test_an_opendocument_presentation_is_refused() -> None:
    assert identify(_odf(b"application/vnd.oasis.opendocument.presentation")) is None


@pytest.mark.parametrize(
    "content",
    [
        b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>",
        b"<svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'/>",
        b"Indicator,Baseline\n1.1,3580\n",
        b'=HYPERLINK("http://example.invalid","click")\n',
        b"Plain notes from the panel meeting.\n",
    ],
    ids=["html", "svg", "csv", "csv-formula", "text"],
)
def test_html_and_text_of_any_kind_are_refused(content: bytes) -> None:
    assert identify(content) is None


def test_a_gif_is_refused() -> None:
    assert identify(b"GIF89a\x01\x00\x01\x00\x00\x00\x00;") is None


# File names.


def test_a_second_extension_that_the_content_contradicts_is_dropped() -> None:
    assert attachment_filename("report.pdf.exe", PDF) == "report.pdf"


def test_a_single_wrong_extension_is_replaced() -> None:
    assert attachment_filename("budget.exe", XLSX) == "budget.xlsx"


def test_the_extension_is_lowercased_and_the_name_kept() -> None:
    assert attachment_filename("Self-audit 2008 FINAL.DOCX", DOCX) == "Self-audit 2008 FINAL.docx"


def test_a_name_without_an_extension_gets_one() -> None:
    assert attachment_filename("Minutes 12.03.2008", PDF) == "Minutes 12.03.2008.pdf"


def test_an_earlier_extension_that_is_not_last_stays_part_of_the_name() -> None:
    assert attachment_filename("notes.exe.pdf", PDF) == "notes.exe.pdf"


def test_a_client_path_is_reduced_to_the_file_name() -> None:
    assert attachment_filename("C:\\fakepath\\audit.xlsx", XLSX) == "audit.xlsx"
    assert attachment_filename("../../etc/passwd", PDF) == "passwd.pdf"


def test_a_right_to_left_override_cannot_disguise_the_extension() -> None:
    # "invoice\u202efdp.exe" displays as "invoiceexe.pdf".
    assert attachment_filename("invoice\u202efdp.exe", PDF) == "invoice fdp.pdf"


def test_line_breaks_and_quotes_never_reach_the_name() -> None:
    assert attachment_filename('audit"\r\nSet-Cookie: x=1.pdf', PDF) == "audit Set-Cookie x=1.pdf"


def test_letters_beyond_ascii_are_kept() -> None:
    assert attachment_filename("Ynys Môn self-audit.odt", ODT) == "Ynys Môn self-audit.odt"


@pytest.mark.parametrize("original", ["", "...", "/", "C:\\fakepath\\", " \t "])
def test_a_name_with_nothing_left_becomes_attachment(original: str) -> None:
    assert attachment_filename(original, JPEG) == "attachment.jpg"


def test_a_very_long_name_is_shortened_but_keeps_its_extension() -> None:
    name = attachment_filename("a" * 400 + ".pdf", PDF)

    assert name.endswith(".pdf")
    assert len(name) <= 200  # the attachment table's filename column
