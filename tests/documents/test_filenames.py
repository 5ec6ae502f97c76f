"""Download names: one scheme for every document, a safe ASCII fallback and the exact UTF-8 name in the header."""

from urllib.parse import unquote

import pytest

from plan_schema.vocabulary import PartName
from service.documents.filenames import MAX_NAME_LENGTH, document_filename, file_disposition


def test_a_submitted_document_is_named_by_partnership_year_part_stage_and_number() -> None:
    name = document_filename(
        "Birmingham Drug Action Team", "2027/28", PartName.STRATEGIC_SUMMARY, "final submission 2", "docx"
    )

    assert name == "Birmingham Drug Action Team 2027-28 Part 1 strategic summary (final submission 2).docx"


def test_drafts_and_blank_templates_follow_the_same_scheme() -> None:
    draft = document_filename("Birmingham Drug Action Team", "2027/28", PartName.PLANNING_GRIDS, "draft", "docx")
    template = document_filename("", "2027/28", PartName.FUNDING, "blank template", "xlsx")

    assert draft == "Birmingham Drug Action Team 2027-28 Part 3 planning grids (draft).docx"
    assert template == "2027-28 Part 4 funding (blank template).xlsx"


def test_a_very_long_partnership_name_is_shortened_and_the_rest_of_the_name_kept() -> None:
    name = document_filename("A" * 1000, "2027/28", PartName.TARGETS, "initial submission 1", "docx")

    assert name.endswith(" 2027-28 Part 2 targets (initial submission 1).docx")
    assert len(name) <= MAX_NAME_LENGTH + len(".docx")


def test_welsh_letters_are_transliterated_in_ascii_and_kept_in_utf_8() -> None:
    header = file_disposition(document_filename("Ynys Môn a Gŵyr", "2027/28", PartName.TARGETS, "draft", "docx"))

    assert header == (
        'attachment; filename="Ynys Mon a Gwyr 2027-28 Part 2 targets (draft).docx"; '
        "filename*=UTF-8''Ynys%20M%C3%B4n%20a%20G%C5%B5yr%202027-28%20Part%202%20targets%20%28draft%29.docx"
    )


def test_letters_without_an_ascii_form_are_replaced_in_ascii_only() -> None:
    header = file_disposition(document_filename("مرحبا 🙂", "2027/28", PartName.PLANNING_GRIDS, "draft", "docx"))

    assert 'filename="_____ _ 2027-28 Part 3 planning grids (draft).docx"' in header
    assert unquote(header.split("filename*=UTF-8''")[1]) == "مرحبا 🙂 2027-28 Part 3 planning grids (draft).docx"


@pytest.mark.parametrize(
    "hostile",
    ['evil"; filename="x.exe', "a\r\nSet-Cookie: x=1", "../../etc/passwd", "..\\..\\boot.ini", "C:\\x|y<z>*?"],
)
def test_quotes_line_breaks_and_path_separators_never_reach_the_header(hostile: str) -> None:
    name = document_filename(hostile, "2027/28", PartName.FUNDING, "draft", "xlsx")
    header = file_disposition(name)

    for forbidden in ('"', "\r", "\n", "/", "\\"):
        assert forbidden not in name
        assert forbidden not in unquote(header.split("filename*=UTF-8''")[1])
    assert header.count('"') == 2
    assert not name.startswith(".")


def test_an_extension_must_be_a_plain_extension() -> None:
    with pytest.raises(ValueError, match="not a file extension"):
        document_filename("X", "2027/28", PartName.STRATEGIC_SUMMARY, "draft", "docx\r\nX-Evil: 1")
