"""A region's pack: a valid zip streamed entry by entry, safe unique paths, a manifest, little memory."""

import csv
import datetime
import functools
import hashlib
import io
import random
import tracemalloc
import zipfile
from collections.abc import Callable, Iterator

import pytest

from service.oversight.region_pack import (
    MANIFEST_NAME,
    PackEntry,
    pack_manifest,
    pack_path,
    safe_pack_path,
    stream_zip_of,
)

WINTER = datetime.datetime(2008, 1, 14, 9, 30, 12, tzinfo=datetime.UTC)
SUMMER = datetime.datetime(2008, 7, 1, 23, 30, tzinfo=datetime.UTC)  # 00:30 on 2 July in England (BST)
PARTNERSHIP = "Birmingham Drug Action Team"


def noise(seed: int, size: int) -> bytes:
    """Incompressible bytes, the same for a seed: deflate cannot hide how much went through."""
    return random.Random(seed).randbytes(size)  # noqa: S311 (test data, not a secret)


def fixed(content: bytes) -> Callable[[], bytes]:
    return lambda: content


def sample_entries() -> list[PackEntry]:
    return [
        PackEntry(f"{PARTNERSHIP}/submission 2 (final)/part-4-funding.xlsx", WINTER, fixed(b"PK\x03\x04 a workbook")),
        PackEntry(f"{PARTNERSHIP}/submission 2 (final)/part-1-strategic-summary.docx", WINTER, fixed(b"words " * 5000)),
        PackEntry("Ynys Môn Drug and Alcohol Action Team/submission 1/part-2-targets.docx", SUMMER, fixed(b"")),
    ]


def archive_of(entries: list[PackEntry]) -> zipfile.ZipFile:
    return zipfile.ZipFile(io.BytesIO(b"".join(stream_zip_of(entries))))


def manifest_rows(archive: zipfile.ZipFile) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(archive.read(MANIFEST_NAME).decode("utf-8-sig"))))


def test_the_stream_is_a_valid_zip_with_every_entry_in_order_and_the_manifest_last() -> None:
    entries = sample_entries()

    with archive_of(entries) as archive:
        assert archive.testzip() is None  # every CRC checks out
        assert archive.namelist() == [entry.path for entry in entries] + [MANIFEST_NAME]
        for entry in entries:
            assert archive.read(entry.path) == entry.content()
        assert all(info.compress_type == zipfile.ZIP_DEFLATED for info in archive.infolist())


def test_entries_keep_their_time_in_england_and_the_manifest_has_the_latest() -> None:
    with archive_of(sample_entries()) as archive:
        times = [info.date_time for info in archive.infolist()]

    # Zip times are local and to two seconds: 09:30:12 GMT; 23:30 UTC is 00:30 the next day in BST.
    assert times == [(2008, 1, 14, 9, 30, 12)] * 2 + [(2008, 7, 2, 0, 30, 0)] * 2


def test_the_same_entries_give_the_same_bytes() -> None:
    assert b"".join(stream_zip_of(sample_entries())) == b"".join(stream_zip_of(sample_entries()))


def test_an_empty_pack_holds_just_an_empty_manifest() -> None:
    with archive_of([]) as archive:
        assert archive.testzip() is None
        assert archive.namelist() == [MANIFEST_NAME]
        assert manifest_rows(archive) == []


def test_each_file_is_loaded_only_once_everything_before_it_has_been_handed_on() -> None:
    handed_on = bytearray()
    events: list[str] = []
    loaded_at: list[int] = []  # how many bytes had been handed on when each file was loaded

    def content(index: int) -> Callable[[], bytes]:
        def load() -> bytes:
            events.append(f"load {index}")
            loaded_at.append(len(handed_on))
            return noise(index, 150_000)  # more than one slice each

        return load

    def entries() -> Iterator[PackEntry]:
        for index in range(4):
            events.append(f"entry {index}")
            yield PackEntry(f"pack/file {index}.bin", WINTER, content(index))

    stream = stream_zip_of(entries())
    assert events == []  # nothing is read before the first chunk is asked for

    handed_on += next(stream)
    assert events == ["entry 0", "load 0"]  # the first file only
    for chunk in stream:
        loaded = sum(event.startswith("load") for event in events)
        handed_on += chunk
        assert sum(event.startswith("load") for event in events) == loaded  # handing on loads nothing

    assert events == [f"{kind} {index}" for index in range(4) for kind in ("entry", "load")]
    with zipfile.ZipFile(io.BytesIO(bytes(handed_on))) as archive:
        assert archive.testzip() is None
        offsets = [info.header_offset for info in archive.infolist()[:4]]
    # File i was loaded when exactly the entries before it had been handed on, not a byte more or less.
    assert loaded_at == offsets


def test_chunks_come_while_a_large_file_is_written_not_only_at_its_end() -> None:
    big = noise(1, 1_000_000)

    chunks = list(stream_zip_of([PackEntry("big.bin", WINTER, fixed(big))]))

    assert len(chunks) > 10
    assert max(len(chunk) for chunk in chunks[:-2]) < 200_000


