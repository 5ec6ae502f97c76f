"""What a Word document is and how it reads: draft or submission, its properties, fonts, Part 3's layout."""

import datetime
import io
import itertools
import zipfile

import pytest
from docx import Document
from docx.oxml.ns import qn

from plan_schema.planning_grids import PlanningGrids
from plan_schema.strategic_summary import StrategicSummary
from plan_schema.vocabulary import STANDARD_GRID_TITLES
from service.documents.context import Submitted
from service.documents.word import render_planning_grids_docx, render_strategic_summary_docx
from tests.documents.document_builders import PARTNERSHIP, demo_grids, demo_summary, document_context
from tests.documents.test_word import RENDERERS, opened, styled

SHA = "0123456789abcdef" * 4
SUBMITTED_AT = datetime.datetime(2008, 1, 14, 9, 30, 15, 123456, tzinfo=datetime.UTC)
SUBMITTED = Submitted(stage="final", number=2, submitted_at=SUBMITTED_AT, content_sha256=SHA)


def _member(data: bytes, name: str) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return archive.read(name).decode()


@pytest.mark.parametrize("part", RENDERERS)
def test_a_submitted_document_names_its_stage_number_date_and_snapshot_on_its_cover_and_footer(part: str) -> None:
    draft = RENDERERS[part](document_context())
    submitted = RENDERERS[part](document_context(submitted=SUBMITTED))

    assert draft != submitted
    document = opened(submitted)
    cover = [paragraph.text for paragraph in document.paragraphs[:6]]
    assert "Final submission 2, submitted 14 January 2008" in cover
    assert f"Snapshot SHA-256: {SHA}" in cover
    footer = [paragraph.text for paragraph in document.sections[0].footer.paragraphs]
    assert f"{PARTNERSHIP} – Final submission 2, submitted 14 January 2008" in footer
    assert f"Snapshot SHA-256: {SHA}" in footer
    assert "Draft — not submitted" not in _member(submitted, "word/footer1.xml")
    assert "Draft — not submitted" in _member(draft, "word/footer1.xml")
    assert SHA not in _member(draft, "word/footer1.xml")


@pytest.mark.parametrize("part", RENDERERS)
def test_properties_name_the_document_its_partnership_and_its_snapshots_time(part: str) -> None:
    data = RENDERERS[part](document_context(submitted=SUBMITTED))

    properties = Document(io.BytesIO(data)).core_properties
    assert properties.title.startswith(f"{PARTNERSHIP} 2008/09 Part {part[-1]}: ")
    assert properties.subject == "Adult drug treatment plan 2008/09 (final submission 2)"
    assert properties.author == PARTNERSHIP
    assert properties.created == properties.modified == SUBMITTED_AT.replace(microsecond=0)
    core, app = _member(data, "docProps/core.xml"), _member(data, "docProps/app.xml")
    assert "python-docx" not in core
    assert "Microsoft" not in app
    assert "<Pages>" not in app
    assert "<Words>" not in app


def test_a_drafts_time_is_when_its_part_was_last_saved() -> None:
    saved = datetime.datetime(2008, 1, 11, 16, 45, tzinfo=datetime.UTC)

    data = RENDERERS["part-1"](document_context(saved_at=saved))

    assert Document(io.BytesIO(data)).core_properties.modified == saved


@pytest.mark.parametrize("part", RENDERERS)
def test_every_style_names_one_font_and_none_leaves_it_to_the_theme(part: str) -> None:
    document = opened(RENDERERS[part](document_context()))
    styles = document.styles.element

    fonts = list(styles.iter(qn("w:rFonts")))
    text_styles = [style for style in styles.iter(qn("w:style")) if style.get(qn("w:type")) != "numbering"]
    unnamed = [
        style.get(qn("w:styleId")) for style in text_styles if style.find(f"{qn('w:rPr')}/{qn('w:rFonts')}") is None
    ]
    assert text_styles
    assert not unnamed
    assert {font.get(qn("w:ascii")) for font in fonts} == {"Arial"}
    assert not [font for font in fonts if font.get(qn("w:asciiTheme")) or font.get(qn("w:hAnsiTheme"))]


def test_part_1_never_has_two_headings_alike_one_after_the_other() -> None:
    document = opened(render_strategic_summary_docx(demo_summary(), document_context()))

    headings = [
        paragraph.text
        for paragraph in document.paragraphs
        if paragraph.style and paragraph.style.name.startswith("Heading")
    ]
    assert [heading for heading in headings if heading.startswith("Key priorities")] == ["Key priorities for 2008/09"]
    first_words = [" ".join(heading.split()[:2]) for heading in headings]
    assert all(before != after for before, after in itertools.pairwise(first_words))


def test_part_1_without_key_priorities_or_their_narrative_says_it_is_not_written() -> None:
    document = opened(render_strategic_summary_docx(StrategicSummary(), document_context()))

    assert [paragraph.text for paragraph in document.paragraphs].count("Not written yet.") == 5


def test_part_3_grids_sit_under_the_guidances_two_headings_and_local_grids_after() -> None:
    grids = PlanningGrids.model_validate(
        demo_grids().model_dump() | {"grids": [*demo_grids().model_dump()["grids"], {"number": 5, "title": "Alcohol"}]}
    )

    document = opened(render_planning_grids_docx(grids, None, document_context()))

    assert styled(document, "Heading 1") == [
        "Drug system management",
        "Drug treatment delivery system – the treatment journey",
        "Local planning grids",
    ]
    headings = [
        paragraph.text for paragraph in document.paragraphs if style_name(paragraph) in ("Heading 1", "Heading 2")
    ]
    assert headings == [
        "Drug system management",
        f"Grid 1: {STANDARD_GRID_TITLES[1]}",
        "Drug treatment delivery system – the treatment journey",
        f"Grid 2: {STANDARD_GRID_TITLES[2]}",
        f"Grid 3: {STANDARD_GRID_TITLES[3]}",
        f"Grid 4: {STANDARD_GRID_TITLES[4]}",
        "Local planning grids",
        "Grid 5: Alcohol",
    ]


def style_name(paragraph: object) -> str:
    style = paragraph.style  # type: ignore[attr-defined]
    return style.name if style is not None else ""


def test_part_3_dates_fit_their_column_and_an_objective_keeps_with_its_first_action() -> None:
    grids = demo_grids()

    table = opened(render_planning_grids_docx(grids, None, document_context())).tables[0]

    objective_row, action_row = table.rows[1], table.rows[2]
    assert objective_row.cells[5].text == "30 Nov 2008"
    assert all(len(row.cells[5].text) <= len("30 Sep 2008") for row in table.rows[1:])
    assert all(cell.paragraphs[0].paragraph_format.keep_with_next for cell in objective_row.cells)
    assert not action_row.cells[1].paragraphs[0].paragraph_format.keep_with_next


def _may_split(row: object) -> bool:
    cant_split = row._tr.trPr.find(qn("w:cantSplit"))  # type: ignore[attr-defined]
    return cant_split is not None and cant_split.get(qn("w:val")) == "0"


def test_only_a_row_taller_than_a_page_may_split_across_pages() -> None:
    tall = "Treatment works when people stay in it long enough. " * 150
    grids = PlanningGrids.model_validate(
        {"grids": [{"number": 1, "objectives": [{"text": "Short", "actions": [{"text": tall}, {"text": "Short"}]}]}]}
    )

    rows = opened(render_planning_grids_docx(grids, None, document_context())).tables[0].rows

    assert [_may_split(row) for row in rows[1:]] == [False, True, False]
