"""A region's documents as one .zip, streamed: each file loaded in its turn, never the whole archive held.

The standard library's `zipfile` writes the archive into a sink that cannot seek, so each entry's CRC
and sizes follow its data in a data descriptor (PKWARE APPNOTE 4.3.9) instead of being patched into its
header; whatever the sink holds is handed on after every slice, and only then is the next file loaded.
Zip64 records are added by `zipfile` itself, only if the archive ever grows past 4 GiB.
"""

import csv
import datetime
import hashlib
import io
import posixpath
import re
import unicodedata
import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from service.documents.filenames import MAX_NAME_LENGTH
from service.documents.funding_workbook import FORMULA_TRIGGERS
from service.planning.timetable import ENGLAND

MANIFEST_NAME = "manifest.csv"
MANIFEST_HEADER = ("path", "size", "sha256")
BYTE_ORDER_MARK = "\ufeff"
# Slices of a file fed to the compressor: what the stream hands on is of about this size or less.
SLICE_BYTES = 64 * 1024
FALLBACK_NAME = "file"

# Zip dates are local times from 1980 to 2107 (MS-DOS date format).
_EARLIEST = datetime.datetime(1980, 1, 1)  # noqa: DTZ001 (a zip time has no zone)
_LATEST = datetime.datetime(2107, 12, 31, 23, 59, 58)  # noqa: DTZ001
_UNIX = 3  # "made by" Unix whatever the platform, so that every server writes the same bytes
_FILE_MODE = 0o644 << 16  # rw-r--r-- when unzipped on Unix
# What no file or folder name should hold on any common system: path separators, quotes and the
# characters Windows refuses. Control characters are dropped before these become spaces.
_UNSAFE = re.compile(r'["\\/:*?<>|]')
_EXTENSION = re.compile(r"^\.[A-Za-z0-9]{1,10}$")
# Names Windows keeps for devices, with any extension: "CON", "nul.txt", "COM1.xlsx".
_RESERVED = re.compile(r"^(CON|PRN|AUX|NUL|COM[0-9]|LPT[0-9])(\..*)?$", re.IGNORECASE)


ZipTime = tuple[int, int, int, int, int, int]


@dataclass(frozen=True)
class PackEntry:
    """One file of a pack: where it goes, its time, and how to load its bytes when its turn comes."""

    path: str
    modified: datetime.datetime
    content: Callable[[], bytes]


@dataclass(frozen=True)
class ManifestRow:
    """A line of manifest.csv: a file's path in the pack, its size in bytes and its SHA-256."""

    path: str
    size: int
    sha256: str


def _clean_segment(segment: str) -> str:
    """A file or folder name without control characters, unsafe punctuation or edge spaces and dots."""
    # Control characters (CR, LF, NUL, tab…) and other invisible ones become spaces, as in download names.
    visible = "".join(" " if unicodedata.category(character)[0] == "C" else character for character in segment)
    spaced = _UNSAFE.sub(" ", visible)
    name = " ".join(spaced.split()).strip(" .")
    if name.startswith(FORMULA_TRIGGERS):
        # Kept from starting a formula in the manifest opened in a spreadsheet, or an option on a command line.
        name = "_" + name
    if _RESERVED.match(name):
        name = "_" + name
    return name


def _shorten(name: str, limit: int = MAX_NAME_LENGTH) -> str:
    """A name cut to the limit, its extension kept."""
    if len(name) <= limit:
        return name
    stem, extension = posixpath.splitext(name)
    if not _EXTENSION.match(extension):
        stem, extension = name, ""
    return stem[: limit - len(extension)].rstrip(" .") + extension


def safe_pack_path(path: str) -> str:
    """A relative path that unzips inside the folder it is unzipped to, on Windows, macOS and Linux.

    Backslashes count as separators; empty, "." and ".." segments are dropped, so no absolute path or
    climb out remains; control characters go, unsafe punctuation becomes spaces; each name is cut to
    the length a download name may have.
    """
    segments = [_shorten(_clean_segment(segment)) for segment in path.replace("\\", "/").split("/")]
    kept = [segment for segment in segments if segment]
    return "/".join(kept) or FALLBACK_NAME


def pack_path(*names: str) -> str:
    """A path from folder and file names that may hold slashes themselves: "2008/09" stays one name, "2008-09".

    Build an entry's path with this from names people typed (partnerships, plan years), so that a
    slash in one never makes a folder.
    """
    return "/".join(name.replace("/", "-").replace("\\", "-") for name in names)


def _numbered(name: str, number: int) -> str:
    """ "b.xlsx" as "b (2).xlsx"."""
    stem, extension = posixpath.splitext(name)
    if not _EXTENSION.match(extension):
        stem, extension = name, ""
    return f"{stem} ({number}){extension}"