@pytest.mark.parametrize(
    ("unsafe", "safe"),
    [
        ("../../etc/passwd", "etc/passwd"),
        ("/absolute/path.xlsx", "absolute/path.xlsx"),
        ("C:\\Windows\\System32\\evil.docx", "C/Windows/System32/evil.docx"),
        ("a\\..\\..\\b.docx", "a/b.docx"),
        ("./a/./b/../c.xlsx", "a/b/c.xlsx"),
        ("Line\r\nbreak\x00and\x1bescape/part.xlsx", "Line break and escape/part.xlsx"),
        ("  spaced  out .  /trailing dots.../x.xlsx", "spaced out/trailing dots/x.xlsx"),
        ('what?*<>|:"name/part.xlsx', "what name/part.xlsx"),
        ("=HYPERLINK(1)/-rf/part.xlsx", "_=HYPERLINK(1)/_-rf/part.xlsx"),
        ("CON/nul.txt", "_CON/_nul.txt"),
        ("Ynys Môn/part ŵ 🙂.docx", "Ynys Môn/part ŵ 🙂.docx"),
        ("", "file"),
        ("../..", "file"),
        ("x" * 300 + ".xlsx", "x" * 145 + ".xlsx"),
    ],
)
def test_unsafe_paths_are_made_safe(unsafe: str, safe: str) -> None:
    assert safe_pack_path(unsafe) == safe


def test_a_slash_in_a_name_makes_no_folder_when_paths_are_built_from_names() -> None:
    path = pack_path("Bath / North East Somerset", "2008/09", "C:\\part.xlsx")

    assert path == "Bath - North East Somerset/2008-09/C:-part.xlsx"
    assert safe_pack_path(path) == "Bath - North East Somerset/2008-09/C -part.xlsx"


def test_unsafe_paths_unzip_inside_the_pack() -> None:
    entries = [PackEntry(path, WINTER, fixed(b"x")) for path in ("../escape.txt", "/etc/cron.d/job", "..\\..\\win.ini")]

    with archive_of(entries) as archive:
        names = archive.namelist()

    assert names == ["escape.txt", "etc/cron.d/job", "win.ini", MANIFEST_NAME]
    assert not any(name.startswith("/") or ".." in name.split("/") or "\\" in name for name in names)


def test_paths_that_clash_are_numbered_before_their_extension() -> None:
    paths = [
        "Birmingham/part-4-funding.xlsx",
        "Birmingham/part-4-funding.xlsx",
        "BIRMINGHAM/Part-4-Funding.xlsx",  # the same file when unzipped on Windows or macOS
        "./Birmingham//part-4-funding.xlsx",  # the same once made safe
        "manifest.csv",  # the manifest keeps its name
        "Birmingham",  # a file may not take a folder's name
        "notes",
        "notes/readme",  # nor a folder a file's
    ]
    entries = [PackEntry(path, WINTER, fixed(path.encode())) for path in paths]

    with archive_of(entries) as archive:
        names = archive.namelist()
        contents = [archive.read(name) for name in names[:-1]]

    assert names == [
        "Birmingham/part-4-funding.xlsx",
        "Birmingham/part-4-funding (2).xlsx",
        "BIRMINGHAM/Part-4-Funding (3).xlsx",
        "Birmingham/part-4-funding (4).xlsx",
        "manifest (2).csv",
        "Birmingham (2)",
        "notes",
        "notes (2)/readme",
        MANIFEST_NAME,
    ]
    assert contents == [path.encode() for path in paths]


def test_the_manifest_lists_each_file_as_packed_with_its_size_and_sha256() -> None:
    entries = [*sample_entries(), sample_entries()[0]]

    with archive_of(entries) as archive:
        rows = manifest_rows(archive)
        packed = {name: archive.read(name) for name in archive.namelist()[:-1]}
        raw = archive.read(MANIFEST_NAME)

    assert raw.startswith(b"\xef\xbb\xbfpath,size,sha256\r\n")  # a BOM, so Excel reads UTF-8
    assert [row["path"] for row in rows] == list(packed)
    assert rows[-1]["path"] == f"{PARTNERSHIP}/submission 2 (final)/part-4-funding (2).xlsx"
    for row in rows:
        content = packed[row["path"]]
        assert int(row["size"]) == len(content)
        assert row["sha256"] == hashlib.sha256(content).hexdigest()
    assert raw.decode("utf-8") == pack_manifest(entries)


def test_streaming_a_large_pack_holds_one_file_at_a_time() -> None:
    """150 files of about 200 KB: 30 MB of files, held one at a time, not the archive nor every file."""
    count, size = 150, 200_000
    entries = (
        PackEntry(f"partnership {index}/part-4-funding.xlsx", WINTER, functools.partial(noise, index, size))
        for index in range(count)
    )
    streamed = 0

    tracemalloc.start()
    try:
        for chunk in stream_zip_of(entries):
            streamed += len(chunk)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()

    assert streamed > count * size  # the files went through (incompressible, so nothing shrank)
    assert peak < 5 * 1024 * 1024, f"peak {peak:,} bytes"  # the whole archive would be over 30 MB
