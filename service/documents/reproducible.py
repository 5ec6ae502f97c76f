"""Byte-for-byte reproducible Office files: every zip entry stamped with one fixed time."""

import datetime
import struct

# The zip format (PKWARE APPNOTE 4.3.7, 4.3.12, 4.3.16) as openpyxl and python-docx write it:
# no archive comment, no zip64, no data descriptors.
_END_OF_CENTRAL_DIRECTORY = b"PK\x05\x06"
_CENTRAL_HEADER = b"PK\x01\x02"
_LOCAL_HEADER = b"PK\x03\x04"
_CENTRAL_HEADER_SIZE = 46
_UNIX = 3  # "made by" Unix whatever the platform, so that Windows and Linux give the same bytes
_EARLIEST = datetime.date(1980, 1, 1)  # zip dates start in 1980


def document_timestamp(document_date: datetime.date) -> datetime.datetime:
    """Midnight at the start of the document's date: its created and modified time."""
    return datetime.datetime(document_date.year, document_date.month, document_date.day)  # noqa: DTZ001


def _dos_date(date: datetime.date) -> int:
    date = max(date, _EARLIEST)
    return ((date.year - 1980) << 9) | (date.month << 5) | date.day


def reproducible_zip(data: bytes, document_date: datetime.date) -> bytes:
    """Stamp every entry of a zip (xlsx, docx) with the document's date instead of the clock's.

    The timestamps are patched where they sit, in each local and central header, rather than the
    archive being rewritten: recompressing every part would cost more than rendering it.
    """
    archive = bytearray(data)
    end = archive.rfind(_END_OF_CENTRAL_DIRECTORY)
    if end < 0:
        raise ValueError("not a zip archive")
    entries, _, central_offset = struct.unpack_from("<HII", archive, end + 10)
    dos_date = _dos_date(document_date)
    offset = central_offset
    for _ in range(entries):
        if archive[offset : offset + 4] != _CENTRAL_HEADER:
            raise ValueError("unexpected zip central directory")
        archive[offset + 5] = _UNIX
        struct.pack_into("<HH", archive, offset + 12, 0, dos_date)
        name_length, extra_length, comment_length = struct.unpack_from("<HHH", archive, offset + 28)
        (local_offset,) = struct.unpack_from("<I", archive, offset + 42)
        if archive[local_offset : local_offset + 4] != _LOCAL_HEADER:
            raise ValueError("unexpected zip local header")
        struct.pack_into("<HH", archive, local_offset + 10, 0, dos_date)
        offset += _CENTRAL_HEADER_SIZE + name_length + extra_length + comment_length
    return bytes(archive)