class _UniquePaths:
    """Safe paths, each one new: a clash gets " (2)", " (3)" … before its extension.

    Paths are compared case-insensitively, as Windows and macOS compare file names when unzipping,
    and a file and a folder never share a path.
    """

    def __init__(self, reserved: Iterable[str] = ()) -> None:
        self._files: set[str] = {path.casefold() for path in reserved}
        self._folders: set[str] = set()

    def claim(self, path: str) -> str:
        *folders, name = safe_pack_path(path).split("/")
        parent = ""
        for folder in folders:
            # A folder may not have the path of a file already in the pack.
            candidate, number = posixpath.join(parent, folder), 1
            while candidate.casefold() in self._files:
                number += 1
                candidate = posixpath.join(parent, f"{folder} ({number})")
            parent = candidate
            self._folders.add(parent.casefold())
        candidate, number = posixpath.join(parent, name), 1
        while candidate.casefold() in self._files or candidate.casefold() in self._folders:
            number += 1
            candidate = posixpath.join(parent, _numbered(name, number))
        self._files.add(candidate.casefold())
        return candidate


def _zip_time(moment: datetime.datetime) -> ZipTime:
    """A moment as a zip's local time: in England if it has a zone, as it is if not."""
    local = moment.astimezone(ENGLAND).replace(tzinfo=None) if moment.tzinfo is not None else moment
    local = min(max(local, _EARLIEST), _LATEST)
    return (local.year, local.month, local.day, local.hour, local.minute, local.second)


def _zip_info(path: str, date_time: ZipTime) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(path, date_time=date_time)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.create_system = _UNIX
    info.external_attr = _FILE_MODE
    return info


class _Sink:
    """Where zipfile writes: it keeps what it is given until `take` hands it on. It cannot seek."""

    def __init__(self) -> None:
        self._pieces: list[bytes] = []
        self.size = 0

    def write(self, data: bytes, /) -> int:
        self._pieces.append(bytes(data))
        self.size += len(data)
        return len(data)

    def flush(self) -> None:
        """Nothing to flush: `take` hands everything on."""

    def close(self) -> None:
        """Nothing to close: zipfile never closes a file object it was given."""

    def take(self) -> bytes:
        data = b"".join(self._pieces)
        self._pieces.clear()
        self.size = 0
        return data


def _write(archive: zipfile.ZipFile, sink: _Sink, info: zipfile.ZipInfo, content: bytes) -> Iterator[bytes]:
    """One entry, handed on in chunks of about a slice as it is compressed, and all of it by the end."""
    info.file_size = len(content)  # zipfile decides from it whether the entry needs zip64 sizes
    view = memoryview(content)
    with archive.open(info, "w") as entry:
        for start in range(0, len(view), SLICE_BYTES):
            entry.write(view[start : start + SLICE_BYTES])
            if sink.size >= SLICE_BYTES:
                yield sink.take()
    if data := sink.take():  # the compressor's last bytes and the data descriptor
        yield data


def manifest_csv(rows: Iterable[ManifestRow]) -> str:
    """manifest.csv: a header, then path, size and SHA-256 for each file, with CRLF line ends (RFC 4180).

    It starts with a byte order mark, so that Excel reads it as UTF-8 ("Ynys Môn", not "Ynys MÃ´n");
    read it with the "utf-8-sig" codec.
    """
    text = io.StringIO()
    text.write(BYTE_ORDER_MARK)
    writer = csv.writer(text, lineterminator="\r\n")
    writer.writerow(MANIFEST_HEADER)
    writer.writerows((row.path, row.size, row.sha256) for row in rows)
    return text.getvalue()


def stream_zip_of(entries: Iterable[PackEntry]) -> Iterator[bytes]:
    """The pack as chunks of a .zip, with manifest.csv last; each file is loaded only when its turn comes.

    Paths are made safe (`safe_pack_path`) and unique; the manifest lists them as they are in the
    archive. At most one file's bytes and a slice of compressed output are held at a time.
    """
    sink = _Sink()
    paths = _UniquePaths(reserved=[MANIFEST_NAME])
    rows: list[ManifestRow] = []
    latest = _zip_time(_EARLIEST)  # the manifest's time: the latest file's
    # Deflated, even Office files (themselves zips, so little smaller): every entry then has a
    # data descriptor after compressed data, which streaming unzippers read, where stored data with
    # one can defeat them.
    archive = zipfile.ZipFile(sink, "w", zipfile.ZIP_DEFLATED)
    for pack_entry in entries:
        path = paths.claim(pack_entry.path)
        content = pack_entry.content()
        rows.append(ManifestRow(path, len(content), hashlib.sha256(content).hexdigest()))
        info = _zip_info(path, _zip_time(pack_entry.modified))
        latest = max(latest, info.date_time)
        yield from _write(archive, sink, info, content)
        del content
    manifest = manifest_csv(rows).encode("utf-8")
    yield from _write(archive, sink, _zip_info(MANIFEST_NAME, latest), manifest)
    archive.close()
    if data := sink.take():  # the central directory and its end record
        yield data


def pack_manifest(entries: Iterable[PackEntry]) -> str:
    """The manifest.csv that `stream_zip_of` writes for these entries (loading every file to hash it)."""
    paths = _UniquePaths(reserved=[MANIFEST_NAME])
    rows = []
    for entry in entries:
        content = entry.content()
        rows.append(ManifestRow(paths.claim(entry.path), len(content), hashlib.sha256(content).hexdigest()))
    return manifest_csv(rows)
