"""Download names: a safe ASCII fallback and the exact UTF-8 name, in one Content-Disposition header."""

from urllib.parse import unquote

import pytest

from service.documents.filenames import content_disposition, safe_download_name


def test_a_plain_name_is_kept_as_it_is() -> None:
    ascii_name, encoded = safe_download_name("Birmingham Drug Action Team", "Part 4 funding 2008-09", "xlsx")

    assert ascii_name == "Birmingham Drug Action Team Part 4 funding 2008-09.xlsx"
    assert encoded == "UTF-8''Birmingham%20Drug%20Action%20Team%20Part%204%20funding%202008-09.xlsx"


def test_welsh_letters_are_transliterated_in_ascii_and_kept_in_utf_8() -> None:
    ascii_name, encoded = safe_download_name("Ynys Môn a Gŵyr", "Part 1", "docx")

    assert ascii_name == "Ynys Mon a Gwyr Part 1.docx"
    assert unquote(encoded.removeprefix("UTF-8''")) == "Ynys Môn a Gŵyr Part 1.docx"


def test_letters_without_an_ascii_form_are_replaced_in_ascii_only() -> None:
    ascii_name, encoded = safe_download_name("مرحبا 🙂", "Part 3", "docx")

    assert ascii_name == "_____ _ Part 3.docx"
    assert unquote(encoded.removeprefix("UTF-8''")) == "مرحبا 🙂 Part 3.docx"


@pytest.mark.parametrize(
    "hostile",
    ['evil"; filename="x.exe', "a\r\nSet-Cookie: x=1", "../../etc/passwd", "..\\..\\boot.ini", "C:\\x|y<z>*?"],
)
def test_quotes_line_breaks_and_path_separators_never_reach_the_header(hostile: str) -> None:
    header = content_disposition(hostile, "Part 4", "xlsx")
    ascii_name, encoded = safe_download_name(hostile, "Part 4", "xlsx")

    for forbidden in ('"', "\r", "\n", "/", "\\"):
        assert forbidden not in ascii_name
        assert forbidden not in unquote(encoded.removeprefix("UTF-8''"))
    assert header.count('"') == 2
    assert "\r" not in header
    assert "\n" not in header
    assert not ascii_name.startswith(".")


def test_the_header_carries_both_names() -> None:
    header = content_disposition("Ynys Môn", "Part 2", "docx")

    assert header == "attachment; filename=\"Ynys Mon Part 2.docx\"; filename*=UTF-8''Ynys%20M%C3%B4n%20Part%202.docx"
    assert content_disposition("X", "Part 2", "docx", inline=True).startswith("inline; ")


def test_an_empty_or_unusable_name_falls_back_to_plan() -> None:
    assert safe_download_name('"/\\', "", "xlsx")[0] == "plan.xlsx"


def test_a_very_long_name_is_shortened() -> None:
    ascii_name, _ = safe_download_name("A" * 1000, "Part 1", "docx")

    assert len(ascii_name) <= 160


def test_an_extension_must_be_a_plain_extension() -> None:
    with pytest.raises(ValueError, match="not a file extension"):
        safe_download_name("X", "Part 1", "docx\r\nX-Evil: 1")
