"""Reproducible zips and the document context."""

import datetime
import io
import zipfile

import pytest

from service.documents.context import DocumentContext, long_date
from service.documents.reproducible import reproducible_zip
from tests.documents.document_builders import document_context


def _zip(stamp: tuple[int, int, int, int, int, int]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in ("[Content_Types].xml", "word/document.xml"):
            archive.writestr(zipfile.ZipInfo(name, date_time=stamp), f"<{name}/>")
    return buffer.getvalue()


def test_zips_made_at_different_times_become_identical() -> None:
    date = datetime.date(2008, 3, 14)

    first = reproducible_zip(_zip((2026, 1, 2, 3, 4, 6)), date)
    second = reproducible_zip(_zip((2030, 12, 31, 23, 59, 58)), date)

    assert first == second
    with zipfile.ZipFile(io.BytesIO(first)) as archive:
        assert archive.testzip() is None
        assert [entry.date_time for entry in archive.infolist()] == [(2008, 3, 14, 0, 0, 0)] * 2
        assert archive.read("word/document.xml") == b"<word/document.xml/>"


def test_a_date_before_zip_time_began_is_stamped_1_january_1980() -> None:
    with zipfile.ZipFile(io.BytesIO(reproducible_zip(_zip((2026, 1, 2, 3, 4, 6)), datetime.date(1975, 6, 1)))) as zf:
        assert {entry.date_time for entry in zf.infolist()} == {(1980, 1, 1, 0, 0, 0)}


def test_something_that_is_not_a_zip_is_refused() -> None:
    with pytest.raises(ValueError, match="not a zip archive"):
        reproducible_zip(b"plain text", datetime.date(2008, 1, 1))


def test_dates_are_written_in_english_whatever_the_locale() -> None:
    assert long_date(datetime.date(2009, 3, 31)) == "31 March 2009"


def test_table_2_always_has_ten_categories() -> None:
    with pytest.raises(ValueError, match="10 expenditure categories"):
        document_context(expenditure_categories=("Only one",))
    assert isinstance(document_context(), DocumentContext)


def test_a_partnership_name_with_a_control_character_is_refused_before_any_document() -> None:
    with pytest.raises(ValueError, match="control character"):
        document_context(partnership_name="Birmingham\x00")
