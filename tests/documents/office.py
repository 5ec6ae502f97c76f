"""LibreOffice and poppler for the office tests: a private profile, several files in one call."""

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

TOOLS = ("soffice", "pdftotext", "pdfinfo", "pdffonts")
CONVERSION_TIMEOUT_SECONDS = 300


def require_office() -> Path:
    """The soffice executable; a skip on a developer's machine without it, a failure under CI."""
    missing = [tool for tool in TOOLS if shutil.which(tool) is None]
    if missing:
        message = f"the office tests need LibreOffice and poppler-utils; missing: {', '.join(missing)}"
        if os.environ.get("CI") == "true":
            pytest.fail(f"{message} (CI=true: they must run; .ci/run installs them)")
        pytest.skip(message)
    return Path(shutil.which("soffice") or "soffice")


def convert(soffice: Path, profile: Path, files: list[Path], target: str, directory: Path) -> list[Path]:
    """Convert files headlessly in one LibreOffice run with its own profile; the converted paths."""
    command = [
        str(soffice),
        "--headless",
        "--norestore",
        "--nolockcheck",
        f"-env:UserInstallation={profile.as_uri()}",
        "--convert-to",
        target,
        "--outdir",
        str(directory),
        *(str(file) for file in files),
    ]
    result = subprocess.run(command, capture_output=True, text=True, timeout=CONVERSION_TIMEOUT_SECONDS, check=False)  # noqa: S603
    converted = [directory / f"{file.stem}.{target}" for file in files]
    missing = [path.name for path in converted if not path.exists()]
    assert not missing, f"LibreOffice did not write {missing}: {result.stdout}{result.stderr}"
    return converted


def _tool(name: str, *arguments: str) -> str:
    executable = shutil.which(name) or name
    completed = subprocess.run([executable, *arguments], capture_output=True, check=True, timeout=60)  # noqa: S603
    return completed.stdout.decode("utf-8")


def pdf_info(pdf: Path, *arguments: str) -> str:
    """What poppler's pdfinfo says of a PDF (with -f/-l, each page's size too)."""
    return _tool("pdfinfo", *arguments, str(pdf))


def pdf_pages(pdf: Path) -> int:
    match = re.search(r"^Pages:\s+(\d+)", _tool("pdfinfo", str(pdf)), re.MULTILINE)
    assert match, f"pdfinfo found no page count in {pdf}"
    return int(match.group(1))


def pdf_page_text(pdf: Path, page: int) -> str:
    """One page's text, with runs of white space made single spaces."""
    return " ".join(_tool("pdftotext", "-f", str(page), "-l", str(page), "-layout", str(pdf), "-").split())


def pdf_words(pdf: Path, page: int) -> list[tuple[str, float]]:
    """Each word of a page with its height in points (the font's size times its line height), by `pdftotext -bbox`."""
    page_xml = _tool("pdftotext", "-bbox", "-f", str(page), "-l", str(page), str(pdf), "-")
    words = re.findall(r'<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)</word>', page_xml)
    return [(text, float(bottom) - float(top)) for top, bottom, text in words]


def pdf_word_boxes(pdf: Path, page: int) -> list[tuple[str, float, float, float, float]]:
    """Each word of a page with its box in points from the top left (xMin, yMin, xMax, yMax), by `pdftotext -bbox`.

    Text a cell cuts off (clips) is still in the PDF, where it would have been printed: its box says so.
    """
    page_xml = _tool("pdftotext", "-bbox", "-f", str(page), "-l", str(page), str(pdf), "-")
    pattern = r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>'
    words = re.findall(pattern, page_xml)
    return [(text, float(left), float(top), float(right), float(bottom)) for left, top, right, bottom, text in words]


def pdf_page_size(pdf: Path) -> tuple[float, float]:
    """The first page's width and height in points, by pdfinfo (every page of ours has the same)."""
    match = re.search(r"^Page size:\s+([\d.]+) x ([\d.]+)", _tool("pdfinfo", str(pdf)), re.MULTILINE)
    assert match, f"pdfinfo found no page size in {pdf}"
    return float(match.group(1)), float(match.group(2))


def pdf_page_lines(pdf: Path, page: int) -> list[str]:
    """One page's text as laid out, line by line (what wraps onto a second line shows as two)."""
    return _tool("pdftotext", "-f", str(page), "-l", str(page), "-layout", str(pdf), "-").splitlines()


def pdf_font_families(pdf: Path) -> set[str]:
    """The families of the fonts a PDF embeds: "DejaVuSans" for ABCDEF+DejaVuSans-Bold."""
    rows = _tool("pdffonts", str(pdf)).splitlines()[2:]  # after the heading and its rule
    names = [row.split()[0] for row in rows if row.strip()]
    return {name.split("+")[-1].split("-")[0].split(",")[0] for name in names}


# LibreOffice keeps the cached values of a workbook it takes for Excel's (XlsxWriter's say so) unless told to
# recalculate on load: without this, a "recalculated" workbook only shows the values we wrote.
ALWAYS_RECALCULATE = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema"
 xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load">
 <prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop>
</item>
</oor:items>
"""


def recalculating_profile(profile: Path) -> Path:
    """A LibreOffice profile that recalculates every formula of a workbook it opens (0: always)."""
    (profile / "user").mkdir(parents=True, exist_ok=True)
    (profile / "user" / "registrymodifications.xcu").write_text(ALWAYS_RECALCULATE)
    return profile


def pdf_reading_text(pdf: Path) -> str:
    """The whole PDF's text in reading order, white space made single spaces: a table cell's wrapped lines join up."""
    return " ".join(_tool("pdftotext", str(pdf), "-").split())
